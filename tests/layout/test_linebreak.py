"""Optimum-fit line breaking over boxes, glue and penalties (layout/linebreak.py)."""

from __future__ import annotations

import pytest

from munpress.layout.linebreak import (
    INFINITY,
    Box,
    Glue,
    NoFeasibleBreaks,
    Penalty,
    Settings,
    break_lines,
)


def words(*widths: float, hyphen_after: tuple[int, ...] = ()) -> list:
    """Boxes of the given widths separated by spaces of 3 (stretch 1.5, shrink 1); a word whose
    index is in `hyphen_after` is followed by a hyphenation point instead of a space."""
    items: list = []
    for index, width in enumerate(widths):
        items.append(Box(width))
        if index < len(widths) - 1:
            items.append(Penalty(2, 50, True) if index in hyphen_after else Glue(3, 1.5, 1))
    return items + [Penalty(0, INFINITY), Glue(0, INFINITY, 0), Penalty(0, -INFINITY)]


def greedy_loosest_line(widths: list[float], measure: float) -> float:
    """What first-fit breaking (ReportLab's) gives: the largest stretch ratio of its lines."""
    lines, current = [], []
    for width in widths:
        if current and sum(current) + 3 * len(current) + width > measure + len(current):
            lines.append(current)
            current = [width]
        else:
            current.append(width)
    return max((measure - sum(line) - 3 * (len(line) - 1)) / (1.5 * (len(line) - 1)) for line in lines)


def test_the_whole_paragraph_is_weighed_not_each_line_greedily():
    widths = [10, 20, 10, 25, 15, 10, 30, 35, 15, 20, 15, 25, 25, 20]
    lines = break_lines(words(*widths), lambda n: 100, Settings(tolerance=10))
    assert greedy_loosest_line(widths, 100) > 4.5  # first-fit leaves one very loose line
    assert max(line.ratio for line in lines[:-1]) < 1.5  # the optimum spreads the space evenly


def test_no_line_is_ever_overfull():
    items = words(*[17, 23, 9, 31, 12, 27, 8, 19, 22, 14] * 6)
    for line in break_lines(items, lambda n: 120, Settings(tolerance=10)):
        assert line.ratio >= -1


def _longest_hyphen_run(lines) -> int:
    run = longest = 0
    for line in lines:
        run = run + 1 if line.hyphenated else 0
        longest = max(longest, run)
    return longest


def test_at_most_two_hyphenated_lines_in_a_row():
    # words of two halves; every line fits best starting and ending mid-word
    items: list = []
    for _ in range(12):
        items += [Box(10), Penalty(0, 50, True), Box(10), Glue(3, 0.5, 0.5)]
    items = items[:-1] + [Penalty(0, INFINITY), Glue(0, INFINITY, 0), Penalty(0, -INFINITY)]
    measure = lambda n: 33 if n == 0 else 46  # noqa: E731
    unlimited = break_lines(items, measure, Settings(tolerance=60, max_hyphen_run=99))
    assert _longest_hyphen_run(unlimited) > 2  # the optimum alone would hyphenate every line
    assert _longest_hyphen_run(break_lines(items, measure, Settings(tolerance=60))) == 2


def test_a_forced_break_ends_the_line_and_the_last_line_is_not_stretched():
    items = words(20, 20)[:-3] + [Glue(0, INFINITY, 0), Penalty(0, -INFINITY)] + words(20, 20)
    lines = break_lines(items, lambda n: 100)
    assert len(lines) == 2 and all(abs(line.ratio) < 0.01 for line in lines)


def test_the_first_line_may_have_its_own_measure():
    items = words(*[20] * 12)
    lines = break_lines(items, lambda n: 66 if n == 0 else 112)
    first_words = sum(isinstance(i, Box) for i in items[lines[0].start:lines[0].end])
    second_words = sum(isinstance(i, Box) for i in items[lines[1].start:lines[1].end])
    assert first_words < second_words


def test_when_nothing_fits_the_tolerance_the_caller_is_told_and_may_allow_overfull():
    items = [Box(150), Penalty(0, INFINITY), Glue(0, INFINITY, 0), Penalty(0, -INFINITY)]
    with pytest.raises(NoFeasibleBreaks):
        break_lines(items, lambda n: 100)
    [line] = break_lines(items, lambda n: 100, Settings(tolerance=INFINITY, allow_overfull=True))
    assert line.ratio < -1


def _paragraph(count: int, seed: int) -> list:
    import random

    rng = random.Random(seed)
    return words(*(rng.choice((9, 14, 18, 23, 31, 40)) for _ in range(count)),
                 hyphen_after=tuple(i for i in range(count) if rng.random() < 0.15))


@pytest.mark.parametrize("seed", range(6))
def test_merging_breaks_past_the_first_line_gives_the_same_breaks(seed):
    items = _paragraph(400, seed)
    widths = lambda n: 230 if n == 0 else 250  # noqa: E731 - a first line of its own measure
    plain = break_lines(items, widths, Settings(tolerance=10))
    merged = break_lines(items, widths, Settings(tolerance=10, easy_line=1))
    assert [(line.start, line.end) for line in merged] == [(line.start, line.end) for line in plain]


def test_the_active_list_stays_short_however_long_the_paragraph(monkeypatch):
    from munpress.layout import linebreak

    peaks = {}
    original = linebreak._try_break

    def counting(items, b, totals, active, widths, settings):
        peaks[key] = max(peaks.get(key, 0), len(active))
        return original(items, b, totals, active, widths, settings)

    monkeypatch.setattr(linebreak, "_try_break", counting)
    for key in (500, 4000):
        break_lines(_paragraph(key, 1), lambda n: 250, Settings(tolerance=10, easy_line=1))
    assert peaks[4000] <= peaks[500] * 1.2  # not growing with the length: linear time
    peaks.clear()
    for key in (500, 4000):
        break_lines(_paragraph(key, 1), lambda n: 250, Settings(tolerance=10))
    assert peaks[4000] > peaks[500] * 2  # keyed by line number, the list grows (why merging matters)
