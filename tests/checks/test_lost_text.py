"""layout.lost-text as a pure function: manuscript words against the lines the layout drew."""

from __future__ import annotations

from munpress.checks.facts import EditionFacts
from munpress.checks.lost_text import check_lost_text, lost_words
from munpress.layout.pagemap import DrawnLine, MissingGlyph, PageMap
from munpress.model.meta import SourceRef
from munpress.model.nodes import (
    Document,
    ListItem,
    Note,
    Paragraph,
    Table,
    TableCell,
    TableRow,
    Text,
)
from munpress.model.words import SourcedWord, document_words, words


def _expected(text: str) -> list[SourcedWord]:
    return [SourcedWord(word, None) for word in words(text)]


def test_words_are_case_folded_runs_of_letters_without_soft_hyphens():
    assert words("Өкмөт «жаңы» ТАРТИП-ти, 2024-ж.") == ["өкмөт", "жаңы", "тартип", "ти", "2024", "ж"]
    assert words("адми\u00adнистрации") == ["администрации"]


def test_all_words_drawn_in_order_lose_nothing_even_among_folios_and_running_heads():
    lines = ["Жаңы жыл менен!", "Муниципалитет, № 1 (147)", "7", "Урматтуу окурмандар"]
    assert lost_words(_expected("Жаңы жыл менен урматтуу окурмандар"), lines) == []


def test_a_missing_word_is_found_by_its_place():
    lines = ["Урматтуу окурмандар", "жаңы жыл"]
    assert lost_words(_expected("Урматтуу окурмандар жана жаңы жыл"), lines) == [2]


def test_words_out_of_order_are_lost_at_their_place():
    assert lost_words(_expected("бир эки үч"), ["эки бир үч"]) == [1]


def test_a_word_hyphenated_over_a_line_end_is_one_word():
    lines = ["в администра-", "ции района"]
    assert lost_words(_expected("в администрации района"), lines) == []


def test_a_word_broken_over_a_page_turn_skips_the_running_head_and_folio():
    lines = ["бюджеттин аткары-", "Муниципалитет № 1 (147), 2024-ж.", "КӨҢҮЛ ЧОРДОНУНДА", "6", "лышы боюнча"]
    assert lost_words(_expected("бюджеттин аткарылышы боюнча"), lines) == []


def test_a_word_longer_than_two_lines_joins_three_pieces():
    lines = ["бир", "жергилик", "түүлөштүрүл", "гөндүгү эки"]
    assert lost_words(_expected("бир жергиликтүүлөштүрүлгөндүгү эки"), lines) == []


def test_a_piece_in_the_middle_of_a_line_does_not_join():
    # "ад" and "министрации" are both on lines, but "министрации" does not begin its line
    assert lost_words(_expected("администрации"), ["ад", "в министрации"]) == [0]


def test_manuscript_words_include_list_labels_tables_and_notes_in_reading_order():
    document = Document((
        ListItem(0, "а)", True, (Text("биринчи"),)),
        Table((TableRow((TableCell((Paragraph((Text("уячасы"),)),)),)),)),
        Note(1, (Paragraph((Text("эскертүү"),)),)),
    ), source="x.docx")
    assert [w.word for w in document_words(document)] == ["а", "биринчи", "уячасы", "эскертүү"]


def _facts(document: Document, lines: list[str], set_aside=()) -> EditionFacts:
    page_map = PageMap("ky", (), (), tuple(DrawnLine(3, "a", text) for text in lines))
    return EditionFacts("ky", {"a": document}, page_map=page_map, set_aside={"a": tuple(set_aside)})


def test_the_finding_names_the_article_the_count_and_the_first_lost_word_with_its_paragraph():
    lost = Paragraph((Text("Экинчи абзац жоголду"),), source=SourceRef("a.docx", 2, "Экинчи абзац"))
    document = Document((Paragraph((Text("Биринчи абзац"),)), lost), source="a.docx")
    [finding] = check_lost_text(_facts(document, ["Биринчи абзац"]))
    assert finding.code == "layout.lost-text" and finding.article == "a" and finding.severity.value == "error"
    assert finding.data["lost"] == 3 and finding.data["first_lost"] == ["экинчи", "абзац", "жоголду"]
    assert "paragraph 2" in finding.message and "«экинчи»" in finding.message


def test_a_title_the_manifest_replaces_on_purpose_is_not_lost():
    title = Paragraph((Text("Кол жазманын аталышы"),), role="title")
    document = Document((title, Paragraph((Text("Текст"),))), source="a.docx")
    assert check_lost_text(_facts(document, ["Редакциянын аталышы", "Текст"], set_aside=[title])) == []
    assert len(check_lost_text(_facts(document, ["Редакциянын аталышы", "Текст"]))) == 1


def test_text_set_far_from_its_place_counts_only_the_words_out_of_order():
    filler = " ".join(f"сап{i}" for i in range(200))  # a long table's repeated header, say
    expected = _expected("бир эки үч төрт беш алты жети сегиз тогуз он")
    lines = ["бир эки", filler, "үч төрт беш алты жети сегиз тогуз он"]
    assert lost_words(expected, lines) == []
    # the words after a lost one are still found: one lost word is one finding
    assert lost_words(expected, ["бир эки", filler, "төрт беш алты жети сегиз тогуз он"]) == [2]


def _facts_with_blanks(document: Document, lines: list[str], chars: str) -> EditionFacts:
    page_map = PageMap("ky", (), (), tuple(DrawnLine(3, "a", text) for text in lines),
                       tuple(MissingGlyph("a", ch, "PTSerif-regular") for ch in chars))
    return EditionFacts("ky", {"a": document}, page_map=page_map)


def test_words_with_characters_the_font_lacks_are_an_error_naming_the_characters_not_lost_text():
    document = Document((Paragraph((Text("Бирдик 5 μг жана Ωм, андан кийин текст"),)),), source="a.docx")
    [finding] = check_lost_text(_facts_with_blanks(document, ["Бирдик 5 \ufffdг жана \ufffdм, андан кийин текст"], "μΩ"))
    assert finding.code == "layout.missing-glyph" and finding.severity.value == "error"
    assert finding.data["characters"] == ["μ", "Ω"] and finding.data["words"] == 2
    assert "«μ» U+03BC" in finding.message and "the first «μг»" in finding.message


def test_a_word_after_blank_characters_is_still_looked_for():
    document = Document((Paragraph((Text("μμμ жана"),)),), source="a.docx")
    found = check_lost_text(_facts_with_blanks(document, ["\ufffd\ufffd\ufffd"], "μ"))
    assert [d.code for d in found] == ["layout.missing-glyph", "layout.lost-text"]


def test_signs_printed_blank_without_costing_a_word_are_a_warning():
    document = Document((ListItem(0, "▪", False, (Text("пункт"),)),), source="a.docx")
    [finding] = check_lost_text(_facts_with_blanks(document, ["\ufffd", "пункт"], "▪"))
    assert finding.code == "layout.missing-glyph" and finding.severity.value == "warning"
