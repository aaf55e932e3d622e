r"""No-break spaces (always U+00A0: ReportLab breaks lines at U+202F and U+2009).

Below, ~ stands for the no-break space.

Short words. Russian follows typograf: the words of `ru/shortWord` bind to the next word
(«в~Бишкеке», «и~в~Караколе»), and the particles ли, ль, же, бы, б bind to the previous
one («он~же»). бы, же, ли are taken out of the forward list: a particle belongs to the
word before it, and binding it both ways would glue three words together.

Kyrgyz (an editorial decision, see docs/typography.md). Kyrgyz is postpositional and has
few short function words; what reads badly is a one- or two-letter word left at the end
of a line, cut from the word it modifies (ал эми, ар бир, эч ким, өз алдынча, эң жакшы,
бир же эки), or an enclitic particle starting a line away from its host (күчү да). So:

* every Kyrgyz word of one or two letters binds to the next word (ал, ар, эч, өз, эң,
  же «or», бу, а, үч, он, эл, үй …), like typograf's generic `afterShortWord` rule;
* the enclitic particles да/де/та/те/до/дө/то/тө («also, even») and го/ко bind to the
  previous word instead, and never to the next;
* longer words are not bound: the conjunction жана (like Russian «и», but four letters),
  the determiners бул and бир, and the postpositions менен, үчүн, боюнча, чейин, жөнүндө
  are full words a line may end or begin with, as a Russian line may end with «это» or
  begin with «после». Binding such frequent words would fix a pair in almost every line
  of a narrow column and spoil the justification.

Other no-break spaces, both languages:

* «№~5», «§~2»: inserted when «№5» is typed; «№№~5» keeps its two signs together;
* initials and surname: «А.~С.~Пушкин», «Т.~М.~Мамбетжунушов», «Мамбетжунушов~Т.~М.»;
* a number and its unit, currency or counted word: «10~км», «5~%», «46~киши»,
  «8~млн сомов», «2024~г.», «1941–1945~гг.», «2024~году»; «2024-ж.» keeps its hyphen and
  nothing is inserted;
* the groups of a number the author typed with spaces: «7~260 горожан», «1~500,00~сом»
  (groups of three digits after one to three digits);
* a day and its month in Russian: «8~марта»; a Roman numeral and в./вв./кылым;
* the abbreviations т.~е., т.~д., т.~п., т.~к., т.~н., т.~о., н.~э. (ru) and ж.~б.,
  ж.~б.~у.~с., б.~а., б.~з.~ч. (ky).

Nothing is inserted between a number and % when the author wrote «5%», and digits are never
grouped where the author did not group them: «12500» → «12 500» would split one word into
two, which the lost-text check (rightly) counts as a changed word.
"""

from __future__ import annotations

import re

from munpress.typography.rules._core import (
    CYRILLIC,
    LOWER,
    NBSP,
    UPPER,
    WORD_JOINERS,
    rule,
)

# -- № and § -----------------------------------------------------------------------------

_NUMERO = re.compile(r"([№§])[ ]?(?=\d)")


@rule
def number_sign(text: str, lang: str) -> str:
    r"""A no-break space between № (or §) and its number.

    >>> number_sign("№1, № 5, №№ 3, § 2", "ru")
    '№\xa01, №\xa05, №№\xa03, §\xa02'
    >>> number_sign("№ 6 китепкана", "ky")
    '№\xa06 китепкана'
    """
    return _NUMERO.sub("\\1" + NBSP, text)


# -- initials ----------------------------------------------------------------------------

_SURNAME = rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?"
_INITIALS_AFTER = re.compile(
    rf"(?<![{WORD_JOINERS}])({_SURNAME})[ \u00a0]([{UPPER}])\.[ \u00a0]?([{UPPER}])\.(?![{LOWER}])"
)
_INITIALS_BEFORE = re.compile(
    rf"(?<![{WORD_JOINERS}.])([{UPPER}])\.[ \u00a0]?(?:([{UPPER}])\.[ \u00a0]?)?(?=[{UPPER}][{LOWER}]{{2}})"
)
_BOUND_SURNAME = re.compile(rf"[{UPPER}][{LOWER}]+\u00a0\Z")


@rule
def initials(text: str, lang: str) -> str:
    r"""Initials are never parted from each other or from the surname.

    >>> initials("А. С. Пушкин, А.С.Пушкин и А. Пушкин", "ru")
    'А.\xa0С.\xa0Пушкин, А.\xa0С.\xa0Пушкин и А.\xa0Пушкин'
    >>> initials("Т. М. Мамбетжунушов жана Мамбетжунушов Т. М. айтты", "ky")
    'Т.\xa0М.\xa0Мамбетжунушов жана Мамбетжунушов\xa0Т.\xa0М. айтты'
    >>> initials("Ө. Ү. Ңаматов", "ky")
    'Ө.\xa0Ү.\xa0Ңаматов'
    >>> initials("т.е. так", "ru")
    'т.е. так'
    """
    text = _INITIALS_AFTER.sub(lambda m: f"{m[1]}{NBSP}{m[2]}.{NBSP}{m[3]}.", text)

    def before(match: re.Match[str]) -> str:
        if _BOUND_SURNAME.search(text, max(0, match.start() - 60), match.start()):
            return match.group()  # «Мамбетжунушов Т. М.» already bound backwards
        letters = [g for g in match.groups() if g]
        return "".join(f"{letter}.{NBSP}" for letter in letters)

    return _INITIALS_BEFORE.sub(before, text)


# -- abbreviations -----------------------------------------------------------------------

ABBREVIATIONS = {
    "ru": ("т е", "т д", "т п", "т к", "т н", "т о", "н э"),
    # жана башка (и др.), жана башка ушул сыяктуу (и т. п.), башкача айтканда (т. е.),
    # биздин заманга чейин (до н. э.), биздин заман (н. э.)
    "ky": ("ж б у с", "ж б", "б а", "б з ч", "б з"),
}


def _abbreviation_pattern(abbreviations: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = sorted(abbreviations, key=len, reverse=True)
    body = "|".join(r"\.[ \u00a0]?".join(a.split()) + r"\." for a in alternatives)
    return re.compile(rf"(?<![{WORD_JOINERS}.])(?:{body})(?!\w)", re.IGNORECASE)


_ABBREVIATIONS = {lang: _abbreviation_pattern(a) for lang, a in ABBREVIATIONS.items()}


@rule
def abbreviations(text: str, lang: str) -> str:
    r"""«т.\u00a0е.», «и т.\u00a0д.» (with the short-word rule), «ж.\u00a0б.»: never split.

    >>> abbreviations("т.е. так, и т. д. и т.п.", "ru")
    'т.\xa0е. так, и т.\xa0д. и т.\xa0п.'
    >>> abbreviations("китептер ж.б.у.с. жана б. а.", "ky")
    'китептер ж.\xa0б.\xa0у.\xa0с. жана б.\xa0а.'
    >>> abbreviations("2024-ж. б", "ky")
    '2024-ж. б'
    """
    return _ABBREVIATIONS[lang].sub(lambda m: f".{NBSP}".join(re.findall(r"\w", m.group())) + ".", text)


# -- numbers and units -------------------------------------------------------------------

# Units and abbreviations taken exactly (a dot or ² ³ may follow), and stems of counted
# words and currencies taken with any ending (сом, сомов, сомдон; киши, кишиге).
UNITS = (
    "км", "м", "дм", "см", "мм", "кг", "г", "мг", "т", "ц", "га", "л", "мл", "мин", "ч",
    "сек", "тыс", "млн", "млрд", "трлн", "кв", "куб", "кВт", "МВт", "Вт", "гг", "ж", "жж",
)
STEMS = (
    "сом", "тыйын", "руб", "долл", "евро", "тенге", "миң", "тысяч", "миллион", "миллиард",
    "процент", "пайыз", "человек", "жител", "киши", "адам", "гектар", "тонн", "литр",
    "саат", "мүнөт", "минут", "час", "жыл", "год", "лет",
)
_UNIT = (
    r"(?:[%‰°]"
    rf"|(?:{'|'.join(sorted(UNITS, key=len, reverse=True))})(?:[²³]|\.)?(?![{WORD_JOINERS}])"
    rf"|(?:{'|'.join(STEMS)})[{CYRILLIC}]*(?![{WORD_JOINERS}]))"
)
_GROUPED = re.compile(rf"(?<![{WORD_JOINERS}.,])\d{{1,3}}(?:[ \u00a0]\d{{3}})+(?![\w\u00ad])")
_NUMBER_UNIT = re.compile(rf"(?<=\d) (?={_UNIT})")
_ROMAN_CENTURY = re.compile(rf"(?<![{WORD_JOINERS}])([IVXLC]+) (?=(?:вв?\.|кылым))")


@rule
def units(text: str, lang: str) -> str:
    r"""A number is never parted from its unit, currency or counted word.

    >>> units("10 км, 125 кг, 5 %, 2024 г., 1941–1945 гг., 8 млн сомов, 5 т", "ru")
    '10\xa0км, 125\xa0кг, 5\xa0%, 2024\xa0г., 1941–1945\xa0гг., 8\xa0млн сомов, 5\xa0т'
    >>> units("46 киши, 20 миң сом, 90–110 сомдон, 10 саат", "ky")
    '46\xa0киши, 20\xa0миң сом, 90–110\xa0сомдон, 10\xa0саат'
    >>> units("1 500,00 сом, 8 000 000 сомов, 7 260 горожан, 720001 Бишкек, 2023 500", "ru")
    '1\xa0500,00\xa0сом, 8\xa0000\xa0000\xa0сомов, 7\xa0260 горожан, 720001 Бишкек, 2023 500'
    >>> units("2024-ж., 5%, 5 мая, XIX в., XX кылым", "ky")
    '2024-ж., 5%, 5 мая, XIX\xa0в., XX\xa0кылым'
    """
    text = _GROUPED.sub(lambda m: m.group().replace(" ", NBSP), text)
    text = _NUMBER_UNIT.sub(NBSP, text)
    return _ROMAN_CENTURY.sub("\\1" + NBSP, text)


MONTHS = ("январ", "феврал", "март", "апрел", "ма[йяе]", "июн", "июл", "август", "сентябр",
          "октябр", "ноябр", "декабр")
_DAY_MONTH = re.compile(
    rf"(?<![{WORD_JOINERS}.,])(\d{{1,2}}) (?=(?:{'|'.join(MONTHS)})[{CYRILLIC}]*(?![{WORD_JOINERS}]))",
    re.IGNORECASE,
)


@rule
def day_month(text: str, lang: str) -> str:
    r"""Russian dates: «8\u00a0марта». (Kyrgyz writes «8-март», with a hyphen.)

    >>> day_month("8 марта 2024 г., 14 декабря, 1 май, 25 мартовских", "ru")
    '8\xa0марта 2024 г., 14\xa0декабря, 1\xa0май, 25\xa0мартовских'
    """
    if lang != "ru":
        return text
    return _DAY_MONTH.sub("\\1" + NBSP, text)


# -- short words -------------------------------------------------------------------------

FORWARD = {
    "ru": frozenset(
        ("а", "в", "во", "да", "до", "за", "и", "из", "к", "ко", "на", "не", "ни", "но", "о", "об", "от",
         "по", "с", "со", "то", "у")
    ),
}
PARTICLES = {
    "ru": frozenset(("ли", "ль", "же", "бы", "б")),
    "ky": frozenset(("да", "де", "та", "те", "до", "дө", "то", "тө", "го", "ко")),
}
# What may follow a bound short word: not a closing mark, a dash or the end of a line.
_NEXT = r"(?=[^\s,.;:!?)\]»“”…—–\-−])"
_SHORT = re.compile(rf"(?<![{WORD_JOINERS}.])([{CYRILLIC}]{{1,2}}) {_NEXT}")
_PARTICLE = {
    lang: re.compile(
        rf"(?<=[\w\u00ad]) (?=(?:{'|'.join(sorted(words, key=len, reverse=True))})(?![{WORD_JOINERS}]))",
        re.IGNORECASE,
    )
    for lang, words in PARTICLES.items()
}


@rule
def short_words(text: str, lang: str) -> str:
    r"""Short words bind to the next word, particles to the previous one.

    >>> short_words("и в Бишкеке, а не в Оше; он же сказал бы", "ru")
    'и\xa0в\xa0Бишкеке, а\xa0не\xa0в\xa0Оше; он\xa0же сказал\xa0бы'
    >>> short_words("В 2024 году что-то на ...", "ru")
    'В\xa02024 году что-то на ...'
    >>> short_words("ал эми ар бир эч ким өз алдынча эң жакшы бир же эки", "ky")
    'ал\xa0эми ар\xa0бир эч\xa0ким өз\xa0алдынча эң\xa0жакшы бир же\xa0эки'
    >>> short_words("күчү да, каражаты да жетпейт жана менен үчүн", "ky")
    'күчү\xa0да, каражаты\xa0да жетпейт жана менен үчүн'
    >>> short_words("Ак-Талаа айтты ал.", "ky")
    'Ак-Талаа айтты ал.'
    """
    forward = FORWARD.get(lang)
    particles = PARTICLES[lang]

    def bind(match: re.Match[str]) -> str:
        word = match.group(1).lower()
        if word in particles or (forward is not None and word not in forward):
            return match.group()
        return match.group(1) + NBSP

    text = _SHORT.sub(bind, text)
    return _PARTICLE[lang].sub(NBSP, text)
