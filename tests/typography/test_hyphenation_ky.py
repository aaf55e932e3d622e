"""Kyrgyz word division: the official examples of «Ташымал» §78–§86, Biyaliev's notes, the
magazine's word list, and rules no break may ever violate."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from munpress.typography import kyrgyz
from munpress.typography.hyphenation import (
    hyphenator_for,
    mark_breaks,
    packaged_exceptions,
    parse_exceptions,
)

DATA = Path(__file__).parent / "data"
KY = hyphenator_for("ky")

VOWELS = set("аеёиоөуүыэюя")
IOTATED = set("еёюя")
CONSONANTS = set("бвгджзйклмнңпрстфхцчшщ")


def divided(word: str, hyphenator=KY) -> str:
    return mark_breaks(word, hyphenator.positions(word))


def breaks_of(marked: str) -> set[int]:
    """«ки-теп» → {2}."""
    found, length = set(), 0
    for piece in marked.split("-")[:-1]:
        length += len(piece)
        found.add(length)
    return found


def word_list(name: str) -> list[tuple[str, str]]:
    rows = []
    for line in (DATA / name).read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, expected = line.split("\t")
            rows.append((word, expected))
    return rows


# --- the official rules and their examples ------------------------------------------------

OFFICIAL_DIVISIONS = {
    # §78: by syllable, a long vowel is one syllable
    "китеп": "ки-теп", "боек": "бо-ек", "тоют": "то-ют", "тоолордо": "тоо-лор-до",
    "айтылгандар": "ай-тыл-ган-дар", "келгендер": "кел-ген-дер", "бекинүүчү": "бе-ки-нүү-чү",
    "зааркануучу": "заар-ка-нуу-чу",
    # §81: ь and ъ stay with the consonant before them
    "батальон": "ба-таль-он", "консультация": "кон-суль-та-ция", "разъезд": "разъ-езд",
    "подъезд": "подъ-езд",
    # §83: two identical consonants are split
    "таккан": "так-кан", "канаттуу": "ка-нат-туу", "чаппа": "чап-па", "касса": "кас-са",
    # §84: syllabic abbreviations may be split
    "химфак": "хим-фак", "мамбас": "мам-бас",
    # Biyaliev 2013, p. 7: break points on affix boundaries
    "кызматташтык": "кыз-мат-таш-тык", "балалууларда": "ба-ла-луу-лар-да",
    # the loanword from the exception list
    "Кыргызстан": "Кыр-гыз-стан",
}


@pytest.mark.parametrize("word, expected", OFFICIAL_DIVISIONS.items())
def test_the_official_examples_divide_as_the_rules_show(word, expected):
    assert divided(word) == expected


ALLOWED_BREAKS = ["ки-теп", "бо-ек", "то-ют", "тоо-лордо", "айтылган-дар", "келген-дер",
                  "ай-тылгандар", "бекинүү-чү", "заар-кануу-чу", "баталь-он", "консуль-тация",
                  "разъ-езд", "подъ-езд", "так-кан", "канат-туу", "чап-па", "кас-са", "хим-фак",
                  "мам-бас", "кызмат-таш-тык", "кызмат-таштык", "кызматташ-тык",
                  "бала-луу-лар-да", "бала-лууларда"]


@pytest.mark.parametrize("marked", ALLOWED_BREAKS)
def test_every_break_the_rules_show_is_offered(marked):
    word = marked.replace("-", "")
    assert breaks_of(marked) <= set(KY.positions(word))


FORBIDDEN_BREAKS = [
    "то-олордо",  # §78: a long vowel is never split
    "батал-ьон", "консул-ьтация", "раз-ъезд", "под-ъезд",  # §81
    "та-я", "бо-е", "ю-билей", "чи-е", "акаци-я",  # §82
    "оку-я", "а-рыз", "а-кыл", "аа-лам",  # Biyaliev: no one-letter or bare-vowel fragment
    "бекинү-үчү", "зааркану-учу",
]


@pytest.mark.parametrize("marked", FORBIDDEN_BREAKS)
def test_no_forbidden_break_is_offered(marked):
    word = marked.replace("-", "")
    assert not breaks_of(marked) & set(KY.positions(word))


NEVER_DIVIDED = [
    # §79: one syllable
    "жол", "ар", "эл", "тан", "таан", "суук", "тоо", "ээр", "тарс", "акт",
    # §80: two syllables, one of them a bare vowel
    "ага", "ата", "атак", "аалам", "аары", "араа", "эне", "эшик", "ээле", "элек", "өмүр",
    "өтүк", "ысык", "оона", "уула", "унаа", "ишен", "имер",
    # §82: the other syllable is one iotated letter
    "тая", "бое", "чие", "окуя", "арыз", "акыл",
    # §84: initialisms, and an initialism with a suffix
    "БУУ", "КУУ", "УАК", "МАИ", "ЖӨБ", "МСУ", "ЖӨБдүн",
]


@pytest.mark.parametrize("word", NEVER_DIVIDED)
def test_words_the_rules_keep_whole_get_no_break(word):
    assert KY.positions(word) == []
    assert KY(word) == []


def test_intervocalic_y_is_never_a_break_point():
    for word in ["айыл", "кайын", "жайыт", "тийиш", "кыйын", "бийик", "жыйын"]:
        assert KY.positions(word) == [], word
    assert divided("айылдык") == "айыл-дык"
    assert divided("жайыттар") == "жайыт-тар"
    assert divided("мыйзам") == "мый-зам"  # й before a consonant closes the syllable


# --- the magazine's word list -------------------------------------------------------------

KY_WORDS = word_list("ky-words.txt")


def test_the_word_list_is_large_enough_and_has_no_duplicates():
    words = [word.lower() for word, _ in KY_WORDS]
    assert len(words) >= 300
    assert len(words) == len(set(words))


def test_the_magazine_word_list_divides_as_reviewed():
    wrong = [(word, expected, divided(word)) for word, expected in KY_WORDS
             if divided(word) != expected]
    assert wrong == []


# --- invariants: over the word list and generated words -----------------------------------


def _violation(word: str, i: int) -> str | None:
    """Why a break before word[i] breaks a rule, or None."""
    w = word.lower()
    head, tail = w[:i], w[i:]
    before, after = w[i - 1], w[i]
    if len(head) < 2 or len(tail) < 2:
        return "a side shorter than two letters"
    if not (VOWELS & set(head) and VOWELS & set(tail)):
        return "a side without a vowel"
    if not (CONSONANTS & set(head) and CONSONANTS & set(tail)):
        return "a side without a consonant"
    if before == after and after in VOWELS or (before, after) == ("ю", "у"):
        return "inside a long vowel or юу"
    if after in "ьъ":
        return "ь or ъ separated from its consonant"
    if after in VOWELS and before in CONSONANTS:
        return "a consonant separated from the vowel after it"
    if "й" in (before, after) and _intervocalic_y(w, i - 1 if before == "й" else i):
        return "beside an intervocalic й"
    if (after not in VOWELS and before in VOWELS - IOTATED and w[i - 2] in VOWELS
            and w[i - 2] not in (before, "ю")):
        return "a bare vowel syllable ends the line"
    return None


def _intervocalic_y(word: str, y: int) -> bool:
    return 0 < y < len(word) - 1 and word[y - 1] in VOWELS and word[y + 1] in VOWELS


def _generated_words(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    consonants = sorted(CONSONANTS) + ["ль", "нь", "дъ", "ст", "нт", "рк", "кк", "тт"]
    nuclei = sorted(VOWELS) + ["аа", "оо", "уу", "үү", "өө", "ээ", "ыы", "юу", "ия", "ио", "ао"]
    words = []
    for _ in range(count):
        syllables = rng.randint(1, 6)
        word = "".join(rng.choice(["", rng.choice(consonants)]) + rng.choice(nuclei)
                       + rng.choice(["", "", rng.choice(consonants)]) for _ in range(syllables))
        words.append(word)
    letters = sorted(kyrgyz.LETTERS)
    words += ["".join(rng.choice(letters) for _ in range(rng.randint(1, 14))) for _ in range(count)]
    return words


def test_no_break_ever_violates_the_rules():
    words = [word for word, _ in KY_WORDS] + _generated_words(4000, seed=78)
    violations = [(word, i, why) for word in words for i in KY.positions(word)
                  if (why := _violation(word, i))]
    assert violations == []


def test_the_generated_words_do_get_breaks():
    words = _generated_words(1000, seed=86)
    assert sum(bool(KY.positions(word)) for word in words) > 300


# --- the interface ------------------------------------------------------------------------


def test_pairs_are_longest_head_first_and_rebuild_the_word():
    pairs = KY("Жергиликтүү")
    assert pairs == [("Жергилик", "түү"), ("Жерги", "ликтүү"), ("Жер", "гиликтүү")]
    assert all(head + tail == "Жергиликтүү" for head, tail in pairs)
    assert KY.positions("Жергиликтүү") == [3, 5, 8]


def test_case_is_kept_and_does_not_change_the_breaks():
    assert divided("Кеңештин") == "Ке-ңеш-тин"
    assert KY.positions("Кеңештин") == KY.positions("кеңештин")


def test_anything_but_a_run_of_letters_gets_no_break():
    for word in ["кое-как", "үй-бүлө", "2024-жылы", "жер1", "", "жер\xadгилик", "жергилик.",
                 "Facebook", "жергиликтүүfoo"]:
        assert KY.positions(word) == [], word
        assert KY(word) == [], word


def test_unbreakable_words_never_break_and_protect_their_inflected_forms():
    hyphenate = hyphenator_for("ky", unbreakable=["Бишкек", "Ала-Тоо", "Чолпон Ата"])
    assert hyphenate.positions("Бишкек") == []
    assert hyphenate.positions("БИШКЕК") == []
    assert divided("Бишкекте", hyphenate) == "Бишкек-те"
    assert divided("Бишкектеги", hyphenate) == "Бишкек-те-ги"
    assert divided("Чолпондо", hyphenate) == "Чолпон-до"
    assert divided("Бишкекте") == "Биш-кек-те"  # the plain hyphenator is not affected


def test_a_chance_stem_match_only_protects_the_stems_letters():
    hyphenate = hyphenator_for("ky", unbreakable=["кара"])
    assert divided("карапайым") == "ка-ра-пайым"
    assert divided("карапайым", hyphenate) == "кара-пайым"


def test_a_name_protects_only_words_written_with_a_capital():
    # «Муниципалитет» is the magazine; муниципалитеттердин (of the municipalities) is a
    # common noun that a narrow column must be able to divide
    hyphenate = hyphenator_for("ky", unbreakable=["Муниципалитет", "Кара"])
    assert divided("Муниципалитеттин", hyphenate) == "Муниципалитет-тин"
    assert divided("муниципалитеттердин", hyphenate) == divided("муниципалитеттердин")
    assert divided("карапайым", hyphenate) == "ка-ра-пайым"
    assert divided("Карабалта", hyphenate).startswith("Кара")


def test_hyphenators_are_cached_per_language_and_word_set():
    assert hyphenator_for("ky") is KY
    assert hyphenator_for("ky", ["Ош", "Бишкек"]) is hyphenator_for("ky", ("Бишкек", "Ош"))
    assert hyphenator_for("en") is None
    assert hyphenator_for("ky").positions("китеп") == [2]


# --- exceptions ---------------------------------------------------------------------------


def test_an_exception_serves_the_inflected_forms_too():
    assert divided("Кыргызстандын") == "Кыр-гыз-стан-дын"
    assert divided("Кыргызстаны") == "Кыр-гыз-ста-ны"
    assert divided("Өзбекстанга") == "Өз-бек-стан-га"
    assert divided("программалары") == "про-грам-ма-ла-ры"


def test_exception_breaks_still_obey_the_fragment_rules():
    assert packaged_exceptions("ky")["ооганстан"] == (2, 5)
    assert divided("Ооганстан") == "Ооган-стан"  # оо- alone would be a bare vowel


def test_the_packaged_exception_files_parse():
    for lang in ("ky", "ru"):
        assert packaged_exceptions(lang)


def test_a_malformed_exception_line_is_named():
    with pytest.raises(ValueError, match="ky.txt:3"):
        parse_exceptions("# comment\nкыр-гыз-стан\nкыр гыз\n", source="ky.txt")
    assert parse_exceptions("ки-теп  # comment\n\n") == {"китеп": (2,)}


def test_rules_module_offers_the_choice_for_intervocalic_y(monkeypatch):
    monkeypatch.setattr(kyrgyz, "INTERVOCALIC_Y", "before")
    assert kyrgyz.syllable_boundaries("кайын") == [2]
    monkeypatch.setattr(kyrgyz, "INTERVOCALIC_Y", "after")
    assert kyrgyz.syllable_boundaries("кайын") == [3]
