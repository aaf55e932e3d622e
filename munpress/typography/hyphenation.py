"""Word division per language, as callables ReportLab's `hyphenationLang` accepts.

A hyphenator takes a word and yields (head, tail) pairs, longest head first, like pyphen's
`iterate`. Russian uses pyphen's `ru_RU` patterns; they have no ё, so positions are found
on the word with ё→е (same length) and applied to the original. Kyrgyz has no published
patterns anywhere; until munpress's own rule-based hyphenator lands, Kyrgyz is set
without automatic division (soft hyphens typed in the manuscript still apply).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache

import pyphen

Hyphenator = Callable[[str], Iterable[tuple[str, str]]]

MINIMUM_LEFT = 2
MINIMUM_RIGHT = 2


@cache
def _pyphen(lang: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=lang, left=MINIMUM_LEFT, right=MINIMUM_RIGHT)


def russian(word: str) -> list[tuple[str, str]]:
    """Break points of a Russian word, longest head first."""
    plain = word.replace("ё", "е").replace("Ё", "Е")
    positions = _pyphen("ru_RU").positions(plain)
    return [(word[:i], word[i:]) for i in sorted(positions, reverse=True)]


HYPHENATORS: dict[str, Hyphenator] = {"ru": russian}


def hyphenator_for(lang: str) -> Hyphenator | None:
    return HYPHENATORS.get(lang)
