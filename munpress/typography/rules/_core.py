"""What every typographic rule shares: letter classes, protected spans, alignment.

A rule is a plain function `rule(text, lang) -> str`. Rules only ever change the
characters *between* words: quotes, dashes, spaces, dots. The letters, digits and
underscores of the text (`\\w`), soft hyphens, line feeds and the object placeholder
U+FFFC are *anchors*: every rule keeps them, in order, unchanged. Two things follow:

* the words of a manuscript (`munpress.model.words.words`) never change;
* the output can be aligned with the input character by character, anchor to anchor,
  which is how `normalize.py` maps rewritten paragraph text back onto its runs.

Web addresses and e-mail addresses are protected: before the rules run, each of their
characters is replaced by a stand-in letter, so the rules see one opaque word there, and
the original characters are put back afterwards through the alignment.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

NBSP = "\u00a0"
LANGUAGES = ("ky", "ru")

# Kyrgyz is Russian's alphabet plus ң ө ү: every letter class must name them, since
# typograf's 'а-яё' does not.
LOWER = "a-zа-яёңөү"
UPPER = "A-ZА-ЯЁҢӨҮ"
CYRILLIC = "а-яёңөүА-ЯЁҢӨҮ"

# Characters that may sit inside a word without ending it, for look-behinds: a hyphen
# joins ("что-то", "Ак-Талаа"), an apostrophe too ("д'Артаньян").
WORD_JOINERS = r"\w\u00ad\-\u2010\u2011'’"

_ANCHOR = re.compile(r"[\w\n\ufffc\u00ad]")

Rule = Callable[[str, str], str]


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"no typographic rules for language {lang!r} (known: {', '.join(LANGUAGES)})")
    return lang


# -- protected spans ---------------------------------------------------------------------

_PROTECTED = re.compile(
    r"""
      (?:https?|ftp)://[^\s<>«»"“”]+                      # a full address
    | (?<![\w@.])www\.[^\s<>«»"“”]+                       # www.mun.kg
    | [\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+                      # an e-mail address
    | (?<![\w@.\-/])[a-z0-9][\w\-]*(?:\.[\w\-]+)*\.(?:kg|ru|com|org|net|gov|edu|info|io|kz|uz|su|рф)
      (?![\w\-])(?:/[^\s<>«»"“”]*)?                        # a bare domain: mun.kg/path
    """,
    re.VERBOSE | re.IGNORECASE,
)
_TRAILING = re.compile(r"[.,;:!?)\]»\"“”'’…]+$")
STAND_IN = "x"


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Where the web and e-mail addresses are; trailing sentence punctuation is not theirs.

    >>> text = "Сайт: www.mun.kg. Почта: info@mun.kg"
    >>> [text[a:b] for a, b in protected_spans(text)]
    ['www.mun.kg', 'info@mun.kg']
    """
    spans = []
    for match in _PROTECTED.finditer(text):
        start, end = match.span()
        trailing = _TRAILING.search(match.group())
        if trailing:
            end -= len(trailing.group())
        if end > start:
            spans.append((start, end))
    return spans


def mask(text: str) -> tuple[str, list[tuple[int, int]]]:
    spans = protected_spans(text)
    if not spans:
        return text, spans
    chars = list(text)
    for start, end in spans:
        chars[start:end] = STAND_IN * (end - start)
    return "".join(chars), spans


def unmask(original: str, spans: list[tuple[int, int]], masked: str, result: str,
           origin: list[int]) -> str:
    """Put the protected characters back where the alignment says they went."""
    if not spans:
        return result
    inside = bytearray(len(masked))
    for start, end in spans:
        inside[start:end] = b"\x01" * (end - start)
    chars = list(result)
    for j, i in enumerate(origin):
        if inside[i] and chars[j] == STAND_IN and masked[i] == STAND_IN:
            chars[j] = original[i]
    return "".join(chars)


# -- alignment ---------------------------------------------------------------------------

class AlignmentError(ValueError):
    """A rule changed a word: its output no longer has the input's anchors in order."""


def anchors(text: str) -> str:
    return "".join(_ANCHOR.findall(text))


def align(old: str, new: str) -> list[int]:
    """For each character of `new`, the index of the character of `old` it came from.

    Anchors map one to one. Between two anchors the short runs of other characters are
    matched by a minimal edit; a character the rule inserted belongs to the character
    before it (so a no-break space added after «№» joins the run of «№»).

    >>> align("№1", "№\\u00a01")
    [0, 0, 1]
    >>> align('"а"', "«а»")
    [0, 1, 2]
    """
    if not old:
        if new:
            raise AlignmentError("text appeared from nothing")
        return []
    old_at = [m.start() for m in _ANCHOR.finditer(old)]
    new_at = [m.start() for m in _ANCHOR.finditer(new)]
    if len(old_at) != len(new_at) or any(old[i] != new[j] for i, j in zip(old_at, new_at)):
        raise AlignmentError("a rule changed the letters or digits of the text")
    origin = [0] * len(new)
    old_prev = new_prev = -1
    for i, j in zip(old_at + [len(old)], new_at + [len(new)]):
        _align_gap(old, old_prev + 1, i, new, new_prev + 1, j, origin)
        if j < len(new):
            origin[j] = i
        old_prev, new_prev = i, j
    return origin


def _align_gap(old: str, a0: int, a1: int, new: str, b0: int, b1: int, origin: list[int]) -> None:
    if b0 == b1:
        return
    if a0 == a1:  # pure insertion: belongs to what precedes it, else to what follows
        owner = a0 - 1 if a0 > 0 else min(a0, len(old) - 1)
        for j in range(b0, b1):
            origin[j] = owner
        return
    for k, source in enumerate(_edit_sources(old[a0:a1], new[b0:b1])):
        # source -1: inserted before the gap's first character, so it joins what precedes
        origin[b0 + k] = a0 + source if source >= 0 else (a0 - 1 if a0 > 0 else a0)


def _edit_sources(old: str, new: str) -> list[int]:
    """For each character of `new`, the index in `old` it replaced, kept or follows.

    A minimal edit (Levenshtein: keep 0, replace, delete or insert 1), so that « — »
    for « - » maps position by position and «,» for « ,» keeps the comma's own place.
    Gaps between words are a few characters; a pathological long one maps by position.
    """
    n, m = len(old), len(new)
    if old == new:
        return list(range(m))
    if n * m > 40_000:
        return [min(k, n - 1) for k in range(m)]
    cost = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        cost[i][0] = i
    for j in range(m + 1):
        cost[0][j] = j
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            diagonal = cost[i - 1][j - 1] + (old[i - 1] != new[j - 1])
            cost[i][j] = min(diagonal, cost[i - 1][j] + 1, cost[i][j - 1] + 1)
    sources = [0] * m
    i, j = n, m
    while j > 0:
        if i > 0 and cost[i][j] == cost[i - 1][j] + 1:  # on a tie the later copy goes
            i -= 1
        elif i > 0 and cost[i][j] == cost[i - 1][j - 1] + (old[i - 1] != new[j - 1]):
            i, j = i - 1, j - 1
            sources[j] = i
        else:
            j -= 1
            sources[j] = i - 1
    return sources


# -- rules -------------------------------------------------------------------------------

def rule(function: Rule) -> Rule:
    """Mark a rule: the public function protects addresses; `.raw` is the bare rule."""

    @functools.wraps(function)
    def public(text: str, lang: str) -> str:
        check_language(lang)
        return run((function,), text, lang)[0]

    public.raw = function  # type: ignore[attr-defined]
    return public


def run(rules: tuple[Rule, ...], text: str, lang: str) -> tuple[str, list[int]]:
    """Apply bare rules in order, addresses protected; the result and its alignment."""
    masked, spans = mask(text)
    result = masked
    for function in rules:
        result = function(result, lang)
    if result == masked:
        return text, list(range(len(text)))
    origin = align(masked, result)
    return unmask(text, spans, masked, result, origin), origin
