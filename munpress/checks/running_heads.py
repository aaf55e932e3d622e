"""Running heads: a rubric too long for the head is printed cut short; the editors should know."""

from __future__ import annotations

from munpress.checks.facts import EditionFacts
from munpress.diagnostics import Diagnostic, Severity
from munpress.i18n import _, _n
from munpress.layout.pagemap import page_runs


def check_running_heads(facts: EditionFacts) -> list[Diagnostic]:
    if facts.page_map is None:
        return []
    cut: dict[tuple[str, str], list[int]] = {}
    for page in facts.page_map.pages:
        if page.head != page.head_wanted:
            cut.setdefault((page.rubric, page.head_wanted), []).append(page.number)
    return [Diagnostic(Severity.WARNING, "layout.running-head-shortened",
                       _n("the running head {wanted} is too long for the page: page {ranges} print {printed}",
                          "the running head {wanted} is too long for the page: pages {ranges} print {printed}",
                          len(pages), wanted=_quoted(wanted), ranges=_ranges(pages),
                          printed=_quoted(_printed(facts, pages[0]))),
                       lang=facts.lang, page=pages[0],
                       hints=(_("give its section a shorter {toml} in issue.toml",
                                toml='running_head = {{ {} = "…" }}'.format(facts.lang)),),
                       data={"rubric": rubric, "pages": pages})
            for (rubric, wanted), pages in cut.items()]


def _quoted(text: str) -> str:
    return f"“{text}”" if "«" in text or "»" in text else f"«{text}»"


def _printed(facts: EditionFacts, number: int) -> str:
    return next(page.head for page in facts.page_map.pages if page.number == number)


def page_ranges(numbers: list[int]) -> str:
    """[5, 6, 7, 9] -> 'pages 5–7, 9'."""
    return _n("page {ranges}", "pages {ranges}", len(numbers), ranges=_ranges(numbers))


def _ranges(numbers: list[int]) -> str:
    """[5, 6, 7, 9] -> '5–7, 9'."""
    return ", ".join(f"{first}–{last}" if last > first else str(first) for first, last in page_runs(numbers))
