"""Russian word division: pyphen's ru_RU patterns, ё, the orthographic rules the patterns may
miss (§§211–214), exceptions, and the ReportLab callable contract."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from munpress.typography.hyphenation import hyphenator_for, mark_breaks, russian_allowed

DATA = Path(__file__).parent / "data"
RU = hyphenator_for("ru")

VOWELS = set("аеёиоуыэюя")
LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"


def divided(word: str, hyphenator=RU) -> str:
    return mark_breaks(word, hyphenator.positions(word))


def word_list(name: str) -> list[tuple[str, str]]:
    rows = []
    for line in (DATA / name).read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, expected = line.split("\t")
            rows.append((word, expected))
    return rows


RU_WORDS = word_list("ru-words.txt")


@pytest.mark.parametrize("word, expected", [
    ("новосёлов", "но-во-сё-лов"), ("объединённый", "объ-еди-нён-ный"), ("подъезд", "подъ-езд"),
    ("район", "рай-он"), ("четвёртый", "чет-вёр-тый"), ("сверхъестественный", "сверхъ-есте-ствен-ный"),
])
def test_words_with_yo_and_signs_divide_like_the_dictionary(word, expected):
    assert divided(word) == expected


def test_the_word_list_divides_as_reviewed():
    assert len(RU_WORDS) >= 60
    assert sum("ё" in word for word, _ in RU_WORDS) >= 15
    wrong = [(word, expected, divided(word)) for word, expected in RU_WORDS
             if divided(word) != expected]
    assert wrong == []


def _violation(word: str, i: int) -> str | None:
    w = word.lower()
    head, tail = w[:i], w[i:]
    if len(head) < 2 or len(tail) < 2:
        return "a side shorter than two letters"
    if not (VOWELS & set(head) and VOWELS & set(tail)):
        return "a side without a vowel"
    if tail[0] in "ьъ":
        return "ь or ъ separated from its consonant"
    if tail[0] == "й" and head[-1] in VOWELS:
        return "й separated from its vowel"
    return None


def test_no_break_ever_violates_the_orthographic_rules():
    rng = random.Random(211)
    generated = ["".join(rng.choice(LETTERS) for _ in range(rng.randint(2, 16))) for _ in range(5000)]
    words = [word for word, _ in RU_WORDS] + generated
    violations = [(word, i, why) for word in words for i in RU.positions(word)
                  if (why := _violation(word, i))]
    assert violations == []
    assert sum(bool(RU.positions(word)) for word in generated) > 500


@pytest.mark.parametrize("word, position", [
    ("подъезд", 3), ("батальон", 5), ("район", 2), ("война", 2), ("мгла", 1), ("вдруг", 2),
])
def test_the_checks_refuse_what_the_rules_forbid(word, position):
    assert not russian_allowed(word, position)


def test_initialisms_and_non_words_get_no_break():
    for word in ["ООН", "ЕАЭС", "КР", "ЖК", "МВД", "Иссык-Куль", "кое-как", "2024", "10-й",
                 "Москва.", "Bishkek"]:
        assert RU.positions(word) == [], word


def test_case_is_kept():
    assert RU("Новосёлов") == [("Новосё", "лов"), ("Ново", "сёлов"), ("Но", "восёлов")]


def test_exceptions_fix_the_patterns_and_serve_inflected_forms():
    assert divided("контрудар") == "контр-удар"
    assert divided("контрудары") == "контр-уда-ры"
    assert divided("субвенции") == "суб-вен-ции"


def test_unbreakable_names_keep_their_letters_together():
    hyphenate = hyphenator_for("ru", unbreakable=["Токтогул"])
    assert hyphenate.positions("Токтогул") == []
    assert divided("Токтогулова") == "Ток-то-гу-ло-ва"
    assert divided("Токтогулова", hyphenate) == "Токтогуло-ва"


def test_the_hyphenator_is_a_callable_reportlab_accepts():
    from_callable = RU("государственный")
    assert from_callable == sorted(from_callable, key=lambda pair: -len(pair[0]))
    assert all(head + tail == "государственный" for head, tail in from_callable)
    assert callable(hyphenator_for("ru"))
