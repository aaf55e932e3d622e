"""Properties of the rule set over arbitrary text: words never change, twice is once."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from munpress.model.words import words
from munpress.typography.rules import RULES, align, apply_rules
from munpress.typography.rules._core import anchors

LANGS = st.sampled_from(["ky", "ru"])

# Pieces that make the rules fire: words of both languages (ң ө ү included), short words,
# numbers, units, quotes of every kind, dashes, spaces of every kind, dots, addresses.
TOKENS = [
    "Бишкек", "шаары", "Ак-Талаа", "онлайн-курсы", "өз", "эң", "ал", "эми", "да", "же", "жана",
    "в", "и", "не", "на", "же", "ли", "б", "т", "е", "д", "ж", "А", "С", "Т", "М", "Пушкин",
    "Мамбетжунушов", "2024", "1941", "5", "10", "0,5", "10:00", "720001", "12", "500",
    "-жыл", "-ж.", "км", "кг", "г.", "гг.", "сом", "миң", "%", "°C", "№", "§", "XIX", "в.",
    '"', "“", "”", "„", "‟", "«", "»", "'", "’", "-", "--", "–", "—", "−", "‑", "...", "…",
    ".", ",", ";", ":", "!", "?", "(", ")", "[", "]", " ", " ", " ", "  ", "\t", "\u00a0",
    "\u202f", "\u2009", "\u2007", "\n", "\ufffc", "\u00ad", "_", "www.mun.kg", "info@mun.kg",
    "https://mun.kg/a-b", "марта", "x", "Ё", "ё", "\u0301",
]
TYPOGRAPHIC = st.lists(st.sampled_from(TOKENS), max_size=40).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=80), TYPOGRAPHIC)

FAST = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(text=ANY_TEXT, lang=LANGS)
def test_rules_never_change_the_words(text, lang):
    assert words(apply_rules(text, lang)) == words(text)


@FAST
@given(text=ANY_TEXT, lang=LANGS)
def test_each_rule_alone_keeps_letters_digits_and_line_breaks(text, lang):
    for rule in RULES[lang]:
        result = rule(text, lang)
        assert anchors(result) == anchors(text), rule.__name__
        align(text, result)  # does not raise


@FAST
@given(text=TYPOGRAPHIC, lang=LANGS)
def test_normalising_twice_is_normalising_once(text, lang):
    once = apply_rules(text, lang)
    assert apply_rules(once, lang) == once


@FAST
@given(text=ANY_TEXT, lang=LANGS)
def test_no_breakable_narrow_space_is_produced(text, lang):
    result = apply_rules(text, lang)
    assert "\u202f" not in result
    assert result.count("\u2009") == text.count("\u2009")
