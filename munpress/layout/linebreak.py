"""Optimum-fit line breaking (Knuth and Plass, "Breaking paragraphs into lines", 1981).

ReportLab breaks lines greedily: each line takes as many words as fit, and the next line
pays for it. Here the whole paragraph is weighed at once: every legal break is a node, a line
between two nodes has a badness from how far its spaces stretch or shrink, and the breaks
with the least total demerits win. Written by hand because no maintained Python package
does it over measured boxes (pyphen and ReportLab have none; the TeX implementations are
not libraries).

Items, as in the paper: a `Box` (a word or part of one) has a width; a `Glue` (a space) has
a width, a stretch and a shrink; a `Penalty` is a possible break with a cost (a hyphenation
point, flagged; a forced break costs -INFINITY). A line may break at a glue that follows a
box, or at a penalty below INFINITY.

munpress's rules on top of the paper's: no line is ever overfull (a line shrinks at most
to its glue's shrink); at most `max_hyphen_run` consecutive lines end in a flagged break.
"""

from __future__ import annotations

from dataclasses import dataclass, field

INFINITY = 10_000


def pickled_by_fields(cls):
    """A slotted dataclass pickled as its fields in order: the break cache holds hundreds of
    thousands of items, and the dataclass's own state methods (`fields()` on every object)
    took longer to load than breaking the paragraphs again."""
    names = cls.__slots__

    def __reduce__(self):
        return cls, tuple(getattr(self, name) for name in names)

    cls.__reduce__ = __reduce__
    return cls


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Box:
    width: float
    content: object = None
    stretch: float = 0.0  # letter spacing the box may take, if any
    shrink: float = 0.0


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Glue:
    width: float
    stretch: float
    shrink: float
    content: object = None


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Penalty:
    width: float
    penalty: float
    flagged: bool = False
    content: object = None


Item = Box | Glue | Penalty


@dataclass(frozen=True, slots=True)
class Settings:
    tolerance: float = 2.0  # the largest stretch ratio a line may have
    line_penalty: float = 10.0
    flagged_demerits: float = 3000.0  # two hyphenated lines in a row
    fitness_demerits: float = 10000.0  # a tight line next to a loose one: TeX's \adjdemerits
    max_hyphen_run: int = 2  # lines in a row that may end with a hyphen
    ragged_stretch: float = 0.0  # ragged setting: how short a line may fall, without cost
    allow_overfull: bool = False  # last resort when no breaking fits (a run of no-break spaces)
    plain_line: int = -1  # this line (0-based) must not end with a hyphen: it ends a column
    forbid_at: float = INFINITY  # penalties this high are no break (a strict first try)
    looseness: int = 0  # lines more (+) or fewer (-) than the optimum, where feasible: TeX's \looseness
    # from this line on every line has the same width and no rule asks which line it is, so
    # breaks that differ only in how many lines came before are merged (TeX's easy_line):
    # the active list stays short, and the time linear in the paragraph's length
    easy_line: int | None = None


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Line:
    start: int  # index of the line's first item (after discarded glue and penalties)
    end: int  # index of the break item (a glue or penalty; len(items) for the end)
    ratio: float  # how much the glue stretched (>0) or shrank (<0), as a share of its capacity
    hyphenated: bool  # ends at a flagged penalty


@dataclass(slots=True)
class _Node:
    position: int
    line: int
    fitness: int
    width: float  # running totals after the break
    stretch: float
    shrink: float
    demerits: float
    hyphen_run: int
    previous: _Node | None = field(default=None, repr=False)
    ratio: float = 0.0


def badness(ratio: float) -> float:
    """How bad a line looks for how far its glue stretched or shrank (the paper's 100·|r|³)."""
    return 100 * min(abs(ratio), 100) ** 3


class NoFeasibleBreaks(Exception):
    pass


def break_lines(items: list[Item], widths, settings: Settings = Settings()) -> list[Line]:
    """The best breaks for `items` set in lines of `widths(line_number)` points (0-based).
    Raises NoFeasibleBreaks when no breaking keeps every line within the tolerance."""
    measures: dict[int, float] = {}

    def measure(line: int) -> float:
        if line not in measures:
            measures[line] = widths(line)
        return measures[line]

    sum_w = sum_y = sum_z = 0.0  # running totals of width, stretch, shrink
    totals: list[tuple[float, float, float]] = []
    for item in items:
        totals.append((sum_w, sum_y, sum_z))
        if isinstance(item, Box):
            sum_w += item.width
            sum_y += item.stretch
            sum_z += item.shrink
        elif isinstance(item, Glue):
            sum_w += item.width
            sum_y += item.stretch
            sum_z += item.shrink
    totals.append((sum_w, sum_y, sum_z))

    active: list[_Node] = [_Node(0, 0, 1, 0.0, 0.0, 0.0, 0.0, 0)]
    forbid_at = min(settings.forbid_at, INFINITY)
    for b, item in enumerate(items):
        if isinstance(item, Penalty):
            if item.penalty >= forbid_at and b != len(items) - 1:
                continue
        elif isinstance(item, Glue):
            if b == 0 or not isinstance(items[b - 1], Box):
                continue
        else:
            continue
        active = _try_break(items, b, totals, active, measure, settings)
        if not active:
            raise NoFeasibleBreaks()
    final = [node for node in active if node.position == len(items) - 1] or active
    best = min(final, key=lambda node: node.demerits)
    if settings.looseness:  # as TeX: the count nearest the asked one, then the fewest demerits
        wanted = best.line + settings.looseness
        best = min(final, key=lambda node: (abs(node.line - wanted), node.demerits))
    lines: list[Line] = []
    node = best
    while node.previous is not None:
        start = _after_break(items, node.previous.position, node.previous.previous is None)
        end = node.position
        hyphenated = isinstance(items[end], Penalty) and items[end].flagged and end != len(items) - 1
        lines.append(Line(start, end, node.ratio, hyphenated))
        node = node.previous
    return lines[::-1]


def _after_break(items: list[Item], position: int, at_start: bool) -> int:
    """The first item of a line: after its break, skipping glue and penalties."""
    if at_start:
        return 0
    index = position + 1
    while index < len(items) and not isinstance(items[index], Box):
        if isinstance(items[index], Penalty) and items[index].penalty <= -INFINITY:
            break
        index += 1
    return index


def _try_break(items, b, totals, active, widths, settings: Settings) -> list[_Node]:
    item = items[b]
    penalty = item.penalty if isinstance(item, Penalty) else 0.0
    flagged = isinstance(item, Penalty) and item.flagged
    forced = isinstance(item, Penalty) and penalty <= -INFINITY
    break_width = item.width if isinstance(item, Penalty) else 0.0
    width_b, stretch_b, shrink_b = totals[b]
    survivors: list[_Node] = []
    candidates: dict[tuple[int, int, int], _Node] = {}
    tolerance, overfull, rag = settings.tolerance, settings.allow_overfull, settings.ragged_stretch
    easy = None if settings.looseness else settings.easy_line
    for node in active:
        available = widths(node.line)
        natural = width_b - node.width + break_width
        if natural < available:
            stretch = stretch_b - node.stretch + rag
            ratio = (available - natural) / stretch if stretch > 0 else INFINITY
        elif natural > available:
            shrink = shrink_b - node.shrink
            ratio = (available - natural) / shrink if shrink > 0 else -INFINITY
        else:
            ratio = 0.0
        if not forced and (ratio >= -1 or overfull):
            survivors.append(node)  # otherwise the node can start no later line
        if ratio > tolerance or (ratio < -1 and not overfull):
            continue
        if not (flagged and (node.hyphen_run >= settings.max_hyphen_run or node.line == settings.plain_line)):
            badness = 100 * min(abs(ratio), 100) ** 3  # badness(ratio), inlined: the innermost loop
            if penalty >= 0:
                demerits = (settings.line_penalty + badness) ** 2 + penalty ** 2
            elif penalty > -INFINITY:
                demerits = (settings.line_penalty + badness) ** 2 - penalty ** 2
            else:
                demerits = (settings.line_penalty + badness) ** 2
            previous_item = items[node.position] if node.previous is not None else None
            if flagged and isinstance(previous_item, Penalty) and previous_item.flagged:
                demerits += settings.flagged_demerits
            fitness = 0 if ratio < -0.5 else 1 if ratio <= 0.5 else 2 if ratio <= 1 else 3
            if abs(fitness - node.fitness) > 1:
                demerits += settings.fitness_demerits
            total = node.demerits + demerits
            hyphen_run = node.hyphen_run + 1 if flagged else 0
            line = node.line + 1
            key = (line if easy is None else min(line, easy), fitness, hyphen_run)
            if key not in candidates or total < candidates[key].demerits:
                candidates[key] = _Node(b, node.line + 1, fitness, 0.0, 0.0, 0.0, total, hyphen_run,
                                        node, ratio if ratio < INFINITY else 0.0)
    if candidates:
        after_w, after_y, after_z = _totals_after(items, b, totals)
        for node in candidates.values():
            node.width, node.stretch, node.shrink = after_w, after_y, after_z
        survivors.extend(candidates.values())
    return survivors


def _totals_after(items, b, totals) -> tuple[float, float, float]:
    """Running totals at the start of the next line: glue and penalties after a break vanish."""
    w, y, z = totals[b]
    for index in range(b, len(items)):
        item = items[index]
        if isinstance(item, Box):
            break
        if isinstance(item, Penalty) and item.penalty <= -INFINITY and index > b:
            break
        if isinstance(item, Glue):
            w, y, z = w + item.width, y + item.stretch, z + item.shrink
    return w, y, z
