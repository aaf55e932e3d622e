"""Each typographic rule, for Kyrgyz and Russian: what it changes and what it must leave."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

from munpress.model.words import words
from munpress.typography.rules import (
    RULES,
    abbreviations,
    apply_rules,
    collapse_spaces,
    day_month,
    dialogue_dash,
    ellipsis,
    em_dash,
    initials,
    minus,
    number_ranges,
    number_sign,
    protected_spans,
    punctuation_spaces,
    quotes,
    short_words,
    units,
)

NB = "\u00a0"
SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "147"
MODULES = ["_core", "spaces", "punctuation", "dashes", "nbsp"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_cases(name):
    module = importlib.import_module(f"munpress.typography.rules.{name}")
    result = doctest.testmod(module)
    assert result.failed == 0 and result.attempted > 0


def test_every_rule_is_a_documented_function_listed_for_both_languages():
    assert set(RULES) == {"ky", "ru"}
    for rules in RULES.values():
        for rule in rules:
            assert rule.__doc__ and ">>>" in rule.__doc__, rule.__name__
    assert [r.__name__ for r in RULES["ky"]] == [r.__name__ for r in RULES["ru"] if r is not day_month]


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="uz"):
        apply_rules("текст", "uz")
    with pytest.raises(ValueError):
        quotes('"a"', "en")


# -- cases: (input, expected) per language; expected None means "unchanged" -------------

CASES = {
    quotes: [
        ("ky", 'Коалиция "Кыргыз Республикасында" уюштурду', "Коалиция «Кыргыз Республикасында» уюштурду"),
        ("ky", '"ЖӨБ "Өнүгүү" союзу"', "«ЖӨБ „Өнүгүү“ союзу»"),
        ("ru", "«Союз «Кыргыз»»", "«Союз „Кыргыз“»"),
        ("ru", "„Лапки“ и “английские”", "«Лапки» и «английские»"),
        ("ru", "(\"в скобках\")", "(«в скобках»)"),
        ("ru", "—\u00a0\"Да\", — ответил", "—\u00a0«Да», — ответил"),
        ("ky", "Д'Артаньян, Ысык-Көл’дө", None),
        ("ru", "«уже правильно» и „вложено“", "«уже правильно» и «вложено»"),  # the level decides
        ("ru", "«верхний „вложенный“ уровень»", None),
    ],
    ellipsis: [
        ("ky", "Ошентип...", "Ошентип…"),
        ("ru", "Ну... и что?..", "Ну… и что?.."),
        ("ru", "Так....", None),
    ],
    collapse_spaces: [
        ("ky", "Бишкек    шаары", "Бишкек шаары"),
        ("ru", "слово\t\tслово", "слово слово"),
        ("ru", f"№ {NB}5", f"№{NB}5"),
        ("ru", "одна строка\nи другая", None),
    ],
    punctuation_spaces: [
        ("ky", "Бирок , кийин ( 2024 ) .", "Бирок, кийин (2024)."),
        ("ru", "Кто ? Когда ! Где :", "Кто? Когда! Где:"),
        ("ru", "в 10:00, 0,5 л, 1.5 км", None),
        ("ru", "расширение .docx", None),
    ],
    dialogue_dash: [
        ("ky", "- Мен барам, - деди ал.", f"—{NB}Мен барам, - деди ал."),
        ("ru", "-- Да.\n– Нет.", f"—{NB}Да.\n—{NB}Нет."),
        ("ru", "-5 °C утром", None),
        ("ru", "-Мен", None),
    ],
    number_ranges: [
        ("ru", "1941-1945 гг.", "1941–1945 гг."),
        ("ru", "2020 - 2024", "2020–2024"),
        ("ru", "2020 – 2024", "2020–2024"),
        ("ru", "10-12 тысяч", "10–12 тысяч"),
        ("ru", "1941—1945", "1941–1945"),
        ("ky", "2022-2023-жылдары", "2022–2023-жылдары"),
        ("ky", "9-12 миң сом", "9–12 миң сом"),
        ("ky", "5-6-класстар", "5–6-класстар"),
        ("ky", "2024-жыл, 2024-жылы, 5-президент, 2024-ж., 14-декабрында", None),
        ("ru", "25-й, 1990-х", None),
        ("ru", "тел. 66-12-34, 0312-66-12-34", None),
        ("ru", "01.02.2024-05.02.2024 и 10:00-12:00", None),
        ("ru", "Ак-Талаа, онлайн-курсы, COVID-19", None),
    ],
    minus: [
        ("ru", "-5 °C", "−5 °C"),
        ("ru", "от -5 до -10 градусов", "от −5 до −10 градусов"),
        ("ru", "температура (-3)", "температура (−3)"),
        ("ky", "аба ырайы -3 градус", "аба ырайы −3 градус"),
        ("ru", "1941 -1945", None),
        ("ru", "- 5 человек", None),
        ("ru", "-5 человек", None),
        ("ky", "-5-жылы", None),
        ("ru", "COVID-19, ст.-5", None),
    ],
    em_dash: [
        ("ru", "Итог - водопровод", f"Итог{NB}— водопровод"),
        ("ru", "Итог -- водопровод", f"Итог{NB}— водопровод"),
        ("ru", "Итог – водопровод", f"Итог{NB}— водопровод"),
        ("ru", "Итог — водопровод", f"Итог{NB}— водопровод"),
        ("ky", "турмуш - дайыма эле эмес", f"турмуш{NB}— дайыма эле эмес"),
        ("ky", "«Туура», - деди ал", f"«Туура»,{NB}— деди ал"),
        ("ky", "онлайн-курстар, Ак-Талаа, 2024-жылы", None),
        ("ru", "черно-белый, кое-где", None),
    ],
    number_sign: [
        ("ru", "№1", f"№{NB}1"),
        ("ru", "№ 5", f"№{NB}5"),
        ("ky", "№ 6 китепкана", f"№{NB}6 китепкана"),
        ("ru", "№№ 3–5", f"№№{NB}3–5"),
        ("ru", f"№{NB}5 и № без номера", None),
    ],
    initials: [
        ("ru", "А. С. Пушкин", f"А.{NB}С.{NB}Пушкин"),
        ("ru", "А.С. Пушкин", f"А.{NB}С.{NB}Пушкин"),
        ("ky", "Т. М. Мамбетжунушов", f"Т.{NB}М.{NB}Мамбетжунушов"),
        ("ky", "Мамбетжунушов Т. М. айтты", f"Мамбетжунушов{NB}Т.{NB}М. айтты"),
        ("ky", "Ү. Өмүрбеков", f"Ү.{NB}Өмүрбеков"),
        ("ru", "т.е. так", None),
        ("ru", "в КР. Бишкек", None),
    ],
    abbreviations: [
        ("ru", "т.е.", f"т.{NB}е."),
        ("ru", "и т. д.", f"и т.{NB}д."),
        ("ru", "и т.п.", f"и т.{NB}п."),
        ("ru", "до н. э.", f"до н.{NB}э."),
        ("ky", "ж.б.", f"ж.{NB}б."),
        ("ky", "ж. б. у. с.", f"ж.{NB}б.{NB}у.{NB}с."),
        ("ky", "2024-ж. бюджет", None),
        ("ru", "т.ч.", None),
    ],
    units: [
        ("ru", "10 км", f"10{NB}км"),
        ("ru", "125 кг, 5 г, 3 т, 2 га, 5 л", f"125{NB}кг, 5{NB}г, 3{NB}т, 2{NB}га, 5{NB}л"),
        ("ru", "5 %", f"5{NB}%"),
        ("ru", "2024 г. и 2023 гг.", f"2024{NB}г. и 2023{NB}гг."),
        ("ru", "10 тыс. сомов, 8 млн, 2 млрд", f"10{NB}тыс. сомов, 8{NB}млн, 2{NB}млрд"),
        ("ru", "30 мин, 2 ч", f"30{NB}мин, 2{NB}ч"),
        ("ky", "46 киши, 20 миң сом, 100 сом", f"46{NB}киши, 20{NB}миң сом, 100{NB}сом"),
        ("ky", "90–110 сомдон", f"90–110{NB}сомдон"),
        ("ru", "1 500,00 сом", f"1{NB}500,00{NB}сом"),
        ("ru", "7 260 горожан", f"7{NB}260 горожан"),
        ("ru", "XIX в.", f"XIX{NB}в."),
        ("ky", "2024-ж., 2024-жылы", None),
        ("ru", "5%, 720001 Бишкек, 12500 сом", "5%, 720001 Бишкек, 12500\u00a0сом"),
        ("ru", "в 2023 500 человек", "в 2023 500\u00a0человек"),
        ("ru", "118 домов, 5 мая", None),
    ],
    day_month: [
        ("ru", "8 марта, 28 мая", f"8{NB}марта, 28{NB}мая"),
        ("ky", "8 март", None),
    ],
    short_words: [
        ("ru", "в Бишкеке", f"в{NB}Бишкеке"),
        ("ru", "И в Оше", f"И{NB}в{NB}Оше"),
        ("ru", "не по плану", f"не{NB}по{NB}плану"),
        ("ru", "он же, был ли, если б", f"он{NB}же, был{NB}ли, если{NB}б"),
        ("ru", "что-то на ...", None),
        ("ru", "Это так.", None),
        ("ky", "ал эми", f"ал{NB}эми"),
        ("ky", "ар бир", f"ар{NB}бир"),
        ("ky", "эч ким", f"эч{NB}ким"),
        ("ky", "өз алдынча", f"өз{NB}алдынча"),
        ("ky", "эң жакшы", f"эң{NB}жакшы"),
        ("ky", "бир же эки", f"бир же{NB}эки"),
        ("ky", "күчү да, каражаты да жетпейт", f"күчү{NB}да, каражаты{NB}да жетпейт"),
        ("ky", "жана менен үчүн боюнча бул бир", None),
        ("ky", "Ак-Талаа, айтты ал.", None),
    ],
}


@pytest.mark.parametrize(
    ("rule", "lang", "text", "expected"),
    [(rule, lang, text, expected) for rule, cases in CASES.items() for lang, text, expected in cases],
    ids=lambda v: getattr(v, "__name__", None),
)
def test_rule(rule, lang, text, expected):
    result = rule(text, lang)
    assert result == (text if expected is None else expected)
    assert words(result) == words(text)


# -- what no rule may touch --------------------------------------------------------------

UNTOUCHED = [
    "www.mun.kg",
    "https://mun.kg/ru/news?id=5&a=1-2",
    "http://example.org/a--b/c...d",
    "courses@academy.example",
    "info@mun.kg",
    "mun.kg",
    "0,5",
    "10:00",
    "2024-жылы",
    "Ак-Талаа",
    "онлайн-курсы",
    "720001",
    "2024",
]


@pytest.mark.parametrize("lang", ["ky", "ru"])
@pytest.mark.parametrize("text", UNTOUCHED)
def test_left_alone(text, lang):
    assert apply_rules(text, lang) == text


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_addresses_inside_text_are_left_alone(lang):
    text = 'Сайт: "www.mun.kg/a--b" - почта: info@mun.kg. Баракча: https://mun.kg/x?y=1...'
    result = apply_rules(text, lang)
    for span in ("www.mun.kg/a--b", "info@mun.kg", "https://mun.kg/x?y=1"):
        assert span in result
    assert result.startswith("Сайт: «www.mun.kg/a--b»\u00a0— почта: info@mun.kg.")
    assert result.endswith("https://mun.kg/x?y=1…")


def test_protected_spans_drop_sentence_punctuation():
    text = "Бул жерде: www.mun.kg, жана (info@mun.kg)."
    assert [text[a:b] for a, b in protected_spans(text)] == ["www.mun.kg", "info@mun.kg"]


# -- all rules together ------------------------------------------------------------------

WHOLE = [
    ("ru", 'Итог - водопровод для 118 домов, "бюджет инициатив" в 2023 г...',
     f"Итог{NB}— водопровод для 118 домов, «бюджет инициатив» в{NB}2023{NB}г…"),
    ("ru", "- Депутаты спорили, - вспоминает А.Т. Токтосунов.",
     f"—{NB}Депутаты спорили,{NB}— вспоминает А.{NB}Т.{NB}Токтосунов."),
    ("ky", '2022-2023-жылдары 20 - 30 миң сом, т.а. "эч нерсе" - деген жооп',
     f"2022–2023-жылдары 20–30{NB}миң сом, т.а. «эч{NB}нерсе»{NB}— деген жооп"),
    ("ky", "Мен аялдамада \"№5 автобус\" күттүм", f"Мен аялдамада «№{NB}5 автобус» күттүм"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), WHOLE)
def test_all_rules(lang, text, expected):
    assert apply_rules(text, lang) == expected


def _sample_files():
    return sorted(SAMPLES.glob("*.*.md"))


def test_the_sample_issue_is_there():
    assert len(_sample_files()) >= 30


@pytest.mark.parametrize("path", _sample_files(), ids=lambda p: p.name)
def test_sample_manuscripts_keep_their_words(path):
    lang = path.name.split(".")[-2]
    text = path.read_text("utf-8")
    result = apply_rules(text, lang)
    assert words(result) == words(text)
    assert apply_rules(result, lang) == result  # normalising twice changes nothing
    assert "\u202f" not in result and "\u2009" not in result
