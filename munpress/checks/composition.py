"""How the pages are composed, from the layout's record: what an art director looks at.

Per article: letter pairs kerned, lines letter-spaced beyond ±1% of the type size, adjacent
lines far apart in tightness, titles ending on one word, paragraphs ending on a stub; per
page: two-column pages whose baselines line up, and pages left hollow. Each figure keeps its
worst places (page and line) so a designer can go and look.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from munpress.checks.facts import EditionFacts
from munpress.diagnostics import Diagnostic, Severity
from munpress.i18n import _, _n
from munpress.layout.pagemap import PageMap, SetLine

LETTER_SPACING_LIMIT = 0.01  # ems per letter
ALTERNATION = 0.01  # adjacent lines this far apart in letter spacing are two fitness classes apart
STUB_LETTERS = 5
GRID_TOLERANCE = 0.5  # points
ON_GRID_ROLES = ("text", "title", "heading", "list", "signature")
TITLE_ROLES = ("title", "heading")
TITLE_LINES = 3  # the most an article's title may take (layout/story.py stops at half a page)
WORST = 3


@dataclass(frozen=True)
class Composition:
    kerned: int
    letter_spaced: int  # justified lines spaced beyond the limit
    justified: int
    alternating: int
    one_word_titles: tuple[str, ...]  # "p. 7: «чечишти»"
    stubs: tuple[str, ...]
    title_lines: int = 0  # lines of the article's title
    title_pages: tuple[int, ...] = ()  # the pages its lines are on: one, unless it breaks over a page


def composition(lines: list[SetLine]) -> Composition:
    justified = [line for line in lines if line.justified]
    alternating = sum(1 for a, b in zip(justified, justified[1:])
                      if not a.fragment_end and abs(a.tracking - b.tracking) > ALTERNATION + 1e-9)
    titles, stubs = [], []
    previous: SetLine | None = None
    for line in lines:
        if line.paragraph_end and not line.paragraph_start:
            if line.role in TITLE_ROLES and line.words == 1:
                titles.append(_("p. {page}: «{text}»", page=line.page, text=line.text))
            elif line.role in ("text", "list") and (line.letters < STUB_LETTERS or (
                    previous is not None and previous.hyphenated and line.words == 1)):
                stubs.append(_("p. {page}: «{text}»", page=line.page, text=line.text))
        previous = line
    return Composition(sum(line.kerned for line in lines),
                       sum(abs(line.tracking) > LETTER_SPACING_LIMIT + 1e-9 for line in justified),
                       len(justified), alternating, tuple(titles), tuple(stubs),
                       sum(1 for line in lines if line.role == "title"),
                       tuple(sorted({line.page for line in lines if line.role == "title"})))


def set_lines_by_entry(page_map: PageMap) -> dict[str, list[SetLine]]:
    """The set lines of each entry, in the order they were set (cover and contents left out)."""
    by_entry: dict[str, list[SetLine]] = {}
    for line in page_map.set_lines:
        if line.entry_id is not None:
            by_entry.setdefault(line.entry_id, []).append(line)
    return by_entry


COLUMN_STEP = 100  # points: left edges this far apart are two columns (indents are less)


def column_places(page_map: PageMap) -> list[tuple[int, int]]:
    """(column, line) of each of the page map's set lines, in its order: the column counted
    from the left of its page, the line among the lines of text in that column counted from
    its top (pictures and rules are not lines)."""
    by_page: dict[int, list[int]] = {}
    for index, line in enumerate(page_map.set_lines):
        by_page.setdefault(line.page, []).append(index)
    places = [(1, 1)] * len(page_map.set_lines)
    for indexes in by_page.values():
        starts = sorted({round(page_map.set_lines[i].x) for i in indexes})
        lefts = [x for n, x in enumerate(starts) if n == 0 or x - starts[n - 1] > COLUMN_STEP]
        columns: dict[int, list[int]] = {}
        for i in indexes:
            column = sum(left <= round(page_map.set_lines[i].x) for left in lefts)
            columns.setdefault(column, []).append(i)
        for column, members in columns.items():
            for number, i in enumerate(sorted(members, key=lambda i: (-page_map.set_lines[i].y, i)), 1):
                places[i] = (column, number)
    return places


def hollow_pages(page_map: PageMap) -> list[tuple[int, float, str | None]]:
    """(page, share filled, the entry that ends there) for article pages left hollow."""
    found = []
    for page in page_map.hollow_pages():
        ending = [p.entry_id for p in page_map.placements if p.last_page == page.number]
        found.append((page.number, page.filled, ending[-1] if ending else None))
    return found


def grid_alignment(page_map: PageMap) -> tuple[int, int, list[int]]:
    """(pages aligned, two-column pages, the pages that are not): every baseline of a
    page's right column lies on the grid of its left column."""
    by_page: dict[int, list[SetLine]] = {}
    for line in page_map.set_lines:
        if line.entry_id is not None and line.role in ON_GRID_ROLES and line.size:
            by_page.setdefault(line.page, []).append(line)
    aligned, pages, off = 0, 0, []
    for number, lines in sorted(by_page.items()):
        xs = sorted({round(line.x) for line in lines})
        cut = next((b for a, b in zip(xs, xs[1:]) if b - a > 100), None)
        if cut is None:
            continue
        left = sorted({line.y for line in lines if line.x < cut - 1})
        right = sorted({line.y for line in lines if line.x >= cut - 1})
        steps = Counter(round(b - a, 1) for a, b in zip(left, left[1:]) if b - a > 1)
        if len(left) < 3 or len(right) < 3 or not steps:
            continue
        grid = steps.most_common(1)[0][0]
        pages += 1
        if all(any(abs((r - b + grid / 2) % grid - grid / 2) < GRID_TOLERANCE for b in left) for r in right):
            aligned += 1
        else:
            off.append(number)
    return aligned, pages, off


def check_composition(facts: EditionFacts) -> list[Diagnostic]:
    if facts.page_map is None:
        return []
    found = []
    for entry_id, lines in set_lines_by_entry(facts.page_map).items():
        c = composition(lines)
        if c.letter_spaced:
            found.append(Diagnostic(Severity.WARNING, "typography.letter-spacing",
                                    _("{letter_spaced} of {justified} lines letter-spaced beyond {limit} of the type size",
                                      letter_spaced=c.letter_spaced, justified=c.justified, limit="±1%"),
                                    article=entry_id, lang=facts.lang,
                                    hints=(_("run munpress report for the lines"),)))
        if c.one_word_titles:
            found.append(Diagnostic(Severity.WARNING, "typography.title-one-word",
                                    _("a title or heading ends on one word: {places}",
                                      places="; ".join(c.one_word_titles[:WORST])),
                                    article=entry_id, lang=facts.lang,
                                    hints=(_("shorten the heading, or tie its last words with a no-break space"),)))
        if len(c.title_pages) > 1:
            found.append(Diagnostic(Severity.WARNING, "article.title-split",
                                    _("the title breaks over a page: pages {first} and {last}",
                                      first=c.title_pages[0], last=c.title_pages[-1]),
                                    article=entry_id, lang=facts.lang, page=c.title_pages[0],
                                    hints=(_("shorten the title, or start the article on a new page ({toml})",
                                             toml="new_page = true"),)))
        if c.title_lines > TITLE_LINES:
            found.append(Diagnostic(Severity.WARNING, "article.long-title",
                                    _n("the title takes {count} line, more than {most}",
                                       "the title takes {count} lines, more than {most}", c.title_lines, most=TITLE_LINES),
                                    article=entry_id, lang=facts.lang,
                                    hints=(_("shorten it, or give a shorter {key} for the article in issue.toml",
                                             key="title = …"),),
                                    data={"lines": c.title_lines}))
        if c.stubs:
            found.append(Diagnostic(Severity.WARNING, "typography.paragraph-stub",
                                    _n("{count} paragraph ends on a stub: {places}",
                                       "{count} paragraphs end on a stub: {places}", len(c.stubs),
                                       places="; ".join(c.stubs[:WORST])),
                                    article=entry_id, lang=facts.lang,
                                    hints=(_("add or cut a word in the paragraph"),)))
    for page, filled, entry_id in hollow_pages(facts.page_map):
        found.append(Diagnostic(
            Severity.WARNING, "layout.hollow-page",
            _("page {page} stops at {filled} of its type area where {article} ends",
              page=page, filled=format(filled, ".0%"), article=entry_id) if entry_id else
            _("page {page} stops at {filled} of its type area", page=page, filled=format(filled, ".0%")),
            article=entry_id, lang=facts.lang, page=page,
            hints=(_("fill about {share} of a page: a filler in fillers/ ({fillers} in munpress.toml), "
                     "a pull quote ({pull_quotes} in issue.toml), or let the next article start on this page "
                     "({toml})", share=format(1 - filled, ".0%"), fillers="[[fillers]]", pull_quotes="pull_quotes",
                     toml="new_page = false"),),
            data={"filled": filled}))
    return found
