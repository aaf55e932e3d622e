"""How well the type is set, per article, from the layout's own record of every line.

The figures the magazine is judged by: the 95th percentile of the space between words in
justified lines of 20 or more characters (in ems), the longest run of hyphenated lines, and
overfull lines, widows, orphans and hyphens at the foot of a column. Targets: gap ≤ 0.50 em,
runs ≤ 2, none of the rest.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from munpress.checks.composition import (
    WORST,
    column_places,
    composition,
    grid_alignment,
    hollow_pages,
    set_lines_by_entry,
)
from munpress.checks.facts import EditionFacts
from munpress.diagnostics import Diagnostic, Severity
from munpress.i18n import _, _n
from munpress.layout.pagemap import PageMap, SetLine

GAP_TARGET = 0.50  # ems, 95th percentile
HYPHEN_RUN_TARGET = 2
MEASURED_LINE_CHARS = 20
WORST_LINES = 5  # the loosest lines of an edition that `munpress report` points at
FIRST_WORDS = 4


@dataclass(frozen=True)
class LooseLine:
    """One of an edition's loosest lines: where to find it, and its word space in ems."""

    page: int  # the folio
    column: int  # from the left of the page
    line: int  # the line of text in its column, from the top
    article: str
    gap: float
    first_words: str


@dataclass(frozen=True)
class TypographyRow:
    lang: str
    article: str
    lines: int
    gap_p95: float  # ems; 0 when no line is measured
    gap_max: float
    hyphenated: int
    hyphen_run: int
    overfull: int
    widows: int
    orphans: int
    hyphen_at_foot: int
    # page composition (checks/composition.py)
    kerned: int = 0
    letter_spaced: float = 0.0  # share of justified lines spaced beyond ±1%
    alternating: int = 0
    one_word_titles: int = 0
    stubs: int = 0
    hollow_pages: int = 0  # edition row only
    grid_aligned: str = ""  # edition row only: "11/12" two-column pages aligned
    fitted: int = 0  # lines copyfitting took back (-) or added (+) (layout/fitting.py); edition: all moved
    loosest: tuple[LooseLine, ...] = ()  # edition row only: its loosest measured lines, loosest first
    worst: tuple[str, ...] = ()  # the places to go and look at


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value with `share` of the values at or below it."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def measure(lang: str, article: str, lines: list[SetLine]) -> TypographyRow:
    gaps = [line.gap for line in lines if _measured(line)
            for _space in range(max(1, line.words - 1))]  # one value per space between words
    run = longest = 0
    for line in lines:
        run = run + 1 if line.hyphenated else 0
        longest = max(longest, run)
    c = composition(lines)
    loosest = sorted((line for line in lines if line.justified), key=lambda line: -line.gap)[:2]
    worst = tuple(_("p. {page}: {gap} em «{text}»", page=line.page, gap=format(line.gap, ".2f"), text=line.text)
                  for line in loosest) + \
        c.one_word_titles[:WORST] + c.stubs[:WORST]
    return TypographyRow(
        lang, article, len(lines), round(percentile(gaps, 0.95), 3), round(max(gaps, default=0.0), 3),
        sum(line.hyphenated for line in lines), longest, sum(line.overfull for line in lines),
        widows=sum(_alone(line) and line.paragraph_end and not line.paragraph_start for line in lines),
        orphans=sum(_alone(line) and line.paragraph_start and not line.paragraph_end for line in lines),
        hyphen_at_foot=sum(line.fragment_end and not line.paragraph_end and line.hyphenated for line in lines),
        kerned=c.kerned, letter_spaced=round(c.letter_spaced / c.justified, 4) if c.justified else 0.0,
        alternating=c.alternating, one_word_titles=len(c.one_word_titles), stubs=len(c.stubs), worst=worst)


def _measured(line: SetLine) -> bool:
    """A line the word space is measured over: justified, of 20+ characters."""
    return line.justified and line.chars >= MEASURED_LINE_CHARS


def _alone(line: SetLine) -> bool:
    """The only line of a paragraph in its column."""
    return line.fragment_start and line.fragment_end


def loosest_lines(page_map: PageMap, count: int = WORST_LINES) -> tuple[LooseLine, ...]:
    """The `count` justified lines of 20+ characters (the lines the word space is measured
    over) with the widest word spaces in the edition, loosest first."""
    places = column_places(page_map)
    measured = [(index, line) for index, line in enumerate(page_map.set_lines)
                if line.entry_id is not None and _measured(line)]
    measured.sort(key=lambda item: (-item[1].gap, item[1].page, item[0]))
    return tuple(LooseLine(line.page, *places[index], line.entry_id, round(line.gap, 3),
                           " ".join(line.text.split()[:FIRST_WORDS]))
                 for index, line in measured[:max(0, count)])


def typography_rows(facts: EditionFacts, worst_lines: int = WORST_LINES) -> list[TypographyRow]:
    if facts.page_map is None:
        return []
    by_entry = set_lines_by_entry(facts.page_map)
    fitted = dict(facts.page_map.fitted)
    rows = [replace(measure(facts.lang, entry_id, lines), fitted=fitted.get(entry_id, 0))
            for entry_id, lines in by_entry.items()]
    everything = [line for lines in by_entry.values() for line in lines]
    if not rows:
        return rows
    edition = measure(facts.lang, "(edition)", everything)
    aligned, pages, off = grid_alignment(facts.page_map)
    hollow = hollow_pages(facts.page_map)
    edition = replace(edition, hollow_pages=len(hollow), grid_aligned=f"{aligned}/{pages}",
                      loosest=loosest_lines(facts.page_map, worst_lines),
                      fitted=sum(abs(lines) for lines in fitted.values()),
                      worst=edition.worst + tuple(_("p. {page}: filled to {filled}", page=page, filled=format(filled, ".0%"))
                                                  for page, filled, _entry in hollow)
                      + tuple(_("p. {page}: columns off the grid", page=page) for page in off[:WORST]))
    return rows + [edition]


def check_typography(facts: EditionFacts) -> list[Diagnostic]:
    found = []
    for row in typography_rows(facts):
        if row.article == "(edition)":
            continue
        problems = []
        if row.gap_p95 > GAP_TARGET:
            problems.append(_("word spaces up to {gap} em (95th percentile; target {target})",
                              gap=format(row.gap_p95, ".2f"), target=format(GAP_TARGET, ".2f")))
        if row.hyphen_run > HYPHEN_RUN_TARGET:
            problems.append(_n("{count} hyphenated line in a row", "{count} hyphenated lines in a row", row.hyphen_run))
        for count, what in (
                (row.overfull, _n("{count} overfull line", "{count} overfull lines", row.overfull)),
                (row.widows, _n("{count} widow", "{count} widows", row.widows)),
                (row.orphans, _n("{count} orphan", "{count} orphans", row.orphans)),
                (row.hyphen_at_foot, _n("{count} hyphen at the foot of a column", "{count} hyphens at the foot of a column",
                                        row.hyphen_at_foot))):
            if count:
                problems.append(what)
        if problems:
            found.append(Diagnostic(
                Severity.WARNING, "typography.quality", "; ".join(problems), article=row.article, lang=row.lang,
                hints=(_("run munpress report for the figures of every article"),),
                data={"gap_p95": row.gap_p95, "hyphen_run": row.hyphen_run, "overfull": row.overfull,
                      "widows": row.widows, "orphans": row.orphans, "hyphen_at_foot": row.hyphen_at_foot}))
    return found
