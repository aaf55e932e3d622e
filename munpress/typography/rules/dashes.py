r"""Dashes, hyphens and the minus sign.

* A dash between words — a hyphen, two or three hyphens, an en or an em dash with
  spaces on both sides — is an em dash with a no-break space before it and an ordinary
  space after it: «Итог\u00a0— водопровод». A line may break after the dash, never
  before it.
* A dash opening a paragraph or a line (dialogue, direct speech) is «—» and a no-break
  space.
* A range of numbers takes an en dash without spaces: 1941–1945, 10–12 тысяч,
  2022–2023-жылдары. A digit, a hyphen and letters is an affix, not a range («2024-жыл»,
  «5-президент», «25-й»), and chains of three or more numbers («66-12-34», dates, codes)
  are left alone.
* A hyphen before a number is a minus (U+2212) only where it can be nothing else: it
  stands at the start of a word (after a space or a bracket), the number is not part of a
  chain, and either a degree sign follows the number or the word before is not a number or
  a dash (so «от -5 до -10», «(-3)» and «-5 °C» take a minus, «1941 -1945» does not).
* Hyphens inside words («онлайн-курсы», «Ак-Талаа», «2024-жылы») are never touched.
"""

from __future__ import annotations

import re

from munpress.typography.rules._core import NBSP, rule

_TYPED_DASH = r"(?:-{1,3}|[–—])"

_DIALOGUE = re.compile(rf"(?:^|(?<=\n))([ \u00a0]*){_TYPED_DASH}[ \u00a0]+(?=\S)")


@rule
def dialogue_dash(text: str, lang: str) -> str:
    r"""A dash opening a paragraph or a line: an em dash and a no-break space.

    >>> dialogue_dash("- Мен барам, - деди ал.", "ky")
    '—\xa0Мен барам, - деди ал.'
    >>> dialogue_dash("Биринчи сап\n-- Экинчи сап", "ky")
    'Биринчи сап\n—\xa0Экинчи сап'
    >>> dialogue_dash("-5 °C", "ru")
    '-5 °C'
    """
    return _DIALOGUE.sub(lambda m: m.group(1) + "—" + NBSP, text)


_NUMBER = r"\d+(?:[.,]\d+)?"
_RANGE = re.compile(
    rf"(?<![\w.,\-–—−/:+\u00ad])({_NUMBER})"
    rf"(?:[-–—]|[ \u00a0]+[-–][ \u00a0]+)"
    rf"({_NUMBER})(?!\w|[-–—.,:/]\d)"
)


@rule
def number_ranges(text: str, lang: str) -> str:
    r"""An en dash without spaces between the two ends of a range of numbers.

    >>> number_ranges("1941-1945 гг., 2020 - 2024, 10-12 тысяч", "ru")
    '1941–1945 гг., 2020–2024, 10–12 тысяч'
    >>> number_ranges("2022-2023-жылдары 20-30 миң сом", "ky")
    '2022–2023-жылдары 20–30 миң сом'
    >>> number_ranges("2024-жыл, 5-президент, 2024-ж., 25-й", "ky")
    '2024-жыл, 5-президент, 2024-ж., 25-й'
    >>> number_ranges("тел. 66-12-34, 01.02.2024-05.02.2024, 10:00-12:00", "ru")
    'тел. 66-12-34, 01.02.2024-05.02.2024, 10:00-12:00'
    >>> number_ranges("0,5-1,5 л", "ru")
    '0,5–1,5 л'
    """
    return _RANGE.sub("\\1–\\2", text)


_MINUS = re.compile(rf"(?:(?<=[\s(\[])|^)[-–](?=({_NUMBER})([ \u00a0]?°)?)")
_BEFORE_WORD = re.compile(r"[ \u00a0]*\Z")


@rule
def minus(text: str, lang: str) -> str:
    r"""A hyphen or en dash that is the sign of a number becomes U+2212.

    >>> minus("-5 °C, от -5 до -10 градусов, (-3)", "ru")
    '−5 °C, от −5 до −10 градусов, (−3)'
    >>> minus("1941 -1945, -5-жылы, 5 - 3, -Мен", "ky")
    '1941 -1945, -5-жылы, 5 - 3, -Мен'
    >>> minus("-5 адам", "ky")
    '-5 адам'
    """

    def sign(match: re.Match[str]) -> str:
        start, after = match.start(), match.end() + len(match.group(1))
        if after < len(text) and text[after] in "-–—‑":
            return match.group()
        if match.group(2):
            return "−"
        before = text[:start].rstrip(" \u00a0")
        if not before or before[-1] == "\n" or before[-1].isdigit() or before[-1] in "-–—−":
            return match.group()
        return "−"

    return _MINUS.sub(sign, text)


_EM = re.compile(rf"(?<=\S)[ \u00a0]+{_TYPED_DASH}(?:([ \u00a0]+)(?=\S)|(?=\n)|\Z)")


@rule
def em_dash(text: str, lang: str) -> str:
    r"""A dash between words: no-break space, em dash, space.

    >>> em_dash("Итог - водопровод, а тротуар -- позже", "ru")
    'Итог\xa0— водопровод, а тротуар\xa0— позже'
    >>> em_dash('"Кагаз жүзүндө баары туура", – деди ал', "ky")
    '"Кагаз жүзүндө баары туура",\xa0— деди ал'
    >>> em_dash("онлайн-курсы, Ак-Талаа, 2024-жылы", "ky")
    'онлайн-курсы, Ак-Талаа, 2024-жылы'
    >>> em_dash("Итог -", "ru")
    'Итог\xa0—'
    """
    return _EM.sub(lambda m: NBSP + "—" + (" " if m.group(1) else ""), text)
