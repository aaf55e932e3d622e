"""`SetParagraph`: a paragraph of the model set with optimum-fit line breaking.

ReportLab's `Paragraph` breaks lines greedily, never hyphenates a word with ң, ө, ү or ё,
and cannot say how wide its spaces became. This flowable turns the model's inlines into
boxes, glue and penalties (`linebreak.py`), breaks them as a whole paragraph, and draws each
word at its computed place. It splits between columns and pages leaving no widow or orphan
and, where it can, no hyphen at the foot of a column; every drawn line is recorded with its
word spacing for the typography report.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from functools import cache
from itertools import groupby

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from munpress.layout.linebreak import (
    INFINITY,
    Box,
    Glue,
    Item,
    Line,
    NoFeasibleBreaks,
    Penalty,
    Settings,
    break_lines,
)
from munpress.layout.markup import SMALL_CAPS_STEP, note_label
from munpress.layout.pagemap import SetLine
from munpress.model.nodes import Inline, LineBreak, NoteRef, Text

SOFT_HYPHEN, NO_BREAK_SPACE = "\u00ad", "\u00a0"
# Characters the fonts lack or ReportLab would break at, set as their nearest kin.
_REPLACE = {"\u202f": NO_BREAK_SPACE, "\u2007": NO_BREAK_SPACE, "\t": " ", "\u2009": " ", "\u200a": " ",
            "\u2010": "-", "\u200b": "", "\u2060": "", "\ufeff": "", "\n": " ", "\r": " "}
HYPHEN_PENALTY = 50  # TeX's \hyphenpenalty and \exhyphenpenalty
# How far a justified line's spaces may stretch and shrink, as shares of the space (TeX's
# defaults are 1/2 and 1/3), and the letter spacing a line may take, in ems per letter: at
# most 2.5% wider or 1.25% tighter. Measured on issue 147 (bench/wordgaps.py, munpress report):
# without letter spacing 8% of the lines of a 85 mm column need spaces over 0.5 em.
SPACE_STRETCH, SPACE_SHRINK = 0.5, 0.4
TRACKING_STRETCH, TRACKING_SHRINK = 0.025, 0.0125
MIN_HYPHENATED_WORD = 5
_LETTERS = re.compile(r"[^\W\d_]+")
# Tolerances tried in turn: tight, looser, and an emergency that always succeeds.
TOLERANCES = (2.0, 4.0, 50.0)


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


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    run: Run

    @property
    def width(self) -> float:
        return _width(self.text, self.run.font, self.run.size)


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
        self.breaks: dict[int, str] = {}  # index -> "hyphen" (adds one) | "explicit" | "emergency"

    def add(self, ch: str, run: Run) -> None:
        if ch == SOFT_HYPHEN:
            if self.chars:
                self.breaks[len(self.chars)] = "soft"
            return
        self.chars.append((ch, run))

    @property
    def text(self) -> str:
        return "".join(ch for ch, _ in self.chars)


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


def _segments(chars: list[tuple[str, Run]]) -> tuple[Segment, ...]:
    segments: list[Segment] = []
    for ch, run in chars:
        if segments and segments[-1].run is run:
            segments[-1] = Segment(segments[-1].text + ch, run)
        else:
            segments.append(Segment(ch, run))
    return tuple(segments)


def build_items(runs: list[Run | None], hyphenator, style: ParagraphStyle, longest_line: float,
                ragged: bool) -> list[Item]:
    """Boxes, glue and penalties for the paragraph, ending with the usual fill and forced break."""
    items: list[Item] = []
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
                items.append(Glue(space, 0 if ragged else space * SPACE_STRETCH,
                                  0 if ragged else space * SPACE_SHRINK, run))
        else:
            _find_breaks(token, hyphenator)
            _add_word(items, token, longest_line, not ragged)
    while items and isinstance(items[-1], Glue):
        items.pop()
    items += [Penalty(0, INFINITY), Glue(0, INFINITY, 0), Penalty(0, -INFINITY)]
    return items


def _box(segments: tuple[Segment, ...], width: float, tracking: bool) -> Box:
    if not tracking:
        return Box(width, segments)
    ems = sum(len(segment.text) * segment.run.size for segment in segments)
    return Box(width, segments, ems * TRACKING_STRETCH, ems * TRACKING_SHRINK)


def _add_word(items: list[Item], word: _Word, longest_line: float, tracking: bool) -> None:
    cuts = sorted(word.breaks)
    pieces, start = [], 0
    for cut in cuts + [len(word.chars)]:
        if cut > start:
            pieces.append((start, cut))
        start = cut
    for start, end in pieces:
        segments = _segments(word.chars[start:end])
        width = sum(segment.width for segment in segments)
        if width > longest_line:  # wider than any line (a long address): allow a break anywhere
            for index in range(start, end):
                segment = _segments(word.chars[index:index + 1])
                items.append(_box(segment, segment[0].width, tracking))
                if index < end - 1:
                    items.append(Penalty(0, HYPHEN_PENALTY * 2))
        else:
            items.append(_box(segments, width, tracking))
        kind = word.breaks.get(end)
        if end < len(word.chars) and kind is not None:
            run = word.chars[end - 1][1]
            if kind == "hyphen":
                items.append(Penalty(_width("-", run.font, run.size), HYPHEN_PENALTY, True, run))
            else:
                items.append(Penalty(0, HYPHEN_PENALTY, kind == "explicit"))


def set_lines(items: list[Item], widths, ragged: bool, plain_line: int = -1) -> list[Line]:
    """Optimum breaks, loosening the tolerance only when the tighter one finds none; an
    overfull line only when nothing else can hold the text (the report counts it)."""
    rag = RAGGED_STRETCH if ragged else 0.0
    for tolerance in TOLERANCES:
        try:
            return break_lines(items, widths, Settings(tolerance=tolerance, ragged_stretch=rag,
                                                       plain_line=plain_line))
        except NoFeasibleBreaks:
            continue
    return break_lines(items, widths, Settings(tolerance=INFINITY, ragged_stretch=rag, allow_overfull=True,
                                               plain_line=plain_line))


RAGGED_STRETCH = 36.0  # points a ragged line may fall short of the measure without cost


class SetParagraph(Flowable):
    """A paragraph of model inlines, broken optimally and split without widows or orphans.

    `starts` and `ends` say whether this flowable holds the paragraph's first and last
    lines: a part carried to the next column has no first-line indent and no bullet.
    """

    def __init__(self, inlines: tuple[Inline, ...], style: ParagraphStyle, bullet: str | None = None,
                 *, _items: list[Item] | None = None, starts: bool = True, ends: bool = True) -> None:
        super().__init__()
        self.style, self.bullet = style, bullet
        self.starts, self.ends = starts, ends
        self.inlines = inlines
        self._runs = runs_from_inlines(inlines, style) if _items is None else None
        self._items = _items
        self._lines: list[Line] = []
        self._width = -1.0
        self.width = self.height = 0

    # -- ReportLab's flowable protocol ----------------------------------------------------
    def __deepcopy__(self, memo):
        # balanced columns deep-copy a flowable to try a split; items and lines are never
        # changed in place, so the copy can share them (a real deep copy cost seconds)
        return copy.copy(self)

    def getSpaceBefore(self):
        return self.style.spaceBefore if self.starts else 0

    def getSpaceAfter(self):
        return self.style.spaceAfter if self.ends else 0

    def getKeepWithNext(self):
        return bool(getattr(self.style, "keepWithNext", 0))

    def wrap(self, available_width, available_height):
        self._break(available_width)
        self.width = available_width
        self.height = len(self._lines) * self.style.leading
        return self.width, self.height

    def split(self, available_width, available_height):
        self._break(available_width)
        total = len(self._lines)
        fit = int((available_height + 1e-6) // self.style.leading)
        if fit >= total or total < 4 or fit < 2:
            return []  # fits, or no split leaves two lines on each side
        fit = min(fit, total - 2)
        if self._lines[fit - 1].hyphenated:  # no hyphen at the foot of a column: break anew
            self._rebreak_without_hyphen_at(fit - 1, available_width)
            total = len(self._lines)
            if fit > total - 2 or total < 4:
                return []
        cut = self._lines[fit].start
        items = self._items
        first = SetParagraph(self.inlines, self.style, self.bullet, _items=items[:cut] + _END,
                             starts=self.starts, ends=False)
        first._lines, first._width = self._lines[:fit], self._width
        second = SetParagraph(self.inlines, self.style, None, _items=items[cut:], starts=False, ends=self.ends)
        second._lines = [Line(line.start - cut, line.end - cut, line.ratio, line.hyphenated)
                         for line in self._lines[fit:]]
        second._width = self._width
        return [first, second]

    def draw(self):
        canvas, style = self.canv, self.style
        record = getattr(getattr(canvas, "text_recorder", None), "add_set_line", None)
        for number, line in enumerate(self._lines):
            baseline = self.height - style.fontSize - number * style.leading
            placed = self._placed(line, number)
            self._draw_line(line, self._indent(number), baseline, number, placed)
            if record is not None:
                record(self._measure(line, number, placed))

    # -- breaking -------------------------------------------------------------------------
    def _indent(self, number: int) -> float:
        first = number == 0 and self.starts and not self.bullet
        return self.style.leftIndent + (self.style.firstLineIndent if first else 0)

    def _measure_width(self, available_width: float, number: int) -> float:
        return available_width - self._indent(number) - self.style.rightIndent

    def _rebreak_without_hyphen_at(self, line: int, available_width: float) -> None:
        first, rest = self._measure_width(available_width, 0), self._measure_width(available_width, 1)
        lines = set_lines(self._items, lambda n: first if n == 0 else rest,
                          self.style.alignment != TA_JUSTIFY, plain_line=line)
        if len(lines) > line and not lines[line].hyphenated:
            self._lines = lines

    def _break(self, available_width: float) -> None:
        if abs(available_width - self._width) < 0.01 and (self._lines or not self._items):
            return
        ragged = self.style.alignment != TA_JUSTIFY
        narrowest = min(self._measure_width(available_width, 0), self._measure_width(available_width, 1))
        if self._items is None:
            hyphenator = self.style.hyphenationLang if callable(self.style.hyphenationLang) else None
            self._items = build_items(self._runs, hyphenator, self.style, narrowest, ragged)
        first, rest = self._measure_width(available_width, 0), self._measure_width(available_width, 1)
        self._lines = set_lines(self._items, lambda n: first if n == 0 else rest, ragged)
        self._width = available_width

    # -- drawing --------------------------------------------------------------------------
    def _line_is_justified(self, line: Line) -> bool:
        if self.style.alignment != TA_JUSTIFY:
            return False
        end = self._items[line.end] if line.end < len(self._items) else None
        return not (isinstance(end, Penalty) and end.penalty <= -INFINITY)

    def _placed(self, line: Line, number: int) -> tuple[list[tuple[float, Segment]], float, float]:
        """Each segment's x, the line's width as set, and its word space in ems."""
        items = self._items[line.start:line.end]
        track, glue_extra = self._spacing(line, number)
        x, placed, spaces = 0.0, [], []
        joined = False  # the next box continues the word just placed (a hyphenation point)
        for item in items:
            if isinstance(item, Box):
                for segment in item.content:
                    if joined and placed[-1][1].run is segment.run:  # one text run, one move
                        placed[-1] = (placed[-1][0], Segment(placed[-1][1].text + segment.text, segment.run))
                    else:
                        placed.append((x, segment))
                    x += segment.width + len(segment.text) * track * segment.run.size
                    joined = True
            elif isinstance(item, Penalty):
                continue
            elif isinstance(item, Glue) and item.stretch < INFINITY:
                joined = False
                if placed and not placed[-1][1].text.endswith(" "):
                    last_x, last = placed[-1]  # the space makes copied text read as words
                    placed[-1] = (last_x, Segment(last.text + " ", last.run))
                width = item.width + glue_extra(item)
                x += width
                spaces.append(width / (item.content.size if item.content else self.style.fontSize))
        end = self._items[line.end] if line.end < len(self._items) else None
        if line.hyphenated and isinstance(end, Penalty) and end.content is not None:
            placed.append((x, Segment("-", end.content)))
            x += end.width
        gap = sum(spaces) / len(spaces) if spaces else 0.0
        return placed, x, gap

    def _spacing(self, line: Line, number: int):
        """Letter spacing (per letter, per point of size) and each glue's extra width that
        bring a justified line to its measure: letters take at most their own capacity,
        the spaces the rest."""
        if not self._line_is_justified(line) or line.ratio == 0:
            return 0.0, _NO_EXTRA
        items = self._items[line.start:line.end]
        end = self._items[line.end] if line.end < len(self._items) else None
        natural = sum(i.width for i in items if isinstance(i, (Box, Glue)) and i.width < INFINITY)
        natural += end.width if line.hyphenated and isinstance(end, Penalty) else 0.0
        extra = self._measure_width(self._width, number) - natural
        stretching = extra > 0
        letters = sum(i.stretch if stretching else i.shrink for i in items if isinstance(i, Box))
        spaces = sum(i.stretch if stretching else i.shrink for i in items
                     if isinstance(i, Glue) and i.stretch < INFINITY)
        by_letters = max(-letters, min(letters, extra))
        ems = sum(len(seg.text) * seg.run.size for i in items if isinstance(i, Box) for seg in i.content)
        track = by_letters / ems if ems else 0.0
        rest = extra - by_letters
        if not spaces:
            return track, _NO_EXTRA
        return track, lambda glue: rest * (glue.stretch if stretching else glue.shrink) / spaces

    def _draw_line(self, line: Line, left: float, baseline: float, number: int, placing) -> None:
        placed, width, _ = placing
        track, _ = self._spacing(line, number)
        measure = self._measure_width(self._width, number)
        if self.style.alignment == TA_RIGHT:
            left += measure - width
        elif self.style.alignment == TA_CENTER:
            left += (measure - width) / 2
        canvas = self.canv
        text = canvas.beginText()
        text.setFillColor(self.style.textColor)
        font, rise = None, 0.0
        if number == 0 and self.bullet and self.starts:  # the label, in the line it leads
            text.setFont(getattr(self.style, "bulletFontName", self.style.fontName), self.style.fontSize)
            text.setTextOrigin(self.style.bulletIndent, baseline)
            text.textOut(self.bullet + " ")
        for x, segment in placed:
            run = segment.run
            if (run.font, run.size) != font:
                text.setFont(run.font, run.size)
                text.setCharSpace(track * run.size)
                font = (run.font, run.size)
            text.setTextOrigin(left + x, baseline)
            if run.rise != rise:  # a rise, not a lower baseline: readers keep the line whole
                text.setRise(run.rise)
                rise = run.rise
            text.textOut(segment.text)
        text.textLine()  # T*: text extraction sees the line end even across flowables
        canvas.drawText(text)
        self._decorate(placed, left, baseline)

    def _decorate(self, placed, left: float, baseline: float) -> None:
        canvas = self.canv
        for x, segment in placed:
            run = segment.run
            if not (run.underline or run.strike or run.link):
                continue
            x0, x1 = left + x, left + x + segment.width
            canvas.saveState()
            canvas.setStrokeColor(self.style.textColor)
            canvas.setLineWidth(max(0.4, run.size * 0.05))
            if run.underline:
                canvas.line(x0, baseline + run.rise - run.size * 0.12, x1, baseline + run.rise - run.size * 0.12)
            if run.strike:
                canvas.line(x0, baseline + run.rise + run.size * 0.28, x1, baseline + run.rise + run.size * 0.28)
            canvas.restoreState()
            if run.link and getattr(canvas, "navigation", True):
                canvas.linkURL(run.link, (x0, baseline - run.size * 0.25, x1, baseline + run.size * 0.8),
                               relative=1)

    def _measure(self, line: Line, number: int, placing) -> SetLine:
        placed, width, gap = placing
        chars = sum(len(segment.text) for _, segment in placed)
        words = 1 + sum(1 for item in self._items[line.start:line.end] if isinstance(item, Glue)
                        and item.stretch < INFINITY)
        last = number == len(self._lines) - 1
        return SetLine(page=0, entry_id=None, chars=chars, words=words, gap=gap,
                       justified=self._line_is_justified(line), hyphenated=line.hyphenated,
                       overfull=line.ratio < -1, paragraph_start=number == 0 and self.starts,
                       paragraph_end=last and self.ends, fragment_start=number == 0, fragment_end=last)


_END = [Penalty(0, INFINITY), Glue(0, INFINITY, 0), Penalty(0, -INFINITY)]


def _no_extra(glue: Glue) -> float:
    return 0.0


_NO_EXTRA = _no_extra


class HeadingWithText(Flowable):
    """A heading and the paragraph after it, kept together: a column never ends with a
    heading, and at least two lines of its text follow it."""

    def __init__(self, heading: SetParagraph, text: SetParagraph) -> None:
        super().__init__()
        self.heading, self.text = heading, text
        self.width = self.height = 0

    def __deepcopy__(self, memo):
        return HeadingWithText(copy.copy(self.heading), copy.copy(self.text))

    def getSpaceBefore(self):
        return self.heading.getSpaceBefore()

    def getSpaceAfter(self):
        return self.text.getSpaceAfter()

    def _gap(self) -> float:
        return self.heading.getSpaceAfter() + self.text.getSpaceBefore()

    def wrap(self, available_width, available_height):
        _, heading = self.heading.wrap(available_width, available_height)
        _, text = self.text.wrap(available_width, available_height)
        self.width, self.height = available_width, heading + self._gap() + text
        return self.width, self.height

    def split(self, available_width, available_height):
        _, heading = self.heading.wrap(available_width, available_height)
        parts = self.text.split(available_width, available_height - heading - self._gap())
        if len(parts) != 2:
            return []  # the heading goes on with all of its text
        return [HeadingWithText(self.heading, parts[0]), parts[1]]

    def draw(self):
        heading_height = self.heading.height
        self.heading.drawOn(self.canv, 0, self.height - heading_height)
        self.text.drawOn(self.canv, 0, self.height - heading_height - self._gap() - self.text.height)


def keep_headings_with_text(flowables: list[Flowable]) -> list[Flowable]:
    """Bind each heading (a paragraph whose style keeps it with the next) to the paragraph after it."""
    bound: list[Flowable] = []
    for flowable in flowables:
        previous = bound[-1] if bound else None
        if (isinstance(flowable, SetParagraph) and isinstance(previous, SetParagraph)
                and previous.getKeepWithNext() and not flowable.getKeepWithNext()):
            bound[-1] = HeadingWithText(previous, flowable)
        else:
            bound.append(flowable)
    return bound
