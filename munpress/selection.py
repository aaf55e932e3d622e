"""`munpress build --article ID --pages 4-6,9`: which pages of a laid-out edition to write.

The edition is always laid out whole: the chosen pages keep their folios, running heads and
contents numbers. A selection names its file (`…-proof-03-land-qa.pdf`, `…-pages-4-6.pdf`),
so it never replaces the whole edition's PDF. Folios are the physical page numbers (the
cover is page 1), as `munpress check` and the flatplan count them.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from munpress.diagnostics import MunpressError
from munpress.i18n import _, _n
from munpress.layout.pagemap import PageMap, page_runs
from munpress.manifest.schema import Manifest

_RANGE = re.compile(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?")
_UNSAFE = re.compile(r"[^\w.-]+")  # what a file name part keeps of an article id


def parse_pages(text: str) -> tuple[int, ...]:
    """"4-6,9" → (4, 5, 6, 9): pages and ranges, separated by commas, in any order."""
    pages: set[int] = set()
    for part in text.split(","):
        found = _RANGE.fullmatch(part)
        first, last = (int(found.group(1)), int(found.group(2) or found.group(1))) if found else (0, 0)
        if not found or first < 1 or last < first:
            raise MunpressError(_("--pages {pages} is not a list of pages", pages=text), code="usage.pages",
                                hint=_("write pages and ranges of pages, such as {example}", example="--pages 4-6,9"))
        pages.update(range(first, last + 1))
    return tuple(sorted(pages))


def page_ranges(pages: tuple[int, ...]) -> str:
    """(4, 5, 6, 9) → "4-6+9", the shortest way to name the pages in a file name."""
    return "+".join(str(a) if a == b else f"{a}-{b}" for a, b in page_runs(pages))


@dataclass(frozen=True)
class Selection:
    """Articles (entry ids, in issue.toml's order) and folios; empty: the whole edition."""

    articles: tuple[str, ...] = ()
    pages: tuple[int, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.articles or self.pages)

    def suffix(self) -> str:
        """What the file's name adds: "03-land-qa", "pages-4-6+9", "03-land-qa+pages-2"."""
        parts = [_UNSAFE.sub("_", article) for article in self.articles]
        if self.pages:
            parts.append(f"pages-{page_ranges(self.pages)}")
        return "+".join(parts)

    def pages_in(self, page_map: PageMap, lang: str) -> tuple[int, ...]:
        """The edition's pages to write: every page the chosen articles span, and the chosen
        folios; () when the edition holds none of the chosen articles and no folio is chosen."""
        count = page_map.page_count
        beyond = [page for page in self.pages if page > count]
        if beyond:
            raise MunpressError(
                _n("page {page} is beyond the {lang} edition, which has {count} page",
                   "page {page} is beyond the {lang} edition, which has {count} pages",
                   count, page=beyond[0], lang=lang), code="usage.pages",
                hint=_("choose pages from 1 to {count}", count=count))
        chosen = set(self.pages)
        for placement in page_map.placements:
            if placement.entry_id in self.articles:
                chosen.update(range(placement.page, placement.last_page + 1))
        return tuple(sorted(chosen))


def select(manifest: Manifest, languages: list[str], articles: list[str] | tuple[str, ...] = (),
           pages: tuple[int, ...] = ()) -> Selection:
    """The selection, with each article id checked against issue.toml and the chosen editions."""
    entries = manifest.issue.entries()
    ids = [entry.id for entry in entries]
    issue_toml = str(manifest.issue.folder / "issue.toml")
    for article in articles:
        if article not in ids:
            raise MunpressError(_("the issue has no article {article}", article=repr(article)),
                                file=issue_toml, code="usage.article",
                                hint=_("did you mean --article {nearest}?", nearest=nearest(article, ids)))
        entry = entries[ids.index(article)]
        if not any(entry.in_edition(lang) for lang in languages):
            held = ", ".join(lang for lang, _path in entry.manuscripts)
            raise MunpressError(_("the article {article} is not in the {langs} edition",
                                  article=article, langs=", ".join(languages)),
                                file=issue_toml, code="usage.article",
                                hint=_("it is printed in the {held} edition: add --lang {lang}",
                                       held=held, lang=entry.manuscripts[0][0]))
    return Selection(tuple(entry_id for entry_id in ids if entry_id in articles), tuple(pages))


def nearest(wanted: str, ids: list[str]) -> str:
    """The id meant: one that starts with what was typed ("03"), else the most alike."""
    starting = [entry_id for entry_id in ids if entry_id.startswith(wanted)]
    if starting:
        return starting[0]
    number = wanted.split("-")[0]
    same_number = [entry_id for entry_id in ids if number.isdigit() and entry_id.split("-")[0] == number]
    return (same_number or difflib.get_close_matches(wanted, ids, n=1, cutoff=0) or ids or [""])[0]
