"""Checks: pure functions over the manifest, the read manuscripts and the page map."""

from __future__ import annotations

from munpress.checks.composition import check_composition
from munpress.checks.facts import EditionFacts
from munpress.checks.issn import check_barcode, check_issn
from munpress.checks.language import check_language
from munpress.checks.lost_text import check_lost_text
from munpress.checks.manuscripts import check_layout, check_manuscripts
from munpress.checks.pages import check_page_count
from munpress.checks.preflight import (
    check_font_licences,
    check_front_glyphs,
    check_images,
    check_imprint,
)
from munpress.checks.pull_quotes import check_pull_quotes
from munpress.checks.running_heads import check_running_heads
from munpress.checks.toc import (
    PlacementRow,
    check_planned_pages,
    placement_rows,
    real_pages,
)
from munpress.checks.typography import TypographyRow, check_typography, typography_rows
from munpress.diagnostics import Diagnostic
from munpress.manifest.schema import Manifest

EDITION_CHECKS = (check_manuscripts, check_layout, check_lost_text, check_language, check_page_count,
                  check_typography, check_images, check_imprint, check_font_licences, check_front_glyphs,
                  check_running_heads, check_composition)

__all__ = ["EditionFacts", "PlacementRow", "TypographyRow", "placement_rows", "real_pages", "run_checks",
           "typography_rows"]


def run_checks(manifest: Manifest, editions: list[EditionFacts]) -> list[Diagnostic]:
    found = check_issn(manifest.magazine.issn)
    for facts in editions:
        found += check_planned_pages(manifest, facts, editions)
        found += check_pull_quotes(manifest, facts)
        if facts.page_map is not None:
            found += check_barcode(manifest.magazine.issn, manifest.issue.number_in_year,
                                   facts.page_map.barcode, facts.lang)
        for check in EDITION_CHECKS:
            found += check(facts)
    return found
