"""End to end: issue 147 built in both languages, checked, and read back from the PDFs."""

from __future__ import annotations

import json
import re
import tomllib

import pytest
from pypdf import PdfReader

from tests.conftest import check_findings, REPO, run_munpress

MANIFEST = tomllib.loads((REPO / "issues/147/issue.toml").read_text("utf-8"))
BASE_14 = {"Courier", "Helvetica", "Times-Roman", "Symbol", "ZapfDingbats", "Times-Bold", "Helvetica-Bold"}


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "").replace("-\n", "")).strip()


def _toc_page(texts: list[str], heading: str) -> int:
    return next(i for i, text in enumerate(texts) if heading in text)


def test_each_edition_has_24_to_32_pages_in_whole_sheets(built_issue):
    for lang, path in built_issue.items():
        pages = len(PdfReader(path).pages)
        assert 24 <= pages <= 32, (lang, pages)
        assert pages % 4 == 0, (lang, pages)


def _toc_lines(text: str) -> list[tuple[str, int]]:
    """(the last line of each title, its page) from a TOC page's text: a title's last line
    stands just above its dot leaders (none when it fills the line), the page number below."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    found = []
    leaders = {".", " "}
    for index, line in enumerate(lines):
        # the folio follows the running head, which carries the issue's № sign
        if line.isdigit() and index >= 2 and not lines[index - 1].isdigit() and "№" not in lines[index - 1]:
            above = lines[index - 2] if set(lines[index - 1]) <= leaders else lines[index - 1]
            found.append((above, int(line)))
    return found


def test_toc_lists_every_article_with_the_page_it_really_starts_on(built_issue, page_texts):
    report = check_findings(run_munpress("check", "147", "--json").stdout)
    assert not [f for f in report if f["severity"] == "error"], report
    for lang, heading in (("ky", "Мазмуну"), ("ru", "Содержание")):
        texts = page_texts[lang]
        toc_page = _toc_page(texts, heading)
        entries = [e for s in MANIFEST["sections"] for e in s["articles"]
                   if e.get("kind", "article") == "article" and lang in e["manuscript"]]
        listed = _toc_lines(texts[toc_page])
        assert len(listed) == len(entries) == 14, listed
        for (title_end, number), entry in zip(listed, entries):
            # the page the title really starts on, found in the PDF's own text
            landed = [i + 1 for i, text in enumerate(texts) if title_end in _flat(text) and i != toc_page]
            assert landed and landed[0] == number, (lang, title_end, number, landed)
            planned = entry["page"] if isinstance(entry["page"], int) else entry["page"][lang]
            assert planned == number, (lang, entry["manuscript"][lang], planned, number)


def test_imprint_page_carries_issn_and_registration_number(page_texts):
    for lang, texts in page_texts.items():
        imprint = _flat(texts[1])
        assert "ISSN 1694-7053" in imprint, lang
        assert "1785" in imprint, lang
        assert "ISBN" not in imprint


def test_imprint_says_when_it_was_signed_to_print_how_many_copies_and_where(page_texts):
    expected = {"ky": ("Басууга кол коюлду: 10.01.2024", "Нускасы: 1000 нуска", "Басмакана: «Ала-Тоо Принт»"),
                "ru": ("Подписано в печать: 10.01.2024", "Тираж: 1000 экз.", "Типография: ОсОО «Ала-Тоо Принт»")}
    for lang, texts in page_texts.items():
        imprint = _flat(texts[1]).replace("\u00a0", " ")
        for line in expected[lang]:
            assert line in imprint, (lang, line)


def test_kyrgyz_letters_extract_as_text(page_texts):
    text = " ".join(page_texts["ky"])
    for letter in "ӨөҮүҢң":
        assert letter in text, letter
    assert "Мазмуну" in text and "чыгарылышы" in text
    assert "Январь 2024-ж." in _flat(page_texts["ky"][0])
    assert not any(letter in " ".join(page_texts["ru"]) for letter in "ңөү")


def test_every_font_is_an_embedded_truetype_and_none_is_base_14(built_issue):
    for lang, path in built_issue.items():
        seen = set()
        for page in PdfReader(path).pages:
            fonts = page["/Resources"].get("/Font", {})
            for font in fonts.values():
                font = font.get_object()
                name = str(font["/BaseFont"]).split("+")[-1].lstrip("/")
                seen.add(name)
                assert name not in BASE_14, (lang, name)
                descriptor = font["/FontDescriptor"].get_object() if "/FontDescriptor" in font else \
                    font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
                assert "/FontFile2" in descriptor, (lang, name)
        assert {"PTSerif-Regular", "PTSans-Bold"} <= seen, seen


def test_same_inputs_give_the_same_pdf_bytes(built_issue, tmp_path):
    result = run_munpress("build", "147", "--lang", "ru", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / built_issue["ru"].name).read_bytes() == built_issue["ru"].read_bytes()


def test_the_type_meets_the_magazine_targets_in_both_editions():
    result = run_munpress("report", "147", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    editions = {row["lang"]: row for row in rows if row["article"] == "(edition)"}
    assert set(editions) == {"ky", "ru"}
    for row in editions.values():
        assert row["lines"] > 1500
        assert row["gap_p95"] <= 0.50, row  # ems, over justified lines of 20+ characters
        assert row["hyphen_run"] <= 2 and row["hyphenated"] > 100
        assert (row["overfull"], row["widows"], row["orphans"], row["hyphen_at_foot"]) == (0, 0, 0, 0)


def test_typography_sets_quotes_and_dashes_and_no_typography_shows_the_text_as_typed(page_texts, tmp_path):
    raw = run_munpress("build", "147", "--lang", "ru", "--no-typography", "--out", str(tmp_path))
    assert raw.returncode in (0, 1) and "Traceback" not in raw.stderr, raw.stderr
    typed = " ".join(page.extract_text() for page in PdfReader(next(tmp_path.glob("*.pdf"))).pages)
    typeset = " ".join(page_texts["ru"])
    assert typed.count('"') > 20 and typed.count(" - ") > 5  # as the editors typed it
    body = typeset.split("Содержание", 1)[1]
    assert body.count('"') == 0 and " - " not in body
    assert body.count("«") > typed.count("«") + 20 and body.count("—") > typed.count("—") + 20


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_the_page_map_knows_each_entrys_pages_and_each_pages_rubric(lang):
    from munpress.manifest import load_manifest
    from munpress.editions import prepare_edition

    page_map = prepare_edition(load_manifest(REPO, "147"), lang).facts.page_map
    for placement in page_map.placements:  # from the page of its title to the page of its last line
        pages = [line.page for line in page_map.set_lines if line.entry_id == placement.entry_id]
        assert (placement.page, placement.last_page) == (min(pages), max(pages)), placement.entry_id
    first = page_map.placements[0]
    assert page_map.pages[first.page - 1].rubric == first.rubric  # the first article's page opens its rubric
    assert all(record.rubric for record in page_map.pages[first.page - 1:-1])
