"""The model's inlines → boxes, glue and penalties, measured with the font's kerning.

What the line breaker (`linebreak.py`) weighs: each word is a box (or several, split at the
places it may be hyphenated), each space a glue, each break point a penalty. The rules of
good breaking that are not the breaker's own live here, as costs on those items: names break
only where nothing else works, a paragraph never ends on a stub of a word or on fewer than
five letters, a ragged heading never ends on one word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import groupby

from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from munpress.layout.linebreak import INFINITY, Box, Glue, Item, Penalty, pickled_by_fields
from munpress.layout.markup import SMALL_CAPS_STEP, note_label
from munpress.layout.shaping import kerns
from munpress.model.nodes import Inline, LineBreak, NoteRef, Text

SOFT_HYPHEN, NO_BREAK_SPACE = "\u00ad", "\u00a0"
# Characters the fonts lack or ReportLab would break at, set as their nearest kin.
_REPLACE = {"\u202f": NO_BREAK_SPACE, "\u2007": NO_BREAK_SPACE, "\t": " ", "\u2009": " ", "\u200a": " ",
            "\u2010": "-", "\u200b": "", "\u2060": "", "\ufeff": "", "\n": " ", "\r": " "}
HYPHEN_PENALTY = 50  # TeX's \hyphenpenalty and \exhyphenpenalty
# A name (a word with a capital) is divided only where nothing else works (TeX forbids it
# outright with \uchyph=0; a narrow column sometimes needs it).
NAME_HYPHEN_PENALTY = 1000
# What a break pays that would leave a paragraph's last line a stub, or a heading's last line
# one word: near TeX's infinity, so it is taken only when every other breaking is worse.
LAST_LINE_PENALTY = 5000
LAST_LINE_LETTERS = 5
# How far a justified line's spaces may stretch and shrink, as shares of the space (TeX's
# defaults are 1/2 and 1/3). Letters may be spaced at most 1% of the type size either way,
# in step with the spaces (see paragraph.SetParagraph._spacing): a line's colour changes with
# letter spacing at once, with word spacing hardly at all.
# Glyphs may also be widened or narrowed by at most 2% (pdfTeX's font expansion, the PDF's
# Tz), which the eye does not see as spacing; microtype's default limit.
SPACE_STRETCH, SPACE_SHRINK = 0.5, 0.4
TRACKING_LIMIT = 0.01
EXPANSION_LIMIT = 0.02
MIN_HYPHENATED_WORD = 5
_LETTERS = re.compile(r"[^\W\d_]+")
_SENTENCE_END = set(".!?…:")
_DASHES = {"—", "–", "-"}


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Run:
    """Text of one look: font, size, rise, decoration and link."""

    text: str
    font: str
    size: float
    rise: float = 0.0
    underline: bool = False
    strike: bool = False
    link: str | None = None


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Segment:
    """Characters of one run drawn together, with the kerning after each (thousandths of an
    em); the last one is the pair across a possible break and is dropped when the line ends."""

    text: str
    run: Run
    kerns: tuple[float, ...] = ()

    @property
    def width(self) -> float:
        return _width(self.text, self.run.font, self.run.size) + sum(self.kerns) * self.run.size / 1000

    @property
    def last_kern(self) -> float:
        return self.kerns[-1] * self.run.size / 1000 if self.kerns else 0.0

    def without_last_kern(self) -> "Segment":
        return Segment(self.text, self.run, self.kerns[:-1] + (0.0,)) if self.last_kern else self

    def joined(self, other: "Segment") -> "Segment":
        return Segment(self.text + other.text, self.run, _kerns_of(self) + _kerns_of(other))

    @property
    def kerned_pairs(self) -> int:
        return sum(1 for kern in self.kerns if kern)


def _kerns_of(segment: Segment) -> tuple[float, ...]:
    return segment.kerns or (0.0,) * len(segment.text)


@cache
def _width(text: str, font: str, size: float) -> float:
    return stringWidth(text, font, size)


def runs_from_inlines(inlines: tuple[Inline, ...], style: ParagraphStyle) -> list[Run | None]:
    """The inlines as runs; None marks a manual line break."""
    family, bold, italic = ps2tt(style.fontName)
    runs: list[Run | None] = []
    for node in inlines:
        if isinstance(node, LineBreak):
            runs.append(None)
        elif isinstance(node, NoteRef):
            runs.append(_run(note_label(node.number, node.kind), frozenset({"superscript"}), None,
                             family, bold, italic, style.fontSize))
        elif isinstance(node, Text):
            text = "".join(_REPLACE.get(ch, ch) for ch in node.text)
            if "allcaps" in node.marks:
                text = text.upper()
            if "smallcaps" in node.marks and "allcaps" not in node.marks:
                for smaller, chars in groupby(text, key=str.islower):
                    piece = "".join(chars)
                    runs.append(_run(piece.upper() if smaller else piece, node.marks, node.link, family,
                                     bold, italic, style.fontSize + (SMALL_CAPS_STEP if smaller else 0)))
            else:
                runs.append(_run(text, node.marks, node.link, family, bold, italic, style.fontSize))
    return runs


def _run(text: str, marks: frozenset[str], link: str | None, family: str, bold: int, italic: int,
         size: float) -> Run:
    font = tt2ps(family, int(bold or "bold" in marks), int(italic or "italic" in marks))
    rise = 0.0
    if "superscript" in marks:
        size, rise = size * 0.7, size * 0.35
    elif "subscript" in marks:
        size, rise = size * 0.7, -size * 0.15
    return Run(text, font, size, rise, "underline" in marks, "strike" in marks, link)


class _Word:
    """Characters between two spaces, with the places the word may break."""

    def __init__(self) -> None:
        self.chars: list[tuple[str, Run]] = []
        self.breaks: dict[int, str] = {}  # index -> "hyphen" (adds one) | "explicit" | "soft"

    def add(self, ch: str, run: Run) -> None:
        if ch == SOFT_HYPHEN:
            if self.chars:
                self.breaks[len(self.chars)] = "soft"
            return
        self.chars.append((ch, run))

    @property
    def text(self) -> str:
        return "".join(ch for ch, _ in self.chars)

    def kerning(self) -> list[float]:
        """The kerning after each character, shaped per run: no pair across two looks."""
        found: list[float] = []
        for run, chars in groupby(self.chars, key=lambda pair: pair[1]):
            found += kerns(run.font, "".join(ch for ch, _ in chars))
        return found


def _words_and_spaces(runs: list[Run | None]):
    """Yield _Word, (" " | NO_BREAK_SPACE, run) and None (line break) in order."""
    word = _Word()
    for run in runs:
        if run is None:
            if word.chars:
                yield word
                word = _Word()
            yield None
            continue
        for ch in run.text:
            if ch == " " or ch == NO_BREAK_SPACE:
                if word.chars:
                    yield word
                    word = _Word()
                yield (ch, run)
            else:
                word.add(ch, run)
    if word.chars:
        yield word


def _positions(hyphenator, word: str) -> list[int]:
    if hasattr(hyphenator, "positions"):
        return list(hyphenator.positions(word))
    return sorted(len(head) for head, _ in hyphenator(word))


def _find_breaks(word: _Word, hyphenator) -> None:
    """Where the word may break: the manuscript's soft hyphens win; then after its own
    hyphens; then the language's hyphenator on each run of letters."""
    if any(kind == "soft" for kind in word.breaks.values()):
        word.breaks = {i: "hyphen" for i in word.breaks}
        return
    text = word.text
    for match in re.finditer("-", text):
        i = match.end()
        left, right = text[:match.start()], text[i:]
        # "2024-жылы" and "25-й" stay whole; a break leaves two letters on each side
        if len(_LETTERS.findall(left[-2:])) and len(right) >= 2 and not left[-1:].isdigit() and len(left) >= 2:
            word.breaks[i] = "explicit"
    if hyphenator is None:
        return
    for match in _LETTERS.finditer(text):
        letters = match.group()
        if len(letters) < MIN_HYPHENATED_WORD or letters.isupper():
            continue
        for position in _positions(hyphenator, letters):
            word.breaks.setdefault(match.start() + position, "hyphen")


def _segments(chars: list[tuple[str, Run]], kerning: list[float]) -> tuple[Segment, ...]:
    segments: list[Segment] = []
    for (ch, run), kern in zip(chars, kerning):
        if segments and segments[-1].run is run:
            last = segments[-1]
            segments[-1] = Segment(last.text + ch, run, last.kerns + (kern,))
        else:
            segments.append(Segment(ch, run, (kern,)))
    return tuple(segments)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Breaking:
    """How one paragraph may break, beyond its language's word division."""

    hyphenator: object = None
    ragged: bool = False
    tracking: bool = True  # letters may be spaced (justified text)
    ending: str = "paragraph"  # "paragraph": ≥ 5 letters, no stub; "heading": never one word; "": none


def build_items(runs: list[Run | None], breaking: Breaking, longest_line: float) -> list[Item]:
    """Boxes, glue and penalties for the paragraph, ending with the usual fill and forced break."""
    items: list[Item] = []
    words: list[tuple[int, int]] = []  # each word's first and last item
    sentence_start = True  # a capital there starts a sentence; elsewhere it marks a name
    for token in _words_and_spaces(runs):
        if token is None:  # a manual line break: end the line here, unjustified
            items += [Glue(0, INFINITY, 0), Penalty(0, -INFINITY)]
        elif isinstance(token, tuple):
            ch, run = token
            space = _width(" ", run.font, run.size)
            if ch == NO_BREAK_SPACE:
                items.append(Penalty(0, INFINITY))
            if items and isinstance(items[-1], (Box, Penalty)) and not (
                    isinstance(items[-1], Penalty) and items[-1].penalty <= -INFINITY):
                items.append(Glue(space, 0 if breaking.ragged else space * SPACE_STRETCH,
                                  0 if breaking.ragged else space * SPACE_SHRINK, run))
        else:
            _find_breaks(token, breaking.hyphenator)
            start = len(items)
            text = token.text
            _add_word(items, token, longest_line, breaking.tracking, name=text[:1].isupper() and not sentence_start)
            words.append((start, len(items)))
            sentence_start = text[-1:] in _SENTENCE_END or text in _DASHES
    while items and isinstance(items[-1], Glue):
        items.pop()
    if breaking.ending:
        _guard_the_last_line(items, words, breaking.ending)
    items += [Penalty(0, INFINITY), Glue(0, INFINITY, 0), Penalty(0, -INFINITY)]
    return items


def _box(segments: tuple[Segment, ...], width: float, tracking: bool) -> Box:
    if not tracking:
        return Box(width, segments)
    ems = sum(len(segment.text) * segment.run.size for segment in segments)
    flex = ems * TRACKING_LIMIT + width * EXPANSION_LIMIT
    return Box(width, segments, flex, flex)


def _add_word(items: list[Item], word: _Word, longest_line: float, tracking: bool, name: bool) -> None:
    cuts = sorted(word.breaks)
    kerning = word.kerning()
    pieces, start = [], 0
    for cut in cuts + [len(word.chars)]:
        if cut > start:
            pieces.append((start, cut))
        start = cut
    for start, end in pieces:
        segments = _segments(word.chars[start:end], kerning[start:end])
        width = sum(segment.width for segment in segments)
        if width > longest_line:  # wider than any line (a long address): allow a break anywhere
            for index in range(start, end):
                segment = _segments(word.chars[index:index + 1], [0.0])
                items.append(_box(segment, segment[0].width, tracking))
                if index < end - 1:
                    items.append(Penalty(0, HYPHEN_PENALTY * 2))
        else:
            items.append(_box(segments, width, tracking))
        kind = word.breaks.get(end)
        if end < len(word.chars) and kind is not None:
            run = word.chars[end - 1][1]
            across = segments[-1].last_kern if width <= longest_line else 0.0  # the pair the break parts
            cost = NAME_HYPHEN_PENALTY if name and kind == "hyphen" else HYPHEN_PENALTY
            if kind == "hyphen":
                items.append(Penalty(_width("-", run.font, run.size) - across, cost, True, run))
            else:
                items.append(Penalty(-across, cost, kind == "explicit"))


def _guard_the_last_line(items: list[Item], words: list[tuple[int, int]], ending: str) -> None:
    """Make the breaks that would spoil the last line cost LAST_LINE_PENALTY: for a
    paragraph, any break inside its last word (a stub like «тат.») and any break, at a space
    or inside a word, leaving fewer than five letters; for a heading, the break before its
    last word."""
    if len(words) < 2:
        return
    start, end = words[-1]
    if ending == "heading":
        guarded = [start - 1] if start > 0 and isinstance(items[start - 1], Glue) else []
    else:
        for index in range(start, end):  # no hyphen in the last word
            _raise(items, index)
        guarded, count = [], 0
        for index in range(len(items) - 1, -1, -1):
            item = items[index]
            if isinstance(item, Box):
                count += sum(letters(segment.text) for segment in item.content)
            elif count >= LAST_LINE_LETTERS or (isinstance(item, Penalty) and item.penalty <= -INFINITY):
                break  # enough letters, or a manual line break: the last line starts there
            elif isinstance(item, Penalty):
                _raise(items, index)
            elif isinstance(item, Glue) and index > 0 and isinstance(items[index - 1], Box):
                guarded.append(index)
    for index in sorted(guarded, reverse=True):  # a costly break point in place of the glue's
        items.insert(index, Penalty(0, LAST_LINE_PENALTY))


def _raise(items: list[Item], index: int) -> None:
    item = items[index]
    if isinstance(item, Penalty) and -INFINITY < item.penalty < INFINITY:
        items[index] = Penalty(item.width, max(item.penalty, LAST_LINE_PENALTY), item.flagged, item.content)


def letters(text: str) -> int:
    return sum(len(match) for match in _LETTERS.findall(text))
