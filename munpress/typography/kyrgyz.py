"""Kyrgyz word division from the official rules, «Кыргыз тилинин жазуу эрежелери», «Ташымал» §78–§86.

No open project ships Kyrgyz hyphenation patterns, so these are rules, not patterns. Every
function here takes a word that is already lower case and made of Kyrgyz letters
(`is_kyrgyz`); `hyphenation.py` handles case, exceptions and the magazine's unbreakable words.

Syllables (§78). Vowel letters are а е ё и о ө у ү ы э ю я. A doubled vowel (аа ээ оо өө уу
үү ыы, and any other run of one vowel a loanword or a typo brings) and юу are one nucleus
and are never split: тоо-лордо, not то-олордо. Between two nuclei the last consonant of the cluster starts
the next syllable (V-CV, VC-CV, VCC-CV: ки-теп, так-кан, айт-ты, көрк-төм), so two identical
consonants are split (§83) and й before a consonant closes its syllable (ай-тыл-ган). е ё ю я
after a vowel stand for й + vowel and open a syllable (бо-ек, то-ют); so does a vowel after
ь or ъ, and the sign stays with the consonant before it (§81: баталь-он, подъ-езд,
консуль-тация). Two different vowels side by side (only in loanwords: по-эзия) are two
syllables.

Intervocalic й (айыл, кайын, жайыт, тийиш). No Kyrgyz source settles it: the general Turkic
V-CV principle and the Kazakh rules give ка-йын, Russian practice gives кай-ын. Either choice
could split a syllable wrongly, so neither boundary is offered: a vowel + й + vowel sequence
is never divided (кайын, жайыт stay whole; жайыт-тар, айыл-дык still break after it). That is
the conservative choice, it can only lose break points, never make a wrong one.
`INTERVOCALIC_Y` names the choice; an editor who confirms a rule can change it, or list single
words in `data/hyphenation/ky-exceptions.txt`.

What may stand on each side of a break (§79, §80, §82, and Biyaliev 2013, p. 7):
* at least two letters on each side, and each side has a consonant letter, so no side is a
  bare vowel (а-рыз, аа-лам, оку-я, та-я, бо-е, ю-билей are refused) and one-syllable words
  never break;
* the syllable just before the break is not a bare vowel in the middle of a word either
  (электроэ-нергия, коа-лиция are refused; электро-энергия, ко-алиция are allowed).

All syllable boundaries the rules allow are offered. They include the affix boundaries
Biyaliev prefers (кызмат-таш-тык, бала-луу-лар-да): Kyrgyz suffixes are joined by the same
V-CV rule. ReportLab takes the longest head that fits, so a preference among allowed points
would not change the setting.

Initialisms (§84) and words that must never break are the caller's business
(`hyphenation.py`); §85 and §86 (initials, units) concern spaces, not word division.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

VOWELS = frozenset("аеёиоөуүыэюя")
IOTATED = frozenset("еёюя")
SIGNS = frozenset("ьъ")
CONSONANTS = frozenset("бвгджзйклмнңпрстфхцчшщ")
LETTERS = VOWELS | SIGNS | CONSONANTS

# How a vowel + й + vowel sequence divides: "none" (never, the default), "before" (ка-йын) or
# "after" (кай-ын). See the module docstring. Read when a word is first divided (results are
# cached), so set it before any division.
INTERVOCALIC_Y = "none"

MINIMUM_FRAGMENT = 2


class Nucleus(NamedTuple):
    start: int
    end: int  # exclusive
    iotated: bool  # е ё ю я standing for й + vowel


def is_kyrgyz(word: str) -> bool:
    """True for a non-empty lower-case word of Kyrgyz (Cyrillic) letters only."""
    return bool(word) and all(letter in LETTERS for letter in word)


def nuclei(word: str) -> list[Nucleus]:
    """The vowel nuclei of a word: a vowel, a doubled vowel or юу."""
    found: list[Nucleus] = []
    i = 0
    while i < len(word):
        letter = word[i]
        if letter not in VOWELS:
            i += 1
            continue
        iotated = letter in IOTATED and (i == 0 or word[i - 1] in VOWELS or word[i - 1] in SIGNS)
        end = i + 1
        while end < len(word) and (word[end] == letter or (letter == "ю" and word[end] == "у")):
            end += 1
        found.append(Nucleus(i, end, iotated))
        i = end
    return found


def _boundary(word: str, left: Nucleus, right: Nucleus) -> int | None:
    """Where the syllable of `right` starts, or None where the rules offer no boundary."""
    cluster = word[left.end:right.start]
    if not cluster or cluster[-1] in SIGNS:
        return right.start
    if cluster[-1] == "й":
        if len(cluster) > 1 or INTERVOCALIC_Y == "none":
            return None
        return right.start - 1 if INTERVOCALIC_Y == "before" else right.start
    return right.start - 1


def syllable_boundaries(word: str) -> list[int]:
    """Every index where a syllable starts, except the first."""
    parts = nuclei(word)
    found = (_boundary(word, left, right) for left, right in pairwise(parts))
    return [b for b in found if b is not None]


def _has_consonant(text: str) -> bool:
    return any(letter in CONSONANTS for letter in text)


def fragment_allowed(word: str, position: int) -> bool:
    """Whether word[:position] and word[position:] may stand at a line end and a line start."""
    head, tail = word[:position], word[position:]
    return (len(head) >= MINIMUM_FRAGMENT and len(tail) >= MINIMUM_FRAGMENT
            and _has_consonant(head) and _has_consonant(tail))


def _bare_vowel(syllable: str, nucleus: Nucleus | None) -> bool:
    return not _has_consonant(syllable) and not (nucleus is not None and nucleus.iotated)


@lru_cache(maxsize=65536)
def break_positions(word: str) -> tuple[int, ...]:
    """Ascending indices where a lower-case Kyrgyz word may be divided."""
    if not is_kyrgyz(word):
        return ()
    boundaries = syllable_boundaries(word)
    starts = [0, *boundaries]
    by_start = {n.start: n for n in nuclei(word)}
    allowed = []
    for previous, position in zip(starts, boundaries):
        syllable = word[previous:position]
        nucleus = next((by_start[i] for i in range(previous, position) if i in by_start), None)
        if fragment_allowed(word, position) and not _bare_vowel(syllable, nucleus):
            allowed.append(position)
    return tuple(allowed)


def syllabify(word: str) -> str:
    """The word with a hyphen at every allowed break: a readable form for lists and tests."""
    pieces, last = [], 0
    for position in break_positions(word):
        pieces.append(word[last:position])
        last = position
    pieces.append(word[last:])
    return "-".join(pieces)
