"""Word division per language: one interface for Kyrgyz and Russian, usable as ReportLab's
`hyphenationLang` callable.

    hyphenate = hyphenator_for("ky", unbreakable=["Бишкек"])
    hyphenate.positions("Бишкекте")   # [6]: Бишкек-те
    hyphenate("жергиликтүү")           # [("жергилик", "түү"), ("жерги", "ликтүү"), ("жер", "гиликтүү")]

`positions` gives the ascending indices i where a break between word[:i] and word[i:] is
allowed; calling the hyphenator gives (head, tail) pairs, longest head first, with no hyphen
added, which is what ReportLab expects. `word` is a run of letters: anything holding another
character (a digit, a hyphen as in «кое-как», a soft hyphen) gets no break; the caller breaks
at a real hyphen itself.

Both languages:
* A word with two or more capital letters (БУУ, ЖӨБ, ООН, ЖӨБдүн) is an initialism and is
  never divided (Kyrgyz rules §84; the Russian typesetting rule is the same).
* Rules work on the lower-case word; the word's own case is kept in the pairs.
* Exception files, `munpress/data/hyphenation/{ky,ru}-exceptions.txt`, one word a line with
  its breaks as hyphens (`кыр-гыз-стан`), `#` starts a comment. An entry also fixes the
  breaks of the words that start with it, inflected forms: the listed breaks apply up to the
  entry's last break and the rules divide the rest, so «кыр-гыз-стан» gives
  Кыр-гыз-стан-дын and Кыр-гыз-ста-ны. An entry must be four letters or more to act as a
  stem. ё and е are the same letter for matching. Breaks from the file still pass the
  language's fragment checks (two letters a side and so on).
* `unbreakable`: the magazine's words and proper names that must never break. An entry
  typed with a capital is a name: it protects words written with a capital (Муниципалитет,
  the magazine, but not муниципалитеттердин, the common noun); one typed in lower case
  protects every spelling. Matching is by stem: a word equal to an entry gets no break at all, and a word
  that starts with an entry (Бишкекте, Бишкектеги for «Бишкек»; Токтогулова for «Токтогул»)
  gets no break inside the entry, only at or after its end (Бишкек-те, Бишкекте-ги). So the
  name itself is never cut, while its suffixes divide as usual. A stem never over-protects:
  a chance match (an entry that is the start of an unrelated word) only removes breaks
  inside the entry's letters. An entry with spaces or hyphens protects each of its words.
  A stem that changes in inflection (Россия → России) needs its forms listed.

Kyrgyz: rules of our own, see `kyrgyz.py`. Russian: pyphen's `ru_RU` patterns; they have no
ё, so positions are found on the word with ё→е (same length) and applied to the original. The
patterns' breaks are then checked against the orthographic rules they may miss (Правила
русской орфографии §§211–214): two letters at least on each side, a vowel on each side, ь
and ъ stay with the consonant before them, й stays with the vowel before it.

Results are cached per word (`CACHE_SIZE` words per hyphenator), and hyphenators are cached
per (language, unbreakable words).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import accumulate
from typing import Protocol

import pyphen

from munpress.typography import kyrgyz

MINIMUM_LEFT = 2
MINIMUM_RIGHT = 2
MINIMUM_EXCEPTION_STEM = 4
CACHE_SIZE = 1 << 16

RUSSIAN_VOWELS = frozenset("аеёиоуыэюя")
RUSSIAN_LETTERS = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")


class Hyphenator(Protocol):
    def positions(self, word: str) -> list[int]: ...

    def __call__(self, word: str) -> list[tuple[str, str]]: ...


@dataclass(frozen=True)
class Language:
    code: str
    accepts: Callable[[str], bool]  # a lower-case word this language's rules can divide
    rules: Callable[[str], tuple[int, ...]]  # lower-case word -> allowed positions
    allowed: Callable[[str, int], bool]  # fragment checks on the whole lower-case word


def _fold(word: str) -> str:
    return word.replace("ё", "е")


def parse_exceptions(text: str, source: str = "exceptions") -> dict[str, tuple[int, ...]]:
    """`кыр-гыз-стан` lines → {"кыргызстан": (3, 6)}; ValueError names a malformed line."""
    table: dict[str, tuple[int, ...]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        entry = line.split("#", 1)[0].strip().lower()
        if not entry:
            continue
        parts = entry.split("-")
        if not all(part.isalpha() for part in parts):
            raise ValueError(f"{source}:{number}: {line.strip()!r} is not a word with hyphens")
        table[_fold("".join(parts))] = tuple(accumulate(len(part) for part in parts[:-1]))
    return table


@cache
def packaged_exceptions(lang: str) -> dict[str, tuple[int, ...]]:
    name = f"{lang}-exceptions.txt"
    path = resources.files("munpress.data").joinpath("hyphenation").joinpath(name)
    return parse_exceptions(path.read_text("utf-8"), source=name)


# --- Russian -----------------------------------------------------------------------------


@cache
def _pyphen(lang: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=lang, left=MINIMUM_LEFT, right=MINIMUM_RIGHT)


def russian_allowed(word: str, position: int) -> bool:
    head, tail = word[:position], word[position:]
    return (len(head) >= MINIMUM_LEFT and len(tail) >= MINIMUM_RIGHT
            and not RUSSIAN_VOWELS.isdisjoint(head) and not RUSSIAN_VOWELS.isdisjoint(tail)
            and tail[0] not in "ьъ"
            and not (tail[0] == "й" and head[-1] in RUSSIAN_VOWELS))


def russian_rules(word: str) -> tuple[int, ...]:
    found = _pyphen("ru_RU").positions(_fold(word))
    return tuple(p for p in sorted(found) if russian_allowed(word, p))


def _is_russian(word: str) -> bool:
    return all(letter in RUSSIAN_LETTERS for letter in word)


LANGUAGES = {
    "ky": Language("ky", kyrgyz.is_kyrgyz, kyrgyz.break_positions, kyrgyz.fragment_allowed),
    "ru": Language("ru", _is_russian, russian_rules, russian_allowed),
}


# --- the hyphenator ----------------------------------------------------------------------


def _longest_prefix(word: str, table: Container[str], shortest: int) -> int:
    """Length of the longest entry of `table` that starts `word`, 0 if none."""
    for length in range(len(word), shortest - 1, -1):
        if word[:length] in table:
            return length
    return 0


class RuleHyphenator:
    """A `Hyphenator` for one language, with exceptions and the magazine's unbreakable words."""

    def __init__(self, language: Language, exceptions: dict[str, tuple[int, ...]],
                 unbreakable: frozenset[str] = frozenset(), names: frozenset[str] = frozenset(),
                 lang: str = "") -> None:
        self.lang = lang
        self.language = language
        self.exceptions = exceptions
        self.unbreakable = unbreakable  # entries typed in lower case: every word they start
        self.names = names  # entries typed with a capital: only words written with one
        self._positions = lru_cache(maxsize=CACHE_SIZE)(self._find)
        self._pairs = lru_cache(maxsize=CACHE_SIZE)(self._split)

    def __reduce__(self):
        # pickled (the break cache) as the way to make it: loaded, it is the same object
        return _hyphenator, (self.lang, self.unbreakable, self.names)

    def positions(self, word: str) -> list[int]:
        return list(self._positions(word))

    def __call__(self, word: str) -> list[tuple[str, str]]:
        return list(self._pairs(word))

    def marked(self, word: str, mark: str = "-") -> str:
        """The word with `mark` at every break: «жер-ги-лик-түү»."""
        return mark_breaks(word, self._positions(word), mark)

    def _split(self, word: str) -> tuple[tuple[str, str], ...]:
        return tuple((word[:i], word[i:]) for i in reversed(self._positions(word)))

    def _find(self, word: str) -> tuple[int, ...]:
        lower = word.lower()
        if (len(lower) != len(word) or not word.isalpha() or not self.language.accepts(lower)
                or sum(letter.isupper() for letter in word) > 1):
            return ()
        key = _fold(lower)
        protected = _longest_prefix(key, self.unbreakable, 1)
        if word[:1].isupper():
            protected = max(protected, _longest_prefix(key, self.names, 1))
        if protected == len(key):
            return ()
        found = self._by_exceptions(lower, key)
        allowed = self.language.allowed
        return tuple(sorted({p for p in found if p >= protected and allowed(lower, p)}))

    def _by_exceptions(self, lower: str, key: str) -> tuple[int, ...]:
        if key in self.exceptions:
            return self.exceptions[key]
        stem = _longest_prefix(key[:-1], self.exceptions, MINIMUM_EXCEPTION_STEM)
        if not stem:
            return self.language.rules(lower)
        fixed = self.exceptions[key[:stem]]
        last = fixed[-1] if fixed else 0
        return fixed + tuple(last + p for p in self.language.rules(lower[last:]))


def mark_breaks(word: str, positions: Iterable[int], mark: str = "-") -> str:
    pieces, last = [], 0
    for position in positions:
        pieces.append(word[last:position])
        last = position
    return mark.join([*pieces, word[last:]])


def _words_of(entries: Iterable[str], names: bool) -> frozenset[str]:
    return frozenset(_fold(w.lower()) for entry in entries for w in re.findall(r"[^\W\d_]+", entry)
                     if w[:1].isupper() == names)


@lru_cache(maxsize=32)
def _hyphenator(lang: str, unbreakable: frozenset[str], names: frozenset[str]) -> RuleHyphenator:
    return RuleHyphenator(LANGUAGES[lang], packaged_exceptions(lang), unbreakable, names, lang)


def hyphenator_for(lang: str, unbreakable: Iterable[str] = ()) -> Hyphenator | None:
    """The hyphenator of "ky" or "ru", None for a language munpress does not divide."""
    if lang not in LANGUAGES:
        return None
    entries = tuple(unbreakable)
    return _hyphenator(lang, _words_of(entries, names=False), _words_of(entries, names=True))
