"""Imposition: a saddle-stitched issue has a page count that is a multiple of four."""

from __future__ import annotations

from munpress.checks.facts import EditionFacts
from munpress.diagnostics import Diagnostic, Severity
from munpress.i18n import _n

SHEET_PAGES = 4


def check_page_count(facts: EditionFacts) -> list[Diagnostic]:
    if facts.page_map is None:
        return []
    count = facts.page_map.page_count
    missing = -count % SHEET_PAGES
    if not missing:
        return []
    return [Diagnostic(Severity.ERROR, "pages.not-multiple-of-4",
                       _n("the edition has {pages} pages; saddle stitching needs a multiple of {sheet}: "
                          "add {count} page or remove {extra}",
                          "the edition has {pages} pages; saddle stitching needs a multiple of {sheet}: "
                          "add {count} pages or remove {extra}",
                          missing, pages=count, sheet=SHEET_PAGES, extra=count % SHEET_PAGES),
                       lang=facts.lang, data={"pages": count, "blank_pages_needed": missing})]
