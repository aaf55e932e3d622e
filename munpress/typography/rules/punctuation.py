r"""Quotation marks and the ellipsis.

Quotes: «…» outside, „…“ inside, the same in Kyrgyz and Russian (CLDR 48 `delimiters`
for ru and ky). Straight " and “ ” ‟ are read from their context: after a space, the
start, an opening bracket, a dash or another opening quote a mark opens, after anything
else it closes. « „ ‟ as typed always open, » closes; the nesting level, not the typed
mark, decides between «» and „“. Left as typed: a straight quote with spaces on both
sides and no quote open, and a » that can only be opening (»Бишкек).

Single quotes and apostrophes (' ’) are never touched: inside a word they are apostrophes
(«д'Артаньян»), and Kyrgyz text hardly uses them.
"""

from __future__ import annotations

import re

from munpress.typography.rules._core import rule

_QUOTE = re.compile(r'["“”„‟«»]')
_OPENING_CONTEXT = frozenset("([{«„‚<—–-/")
LEVELS = (("«", "»"), ("„", "“"))


@rule
def quotes(text: str, lang: str) -> str:
    r"""«Ёлочки» outside, „лапки“ inside, whatever was typed.

    >>> quotes('Коалиция "Кыргыз Республикасында" уюштурду', "ky")
    'Коалиция «Кыргыз Республикасында» уюштурду'
    >>> quotes('Союз "Кыргыз "Эл" коому"', "ky")
    'Союз «Кыргыз „Эл“ коому»'
    >>> quotes('"Союз "Кыргыз""', "ru")
    '«Союз „Кыргыз“»'
    >>> quotes("«Союз «Кыргыз»»", "ru")
    '«Союз „Кыргыз“»'
    >>> quotes("“Лапки” и „немецкие“", "ru")
    '«Лапки» и «немецкие»'
    >>> quotes("— \"Да\", — сказал он", "ru")
    '— «Да», — сказал он'
    >>> quotes("д'Артаньян, 5 ' 6", "ru")
    "д'Артаньян, 5 ' 6"
    >>> quotes('a " b', "ru")
    'a " b'
    """
    chars = list(text)
    depth = 0
    for match in _QUOTE.finditer(text):
        i = match.start()
        typed = text[i]
        before = chars[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        after_open = before.isspace() or before in _OPENING_CONTEXT
        if typed in "«„‟":
            opening: bool | None = True
        elif typed == "»":
            # »Бишкек« (an opening » as in Danish) is left as typed
            opening = None if after_open and not after.isspace() else False
        else:
            if after_open and not after.isspace():
                opening = True
            elif not after_open:
                opening = False
            else:
                opening = False if depth else None
        if opening is None:
            continue
        if opening:
            chars[i] = LEVELS[min(depth, 1)][0]
            depth += 1
        else:
            chars[i] = LEVELS[1 if depth >= 2 else 0][1]
            depth = max(depth - 1, 0)
    return "".join(chars)


_THREE_DOTS = re.compile(r"(?<!\.)\.\.\.(?!\.)")


@rule
def ellipsis(text: str, lang: str) -> str:
    r"""Three dots become one ellipsis character; two or four dots stay as typed.

    >>> ellipsis("Ошентип...", "ky")
    'Ошентип…'
    >>> ellipsis("Что?.. Так....", "ru")
    'Что?.. Так....'
    """
    return _THREE_DOTS.sub("…", text)
