"""Typographic normalisation of Kyrgyz and Russian text, one rule per function.

Every rule is a plain function `rule(text, lang) -> str` with its cases in its docstring
(run as doctests by tests/typography/test_rules.py). `RULES[lang]` lists the rules of a
language in the order they apply; `apply_rules(text, lang)` runs them all. Rules never
change a word: they rewrite only quotes, dashes, spaces and dots, and web and e-mail
addresses are left exactly as typed (see `_core`). The decisions, the Kyrgyz ones above
all, are in docs/typography.md.

Order matters: spaces are tidied first so later patterns see single spaces; ranges of
numbers are found before the dash between words, so «2020 - 2024» becomes «2020–2024»
and not a sentence dash; initials and abbreviations are bound before short words.
"""

from __future__ import annotations

from munpress.typography.rules._core import (
    LANGUAGES,
    NBSP,
    AlignmentError,
    Rule,
    align,
    check_language,
    protected_spans,
    run,
)
from munpress.typography.rules.dashes import (
    dialogue_dash,
    em_dash,
    minus,
    number_ranges,
)
from munpress.typography.rules.nbsp import (
    abbreviations,
    day_month,
    initials,
    number_sign,
    short_words,
    units,
)
from munpress.typography.rules.punctuation import ellipsis, quotes
from munpress.typography.rules.spaces import collapse_spaces, punctuation_spaces

_COMMON_HEAD: tuple[Rule, ...] = (
    collapse_spaces,
    punctuation_spaces,
    ellipsis,
    quotes,
    dialogue_dash,
    number_ranges,
    minus,
    em_dash,
    number_sign,
    initials,
    abbreviations,
    units,
)

RULES: dict[str, tuple[Rule, ...]] = {
    "ru": _COMMON_HEAD + (day_month, short_words),
    "ky": _COMMON_HEAD + (short_words,),
}


def apply_rules(text: str, lang: str) -> str:
    """The text with every rule of the language applied, in order."""
    return apply_rules_aligned(text, lang)[0]


def apply_rules_aligned(text: str, lang: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the index in `text` it comes
    from (see `_core.align`)."""
    check_language(lang)
    return run(tuple(r.raw for r in RULES[lang]), text, lang)  # type: ignore[attr-defined]


__all__ = [
    "LANGUAGES",
    "NBSP",
    "RULES",
    "AlignmentError",
    "Rule",
    "abbreviations",
    "align",
    "apply_rules",
    "apply_rules_aligned",
    "check_language",
    "collapse_spaces",
    "day_month",
    "dialogue_dash",
    "ellipsis",
    "em_dash",
    "initials",
    "minus",
    "number_ranges",
    "number_sign",
    "protected_spans",
    "punctuation_spaces",
    "quotes",
    "short_words",
    "units",
]
