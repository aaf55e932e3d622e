"""Planned pages (the TOC as the editors wrote it in issue.toml) against where entries land."""

from __future__ import annotations

from dataclasses import dataclass

from munpress.checks.facts import EditionFacts
from munpress.diagnostics import Diagnostic, Severity
from munpress.i18n import _
from munpress.manifest.schema import Manifest


@dataclass(frozen=True)
class PlacementRow:
    lang: str
    article: str
    title: str
    planned: int | None
    actual: int | None
    rubric: str = ""
    kind: str = "article"
    order: int = 0  # the entry's place in issue.toml

    @property
    def difference(self) -> int | None:
        if self.planned is None or self.actual is None:
            return None
        return self.actual - self.planned


def placement_rows(manifest: Manifest, facts: EditionFacts) -> list[PlacementRow]:
    if facts.page_map is None:
        return []
    rows = []
    for order, entry in enumerate(manifest.issue.entries()):
        if not entry.in_edition(facts.lang):
            continue
        placement = next((p for p in facts.page_map.placements if p.entry_id == entry.id), None)
        rows.append(PlacementRow(facts.lang, entry.id, placement.title if placement else entry.id,
                                 entry.planned_page(facts.lang), placement.page if placement else None,
                                 placement.rubric if placement else "", entry.kind, order))
    return rows


def real_pages(rows: list[PlacementRow]) -> list[tuple[str, str, dict[str, int | None]]]:
    """(article, title, real page per language), in the order issue.toml lists the articles."""
    pages: dict[str, dict[str, int | None]] = {}
    titles: dict[str, str] = {}
    for row in sorted(rows, key=lambda row: row.order):
        pages.setdefault(row.article, {})[row.lang] = row.actual
        titles.setdefault(row.article, row.title)
    return [(article, titles[article], by_lang) for article, by_lang in pages.items()]


def check_planned_pages(manifest: Manifest, facts: EditionFacts,
                        editions: list[EditionFacts] = ()) -> list[Diagnostic]:
    """`editions`: every edition checked, so that the fix given is right for all of them."""
    found = []
    actual = {(row.article, row.lang): row.actual for edition in (editions or [facts])
              for row in placement_rows(manifest, edition)}
    entries = {entry.id: entry for entry in manifest.issue.entries()}
    for row in placement_rows(manifest, facts):
        if row.actual is None:
            found.append(Diagnostic(Severity.ERROR, "toc.not-placed", _("the entry was not placed in the layout"),
                                    article=row.article, lang=row.lang))
        elif row.planned is not None and row.difference:
            found.append(Diagnostic(
                Severity.ERROR, "toc.page-mismatch",
                _("planned on page {planned}, starts on page {actual} ({difference})", planned=row.planned,
                  actual=row.actual, difference=format(row.difference, "+d")),
                article=row.article, lang=row.lang, page=row.actual,
                hints=(_("set {toml} in issue.toml, or change the layout",
                         toml=page_setting(entries[row.article].planned_pages, actual, row.article)),),
                data={"planned": row.planned, "actual": row.actual, "difference": row.difference}))
    return found


def page_setting(planned: tuple[tuple[str, int], ...], actual: dict[tuple[str, str], int | None],
                 article: str) -> str:
    """The `page = …` that makes every edition of the article right: each edition's real page
    (its planned one where it was not laid out), one number when they agree."""
    pages = {lang: actual.get((article, lang)) or page for lang, page in planned}
    if len(set(pages.values())) == 1:
        return f"page = {next(iter(pages.values()))}"
    unchecked = [lang for lang, _page in planned if actual.get((article, lang)) is None]
    setting = "page = { " + ", ".join(f"{lang} = {page}" for lang, page in pages.items()) + " }"
    return _("{toml} ({languages} not checked)", toml=setting, languages=", ".join(unchecked)) if unchecked else setting
