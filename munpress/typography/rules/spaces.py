r"""Spaces: one space between words, none before closing punctuation or after «(».

Trimming a paragraph is layout's business; these rules never touch a line feed (a manual
line break) or the text's ends beyond what is said here.
"""

from __future__ import annotations

import re

from munpress.typography.rules._core import NBSP, rule

_RUN = re.compile(r"[ \t\u00a0]{2,}|\t")


@rule
def collapse_spaces(text: str, lang: str) -> str:
    r"""A run of spaces and tabs becomes one space; if the run holds a no-break space, one
    no-break space. U+202F and U+2007 (no-break by intent, but U+202F is breakable in
    ReportLab) become U+00A0.

    >>> collapse_spaces("Бишкек   шаары", "ky")
    'Бишкек шаары'
    >>> collapse_spaces("Бишкек\tшаары", "ky")
    'Бишкек шаары'
    >>> collapse_spaces("№ \u00a0 5", "ru")
    '№\xa05'
    >>> collapse_spaces("12\u202f500", "ru")
    '12\xa0500'
    >>> collapse_spaces("строка\n  вторая", "ru")
    'строка\n вторая'
    """
    text = text.replace("\u202f", NBSP).replace("\u2007", NBSP)
    return _RUN.sub(lambda m: NBSP if NBSP in m.group() else " ", text)


# A space before , . ; : ! ? … ) ] goes, unless the mark opens the next word (".docx",
# "...и тогда"); a space after ( [ goes.
_BEFORE = re.compile(r"[ \u00a0]+(?=[,.;:!?…]++(?!\w)|[)\]])")
_AFTER = re.compile(r"(?<=[(\[])[ \u00a0]+")


@rule
def punctuation_spaces(text: str, lang: str) -> str:
    r"""No space before , . ; : ! ? … ) ] and none after ( [.

    >>> punctuation_spaces("Бирок , кийин ( 2024 ) .", "ky")
    'Бирок, кийин (2024).'
    >>> punctuation_spaces("Кто ? Где !", "ru")
    'Кто? Где!'
    >>> punctuation_spaces("файл .docx и ...потом", "ru")
    'файл .docx и ...потом'
    >>> punctuation_spaces("в 10:00 и 0,5 л", "ru")
    'в 10:00 и 0,5 л'
    """
    return _AFTER.sub("", _BEFORE.sub("", text))
