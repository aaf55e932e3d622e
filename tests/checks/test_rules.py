"""The checks as pure functions over plain data."""

from __future__ import annotations

from munpress.checks.facts import EditionFacts
from munpress.checks.issn import check_issn, issn_check_digit
from munpress.checks.language import check_language
from munpress.checks.pages import check_page_count
from munpress.layout.pagemap import PageMap, PageRecord
from munpress.model.nodes import Document, Paragraph, Text


def _pages(count: int) -> PageMap:
    return PageMap("ky", (), tuple(PageRecord(n, "article", "", str(n)) for n in range(1, count + 1)))


def test_the_magazine_issn_is_valid_and_its_check_digit_is_computed_mod_11():
    assert check_issn("1694-7053") == []
    assert issn_check_digit("1694705") == "3"
    assert issn_check_digit("0378595") == "5"  # ISSN 0378-5955, the standard's own example


def test_a_wrong_check_digit_or_format_is_an_error():
    assert [d.code for d in check_issn("1694-7054")] == ["issn.check-digit"]
    assert [d.code for d in check_issn("16947053")] == ["issn.format"]


def test_a_page_count_off_the_sheet_says_how_many_blank_pages_are_needed():
    assert check_page_count(EditionFacts("ky", {}, page_map=_pages(28))) == []
    found = check_page_count(EditionFacts("ky", {}, page_map=_pages(26)))
    assert [d.code for d in found] == ["pages.not-multiple-of-4"]
    assert found[0].data["blank_pages_needed"] == 2 and "add 2 pages" in found[0].message


def _document(text: str) -> Document:
    return Document((Paragraph((Text(text),)),), source="x.docx")


def test_kyrgyz_letters_in_a_russian_manuscript_are_a_warning():
    found = check_language(EditionFacts("ru", {"a": _document("Жергиликтүү өз алдынча башкаруу")}))
    assert [(d.code, d.severity.value, d.article) for d in found] == [("language.mismatch", "warning", "a")]
    assert check_language(EditionFacts("ru", {"a": _document("Местное самоуправление")})) == []


def test_a_long_kyrgyz_manuscript_without_its_letters_is_a_warning_and_a_short_one_is_not():
    russian = "Местное самоуправление в Кыргызской Республике развивается. " * 10
    assert [d.code for d in check_language(EditionFacts("ky", {"a": _document(russian)}))] == ["language.mismatch"]
    assert check_language(EditionFacts("ky", {"a": _document("Бишкек, 2024")})) == []


def test_the_cover_barcode_must_agree_with_the_issn_and_the_issue_number():
    from munpress.checks.issn import check_barcode, issn_ean13

    assert issn_ean13("1694-7053") == "9771694705007"
    assert check_barcode("1694-7053", 1, ("9771694705007", "01"), "ky") == []
    [wrong] = check_barcode("1694-7053", 2, ("9771694705007", "01"), "ky")
    assert wrong.code == "issn.barcode" and wrong.data["expected"] == ["9771694705007", "02"]
    assert [d.code for d in check_barcode("1694-7053", 1, None, "ru")] == ["issn.no-barcode"]


def test_a_short_russian_advertisement_in_the_kyrgyz_slot_is_told_by_its_small_words():
    advert = "Подписка на журнал «Муниципалитет» для органов МСУ и депутатов: звоните по телефону."
    [found] = check_language(EditionFacts("ky", {"ad": _document(advert)}))
    assert found.code == "language.mismatch" and "«на»" in found.message
    kyrgyz_words = "Журналга жазылуу жана маалымат алуу үчүн: Бишкек, тел. 0312 97-65-30"
    assert check_language(EditionFacts("ky", {"ad": _document(kyrgyz_words)})) == []
    short_kyrgyz = "Жазылуу боюнча маалымат телефон аркылуу берилет"  # no ң ө ү, no Russian words
    assert check_language(EditionFacts("ky", {"ad": _document(short_kyrgyz)})) == []


def test_a_title_that_breaks_over_a_page_and_one_past_three_lines_are_warnings():
    from munpress.checks.composition import check_composition
    from munpress.layout.pagemap import SetLine

    def title_line(page: int) -> SetLine:
        return SetLine(page=page, entry_id="a", chars=20, words=3, gap=0.3, justified=False, hyphenated=False,
                       overfull=False, paragraph_start=False, paragraph_end=False, fragment_start=False,
                       fragment_end=False, role="title", text="Жергиликтүү бюджет")

    def codes(lines) -> list[str]:
        page_map = PageMap("ky", (), (PageRecord(4, "article", "", "4"), PageRecord(5, "article", "", "5")),
                           set_lines=tuple(lines))
        return [d.code for d in check_composition(EditionFacts("ky", {}, page_map=page_map))]

    assert codes([title_line(4), title_line(4)]) == []
    assert codes([title_line(4), title_line(5)]) == ["article.title-split"]
    assert codes([title_line(4)] * 4) == ["article.long-title"]
