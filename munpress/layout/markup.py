"""Model inlines → ReportLab paragraph markup (the mini-HTML its Paragraph parses)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from munpress.model.nodes import Inline, InlineImage, LineBreak, NoteRef, Text

# Order matters only for nesting; each mark opens and closes its own tag.
_TAGS = (("bold", "b"), ("italic", "i"), ("underline", "u"), ("strike", "strike"),
         ("superscript", "super"), ("subscript", "sub"))

# ReportLab treats these as breakable spaces; in a manuscript they were meant not to break.
# Characters PT Serif/Sans lack get their nearest glyph: the thin and hair spaces a plain
# space, the Unicode hyphen the ASCII one; invisible joiners are left out.
_SPACES = {"\u202f": "\u00a0", "\u2007": "\u00a0", "\t": " ", "\u2009": " ", "\u200a": " ",
           "\u2010": "-", "\u200b": "", "\u2060": "", "\ufeff": ""}


# Small caps: lower-case letters as capitals this much smaller (ReportLab has no small caps).
SMALL_CAPS_STEP = -2


def _text_markup(node: Text) -> str:
    text = node.text.upper() if "allcaps" in node.marks else node.text
    text = "".join(_SPACES.get(ch, ch) for ch in text)
    if "smallcaps" in node.marks and "allcaps" not in node.marks:
        text = _small_caps(text)
    else:
        text = escape(text)
    for mark, tag in _TAGS:
        if mark in node.marks:
            text = f"<{tag}>{text}</{tag}>"
    return text


def to_markup(inlines: tuple[Inline, ...]) -> str:
    """Markup for text-only inlines; pictures must be split out first (`split_images`)."""
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            parts.append(_text_markup(node))
        elif isinstance(node, LineBreak):
            parts.append("<br/>")
        elif isinstance(node, NoteRef):
            parts.append(f"<super>{note_label(node.number, node.kind)}</super>")
    return "".join(parts).strip()


def _small_caps(text: str) -> str:
    """Escaped markup: runs of lower-case letters set as smaller capitals."""
    out, run = [], []
    for ch in text + "\0":
        if ch.islower():
            run.append(ch)
            continue
        if run:
            out.append(f'<font size="{SMALL_CAPS_STEP}">{escape("".join(run).upper())}</font>')
            run = []
        if ch != "\0":
            out.append(escape(ch))
    return "".join(out)


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def note_label(number: int, kind: str) -> str:
    """Footnotes are numbered 1, 2, 3; endnotes i, ii, iii, as Word numbers them by default,
    so both can stand at the article's end without being confused."""
    if kind != "endnote":
        return str(number)
    label = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        label.append(letters * count)
    return "".join(label)


def split_images(inlines: tuple[Inline, ...]) -> list[tuple[Inline, ...] | InlineImage]:
    """Cut a paragraph at its pictures: runs of text and the pictures between them, in order."""
    pieces: list[tuple[Inline, ...] | InlineImage] = []
    current: list[Inline] = []
    for node in inlines:
        if isinstance(node, InlineImage):
            if current:
                pieces.append(tuple(current))
                current = []
            pieces.append(node)
        else:
            current.append(node)
    if current:
        pieces.append(tuple(current))
    return pieces
