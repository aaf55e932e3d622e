"""Model inlines → ReportLab paragraph markup (the mini-HTML its Paragraph parses)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from munpress.model.nodes import Inline, InlineImage, LineBreak, NoteRef, Text

# Order matters only for nesting; each mark opens and closes its own tag.
_TAGS = (("bold", "b"), ("italic", "i"), ("underline", "u"), ("strike", "strike"),
         ("superscript", "super"), ("subscript", "sub"))

# ReportLab treats these as breakable spaces; in a manuscript they were meant not to break.
_SPACES = {"\u202f": "\u00a0", "\u2007": "\u00a0", "\t": " "}


def _text_markup(node: Text) -> str:
    text = node.text.upper() if "allcaps" in node.marks else node.text
    text = escape("".join(_SPACES.get(ch, ch) for ch in text))
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
            parts.append(f"<super>{node.number}</super>")
    return "".join(parts).strip()


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
