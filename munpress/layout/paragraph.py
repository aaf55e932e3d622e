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

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
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
    badness,
    break_lines,
)
from munpress.layout.items import EXPANSION_LIMIT, LAST_LINE_PENALTY, TRACKING_LIMIT, Breaking, Segment, build_items, letters as _letters, runs_from_inlines
from munpress.layout.marked import END, SOFT_HYPHEN
from munpress.layout.pagemap import SetLine
from munpress.layout.shaping import shaped
from munpress.layout.tee import add_operator
from munpress.model.nodes import Inline

# Tolerances tried in turn: tight, looser, and an emergency that always succeeds.
TOLERANCES = (2.0, 4.0, 50.0)
# A heading is set as narrow as it can be without taking another line: balanced lines.
BALANCE_STEPS = 7


def set_lines(items: list[Item], widths, ragged: bool, plain_line: int = -1, looseness: int = 0) -> list[Line]:
    """Optimum breaks, loosening the tolerance only when the tighter one finds none; an
    overfull line only when nothing else can hold the text (the report counts it).
    `looseness`: lines more (or fewer) than the optimum, where the tolerance allows (TeX's
    \\looseness), for copyfitting."""
    rag = RAGGED_STRETCH if ragged else 0.0
    easy = max(1, plain_line + 1)  # lines after the first are of one width (SetParagraph._set)
    # first with the last-line rules as hard rules, then as costs (items.LAST_LINE_PENALTY)
    for tolerance, forbid_at in ((2.0, LAST_LINE_PENALTY), (4.0, LAST_LINE_PENALTY), *((t, INFINITY) for t in TOLERANCES)):
        try:
            return break_lines(items, widths, Settings(tolerance=tolerance, ragged_stretch=rag, forbid_at=forbid_at,
                                                       plain_line=plain_line, looseness=looseness, easy_line=easy))
        except NoFeasibleBreaks:
            continue
    return break_lines(items, widths, Settings(tolerance=INFINITY, ragged_stretch=rag, allow_overfull=True,
                                               plain_line=plain_line, easy_line=easy))


RAGGED_STRETCH = 36.0  # points a ragged line may fall short of the measure without cost


class BreakMemo:
    """Items and broken lines of the paragraphs set so far. The copyfitting pass, every
    variant and `watch`'s next rebuild set the same paragraphs at the same widths: each is
    measured and broken once. Items and lines are never changed in place, so they are shared.
    `used()` is what one edition asked for since `begin()`, by the article the story was
    building (`article`) when the paragraph was made: the break cache (editions.py) keeps
    it for the next run, an entry per article, and writes again only the articles in
    `changed`; `load()` takes it back. Bounded: past `limit` paragraphs, the oldest half
    is forgotten."""

    def __init__(self, limit: int = 20_000) -> None:
        self.limit = limit
        self._items: dict[tuple, list[Item]] = {}
        self._lines: dict[tuple, list[Line]] = {}  # (items key, widths, …) -> lines
        self._keys: dict[int, tuple] = {}  # id of an items list -> its key, while the list is held
        self._used: dict[tuple, str | None] = {}  # items key -> the article it was set for
        self.hits = self.misses = 0
        self.article: str | None = None  # the entry the story is building (layout/story.py)
        self.changed: set[str | None] = set()  # articles with a paragraph measured or broken since `begin()`
        self.held: set[str] = set()  # break-cache entries loaded or written: `watch` loads none again

    def items(self, runs: tuple, breaking: Breaking, longest_line: float, article: str | None = None) -> list[Item]:
        key = (runs, breaking, round(longest_line, 3))
        items = self._items.get(key)
        if items is None:
            self._forget_if_full()
            items = self._items[key] = build_items(list(runs), breaking, longest_line)
            self._keys[id(items)] = key
            self.changed.add(article)
        self._used.setdefault(key, article)
        return items

    def lines(self, items: list[Item], first: float, rest: float, ragged: bool, plain_line: int,
              looseness: int) -> list[Line]:
        items_key = self._keys.get(id(items))
        if items_key is None or self._items.get(items_key) is not items:  # a split part's own items
            return set_lines(items, lambda n: first if n == 0 else rest, ragged, plain_line, looseness)
        key = (items_key, round(first, 3), round(rest, 3), ragged, plain_line, looseness)
        lines = self._lines.get(key)
        if lines is None:
            self.misses += 1
            self.changed.add(self._used.get(items_key))
            lines = self._lines[key] = set_lines(items, lambda n: first if n == 0 else rest, ragged,
                                                 plain_line, looseness)
        else:
            self.hits += 1
        return lines

    def begin(self) -> None:
        self._used = {}
        self.changed = set()

    def used(self) -> dict[str | None, tuple[dict, dict]]:
        """The items and lines of the paragraphs asked for since `begin()`, by article."""
        by_article: dict[str | None, tuple[dict, dict]] = {}
        for key, article in self._used.items():
            if key in self._items:
                by_article.setdefault(article, ({}, {}))[0][key] = self._items[key]
        for key, lines in self._lines.items():
            if key[0] in self._used and key[0] in self._items:
                by_article[self._used[key[0]]][1][key] = lines
        return by_article

    def load(self, entries: tuple[dict, dict]) -> None:
        items, lines = entries
        for key, value in items.items():
            if key not in self._items:
                self._forget_if_full()
                self._items[key] = value
                self._keys[id(value)] = key
        for key, value in lines.items():
            if key[0] in self._items:
                self._lines.setdefault(key, value)

    def _forget_if_full(self) -> None:
        if len(self._items) < self.limit:
            return
        for key in list(self._items)[: self.limit // 2]:
            del self._items[key]
        self._keys = {id(items): key for key, items in self._items.items()}
        self._lines = {key: lines for key, lines in self._lines.items() if key[0] in self._items}

    def clear(self) -> None:
        self._items.clear()
        self._lines.clear()
        self._keys.clear()
        self._used.clear()
        self.changed.clear()
        self.held.clear()
        self.hits = self.misses = 0


MEMO = BreakMemo()


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
        self.article = MEMO.article  # for the break cache: whose paragraph this is
        self._items = _items
        self._lines: list[Line] = []
        self._width = -1.0
        self._shortening = 0.0  # points taken off the measure to balance a heading
        self.looseness = 0  # lines more or fewer than the best breaking (layout/fitting.py)
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
        for part in (first, second):
            part._shortening, part.looseness = self._shortening, self.looseness
        return [first, second]

    def draw(self):
        canvas, style = self.canv, self.style
        record = getattr(getattr(canvas, "text_recorder", None), "add_set_line", None)
        for number, line in enumerate(self._lines):
            baseline = self.height - getattr(style, "firstBaseline", style.fontSize) - number * style.leading
            spacing = self._spacing(line, number)  # once a line: placing, drawing and the record share it
            placed = self._placed(line, number, spacing)
            self._draw_line(line, self._indent(number), baseline, number, placed, spacing)
            if record is not None:
                record(self._measure(line, number, placed, baseline, spacing))

    # -- breaking -------------------------------------------------------------------------
    def _indent(self, number: int) -> float:
        first = number == 0 and self.starts and not self.bullet
        return self.style.leftIndent + (self.style.firstLineIndent if first else 0)

    def _measure_width(self, available_width: float, number: int) -> float:
        return available_width - self._indent(number) - self.style.rightIndent - self._shortening

    def _breaking(self) -> Breaking:
        style = self.style
        ragged = style.alignment != TA_JUSTIFY
        return Breaking(hyphenator=style.hyphenationLang if callable(style.hyphenationLang) else None,
                        ragged=ragged, tracking=not ragged, ending=getattr(style, "ending", "paragraph"))

    def _set(self, available_width: float, plain_line: int = -1) -> list[Line]:
        first, rest = self._measure_width(available_width, 0), self._measure_width(available_width, 1)
        return MEMO.lines(self._items, first, rest, self.style.alignment != TA_JUSTIFY, plain_line, self.looseness)

    def looseness_cost(self, available_width: float, step: int) -> float | None:
        """What setting the paragraph `step` lines longer (+1) or shorter (-1) than its best
        breaking costs in badness; None where the tolerance allows no such setting. Nothing
        changes: copyfitting (layout/fitting.py) sets `looseness` on the cheapest."""
        self._break(available_width)
        best, kept = self._lines, self.looseness
        self.looseness = step
        try:
            trial = self._set(available_width)
        finally:
            self.looseness = kept
        if len(trial) != len(best) + step or any(line.ratio < -1 or line.ratio > 2 for line in trial):
            return None
        return _badness(trial) - _badness(best)

    def _rebreak_without_hyphen_at(self, line: int, available_width: float) -> None:
        lines = self._set(available_width, plain_line=line)
        if len(lines) > line and not lines[line].hyphenated:
            self._lines = lines

    def _break(self, available_width: float) -> None:
        if abs(available_width - self._width) < 0.01 and (self._lines or not self._items):
            return
        self._shortening = 0.0
        if self._items is None:
            narrowest = min(self._measure_width(available_width, 0), self._measure_width(available_width, 1))
            self._items = MEMO.items(tuple(self._runs), self._breaking(), narrowest, self.article)
        self._lines = self._set(available_width)
        self._width = available_width
        if getattr(self.style, "balanced", 0) and len(self._lines) > 1:
            self._balance(available_width)

    def _balance(self, available_width: float) -> None:
        """Narrow the measure as far as the heading keeps its number of lines: the lines come
        out even, as a designer sets a title by hand (CSS's text-wrap: balance)."""
        count, lines = len(self._lines), self._lines
        low, high = 0.0, self._measure_width(available_width, 1) * 0.5
        for _ in range(BALANCE_STEPS):
            middle = (low + high) / 2
            self._shortening = middle
            trial = self._set(available_width)
            if len(trial) == count and not any(line.ratio < -1 for line in trial):
                low, lines = middle, trial
            else:
                high = middle
        self._shortening, self._lines = low, lines

    # -- drawing --------------------------------------------------------------------------
    def _adds_hyphen(self, line: Line) -> bool:
        """The line ends in a hyphen the breaking adds, not in one of the text's own."""
        end = self._items[line.end] if line.end < len(self._items) else None
        return line.hyphenated and isinstance(end, Penalty) and end.content is not None

    def _line_is_justified(self, line: Line) -> bool:
        if self.style.alignment != TA_JUSTIFY:
            return False
        end = self._items[line.end] if line.end < len(self._items) else None
        return not (isinstance(end, Penalty) and end.penalty <= -INFINITY)

    def _placed(self, line: Line, number: int, spacing=None) -> tuple[list[tuple[float, Segment]], float, float]:
        """Each segment's x, the line's width as set, and its word space in ems."""
        items = self._items[line.start:line.end]
        track, scale, glue_extra = spacing or self._spacing(line, number)
        x, placed, spaces = 0.0, [], []
        joined = False  # the next box continues the word just placed (a hyphenation point)
        for item in items:
            if isinstance(item, Box):
                for segment in item.content:
                    if joined and placed[-1][1].run is segment.run:  # one text run, one move
                        placed[-1] = (placed[-1][0], placed[-1][1].joined(segment))
                    else:
                        placed.append((x, segment))
                    x += segment.width * (1 + scale) + len(segment.text) * track * segment.run.size
                    joined = True
            elif isinstance(item, Penalty):
                continue
            elif isinstance(item, Glue) and item.stretch < INFINITY:
                joined = False
                if placed and not placed[-1][1].text.endswith(" "):
                    last_x, last = placed[-1]  # the space makes copied text read as words
                    placed[-1] = (last_x, last.joined(Segment(" ", last.run)))
                width = item.width + glue_extra(item)
                x += width
                spaces.append(width / (item.content.size if item.content else self.style.fontSize))
        end = self._items[line.end] if line.end < len(self._items) else None
        if isinstance(end, Penalty) and placed and placed[-1][1].last_kern:
            last_x, last = placed[-1]  # the pair the break parts is not kerned
            x -= last.last_kern * (1 + scale)
            placed[-1] = (last_x, last.without_last_kern())
        if self._adds_hyphen(line):
            placed.append((x, Segment("-", end.content)))
            x += placed[-1][1].width * (1 + scale)
        gap = sum(spaces) / len(spaces) if spaces else 0.0
        return placed, x, gap

    def _spacing(self, line: Line, number: int) -> tuple[float, float, object]:
        """Letter spacing (per letter, per point of size), glyph expansion (a share of the
        glyphs' width) and each glue's extra width that bring a justified line to its measure.
        All three stretch in step, as TeX stretches all glue by one ratio, so a line is never
        spaced by its letters alone; letters stop at ±1% of the type size, glyphs at ±2%, and
        the spaces take the rest."""
        if not self._line_is_justified(line) or line.ratio == 0:
            return 0.0, 0.0, _NO_EXTRA
        items = self._items[line.start:line.end]
        end = self._items[line.end] if line.end < len(self._items) else None
        natural = sum(i.width for i in items if isinstance(i, (Box, Glue)) and i.width < INFINITY)
        natural += end.width if isinstance(end, Penalty) and line.hyphenated else 0.0
        extra = self._measure_width(self._width, number) - natural
        stretching = extra > 0
        boxes = [i for i in items if isinstance(i, Box)]
        ems = sum(len(seg.text) * seg.run.size for i in boxes for seg in i.content)
        glyphs = sum(i.width for i in boxes) + (end.width if isinstance(end, Penalty) and line.hyphenated else 0.0)
        letters, expansion = ems * TRACKING_LIMIT, glyphs * EXPANSION_LIMIT
        if not any(i.stretch for i in boxes):
            letters = expansion = 0.0
        spaces = sum(i.stretch if stretching else i.shrink for i in items
                     if isinstance(i, Glue) and i.stretch < INFINITY)
        capacity = letters + expansion + spaces
        share = extra / capacity if capacity else 0.0
        by_letters = max(-letters, min(letters, share * letters))
        by_glyphs = max(-expansion, min(expansion, share * expansion))
        track = by_letters / ems if ems else 0.0
        scale = by_glyphs / glyphs if glyphs else 0.0
        rest = extra - by_letters - by_glyphs
        if not spaces:
            return track, scale, _NO_EXTRA
        return track, scale, lambda glue: rest * (glue.stretch if stretching else glue.shrink) / spaces

    def _draw_line(self, line: Line, left: float, baseline: float, number: int, placing, spacing=None) -> None:
        placed, width, _ = placing
        track, scale, _ = spacing or self._spacing(line, number)
        measure = self._measure_width(self._width, number) + self._shortening
        if self.style.alignment == TA_RIGHT:
            left += measure - width
        elif self.style.alignment == TA_CENTER:
            left += (measure - width) / 2
        canvas = self.canv
        text = canvas.beginText()
        text.setFillColor(self.style.textColor)
        if scale:  # Tz scales the letter spacing too: Tc is given unscaled
            text.setHorizScale(100 * (1 + scale))
        font, rise = None, 0.0
        if number == 0 and self.bullet and self.starts:  # the label, in the line it leads
            text.setFont(getattr(self.style, "bulletFontName", self.style.fontName), self.style.fontSize)
            text.setTextOrigin(self.style.bulletIndent, baseline)
            text.textOut(self.bullet + " ")
        flows_to = None  # where the text cursor stands after the last segment, as the PDF advances it
        hyphen = placed[-1][1] if placed and self._adds_hyphen(line) else None
        for x, segment in placed:
            run = segment.run
            if (run.font, run.size) != font:
                text.setFont(run.font, run.size)
                text.setCharSpace(track * run.size / (1 + scale))
                font = (run.font, run.size)
            # a segment that goes on where the last one ended (the next look of the same word) is
            # not moved to: readers that ignore Tz in their advance would see a gap, a space
            if flows_to is None or abs(flows_to - x) > 0.01:
                text.setTextOrigin(left + x, baseline)
            flows_to = x + segment.width * (1 + scale) + len(segment.text) * track * run.size
            if run.rise != rise:  # a rise, not a lower baseline: readers keep the line whole
                text.setRise(run.rise)
                rise = run.rise
            shown = shaped(segment.text, run.font, segment.kerns) if segment.kerns else segment.text
            if segment is hyphen:  # copied, the word comes out whole (PDF 1.7 §14.9.4)
                add_operator(text, SOFT_HYPHEN)
                text.textOut(shown)
                add_operator(text, END)
            else:
                text.textOut(shown)
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

    def _measure(self, line: Line, number: int, placing, baseline: float = 0.0, spacing=None) -> SetLine:
        placed, width, gap = placing
        chars = sum(len(segment.text) for _, segment in placed)
        words = 1 + sum(1 for item in self._items[line.start:line.end] if isinstance(item, Glue)
                        and item.stretch < INFINITY)
        last = number == len(self._lines) - 1
        track, scale, _ = spacing or self._spacing(line, number)
        canvas = getattr(self, "canv", None)  # where the line sits on the page (none when measured alone)
        a, b, c, d, e, f = canvas._currentMatrix if canvas is not None else (1, 0, 0, 1, 0, 0)
        left = self._indent(number)
        return SetLine(page=0, entry_id=None, chars=chars, words=words, gap=gap,
                       justified=self._line_is_justified(line), hyphenated=line.hyphenated,
                       overfull=line.ratio < -1, paragraph_start=number == 0 and self.starts,
                       paragraph_end=last and self.ends, fragment_start=number == 0, fragment_end=last,
                       tracking=round(track, 5), expansion=round(scale, 5), kerned=sum(segment.kerned_pairs for _, segment in placed),
                       letters=sum(_letters(segment.text) for _, segment in placed),
                       x=round(a * left + c * baseline + e, 2), y=round(b * left + d * baseline + f, 2),
                       size=self.style.fontSize, role=getattr(self.style, "role", "text"),
                       text="".join(segment.text for _, segment in placed).strip())


_END = [Penalty(0, INFINITY), Glue(0, INFINITY, 0), Penalty(0, -INFINITY)]


def _badness(lines: list[Line]) -> float:
    return sum(badness(line.ratio) for line in lines)


def _no_extra(glue: Glue) -> float:
    return 0.0


_NO_EXTRA = _no_extra
