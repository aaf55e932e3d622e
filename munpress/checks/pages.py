"""Imposition: a saddle-stitched issue has a page count that is a multiple of four."""

from __future__ import annotations

from munpress.checks.facts import EditionFacts
from munpress.diagnostics import Diagnostic, Severity

SHEET_PAGES = 4


def check_page_count(facts: EditionFacts) -> list[Diagnostic]:
    if facts.page_map is None:
        return []
    count = facts.page_map.page_count
    missing = -count % SHEET_PAGES
    if not missing:
        return []
    return [Diagnostic(Severity.ERROR, "pages.not-multiple-of-4",
                       f"the edition has {count} pages; saddle stitching needs a multiple of 4: "
                       f"add {missing} page{'s' if missing > 1 else ''} or remove {count % SHEET_PAGES}",
                       lang=facts.lang, data={"pages": count, "blank_pages_needed": missing})]
