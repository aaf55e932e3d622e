"""The flatplan: issue 147's Kyrgyz edition, every page a thumbnail on one A3 sheet."""

from __future__ import annotations

from types import SimpleNamespace

import io
import struct
import time

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from munpress.diagnostics import Sink
from munpress.layout.pagemap import PageMap, PageRecord, Placement
from munpress.manifest import load_manifest
from munpress.output.flatplan import (
    PNG_SIZE,
    SHEET,
    THUMBNAIL_DPI,
    flatplan_name,
    render_flatplan,
    shorten,
    spreads,
)
from munpress.editions import prepare_edition
from tests.conftest import REPO

FONTS = REPO / "fonts"
BASE_14 = {"Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique", "Helvetica",
           "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique", "Times-Roman", "Times-Bold",
           "Times-Italic", "Times-BoldItalic", "Symbol", "ZapfDingbats"}


@pytest.fixture(scope="module")
def edition():
    prepared = prepare_edition(load_manifest(REPO, "147"), "ky", variants=("screen",))
    assert prepared.facts.page_map is not None, prepared.layout_failure or prepared.read_errors
    return SimpleNamespace(pdf=prepared.pdfs["screen"], page_map=prepared.facts.page_map)


def _title(page_map: PageMap) -> str:
    return f"Муниципалитет № 1 (147), 2024 — ky — {page_map.page_count} pages"


@pytest.fixture(scope="module")
def sheet(edition) -> bytes:
    started = time.perf_counter()
    data = render_flatplan(edition.pdf, edition.page_map, title=_title(edition.page_map), lang="ky",
                           font_dir=FONTS)
    assert time.perf_counter() - started < 5
    return data


def _fragments(page) -> list[str]:
    """Every piece of text drawn on the sheet, as drawn (captions are one string each)."""
    parts: list[str] = []
    page.extract_text(visitor_text=lambda text, *_: parts.append(text.strip()))
    return [part for part in parts if part]


def test_the_flatplan_is_one_landscape_a3_page(sheet):
    reader = PdfReader(io.BytesIO(sheet))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (round(SHEET[0]), round(SHEET[1])) == (1191, 842)


def test_it_names_every_folio_the_rubrics_and_the_articles(sheet, edition):
    page_map = edition.page_map
    fragments = _fragments(PdfReader(io.BytesIO(sheet)).pages[0])
    text = "\n".join(fragments)
    assert _title(page_map) in fragments
    printed = [record.folio for record in page_map.pages if record.folio]
    assert len(printed) >= page_map.page_count - 2
    for folio in printed:
        assert folio in fragments, folio
    for record in page_map.pages:
        if not record.folio:  # the cover: its physical number in brackets
            assert f"[{record.number}]" in fragments
    articles = [p for p in page_map.placements if p.kind == "article"]
    for placement in (articles[0], articles[-1]):
        assert placement.title[:20] in text, placement.title
    for rubric in {p.rubric for p in page_map.placements}:
        assert rubric[:20] in text, rubric
    assert {"ң", "ө", "ү"} <= set(text)


def test_captions_are_shortened_with_an_ellipsis_to_the_thumbnail(sheet, edition):
    fragments = _fragments(PdfReader(io.BytesIO(sheet)).pages[0])
    shortened = [f for f in fragments if f.endswith("…")]
    assert shortened, "issue 147's long titles must be shortened"
    placements = edition.page_map.placements
    whole = [p.title.replace("\u00a0", " ") for p in placements] + [p.rubric for p in placements]
    for fragment in shortened:
        # a page's rubrics are joined by " / "; the text read back has no no-break spaces
        start = fragment.removesuffix("…").split(" / ")[-1].replace("\u00a0", " ")
        assert any(text.startswith(start) for text in whole), fragment


def test_every_page_is_one_embedded_jpeg_thumbnail(sheet, edition):
    page = PdfReader(io.BytesIO(sheet)).pages[0]
    objects = [o.get_object() for o in page["/Resources"]["/XObject"].values()]
    images = [o for o in objects if o["/Subtype"] == "/Image"]
    assert len(images) == edition.page_map.page_count == 28
    width, height = (round(side * THUMBNAIL_DPI / 72) for side in (595.28, 841.89))
    for image in images:
        assert list(image["/Filter"]) == ["/DCTDecode"]  # no ASCII85: a quarter smaller
        assert (abs(image["/Width"] - width), abs(image["/Height"] - height)) <= (1, 1)
    assert len(sheet) < 1_500_000
    assert rl_config.useA85 == 1  # ReportLab's switch is put back for the editions' PDFs


def test_every_font_is_embedded_pt_sans(sheet):
    fonts = PdfReader(io.BytesIO(sheet)).pages[0]["/Resources"]["/Font"]
    assert fonts
    for font in (f.get_object() for f in fonts.values()):
        base = str(font["/BaseFont"]).lstrip("/").split("+")[-1]
        assert base not in BASE_14 and base.startswith("PTSans"), base
        descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)
        assert "/FontFile2" in descriptor["/FontDescriptor"], base


def test_the_same_edition_gives_the_same_bytes(sheet, edition):
    again = render_flatplan(edition.pdf, edition.page_map, title=_title(edition.page_map), lang="ky",
                            font_dir=FONTS)
    assert again == sheet


def _png_chunks(data: bytes) -> list[bytes]:
    chunks, offset = [], 8
    while offset < len(data):
        (length,), kind = struct.unpack(">I", data[offset:offset + 4]), data[offset + 4:offset + 8]
        chunks.append(kind)
        offset += 12 + length
    return chunks


def test_png_is_the_sheet_at_100_dpi_without_metadata(edition):
    arguments = dict(title=_title(edition.page_map), lang="ky", font_dir=FONTS, fmt="png")
    data = render_flatplan(edition.pdf, edition.page_map, **arguments)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(data))
    image.verify()
    assert image.size == PNG_SIZE == (1654, 1170)
    assert set(_png_chunks(data)) <= {b"IHDR", b"IDAT", b"IEND"}
    assert render_flatplan(edition.pdf, edition.page_map, **arguments) == data


def test_pages_open_as_the_printed_issue():
    assert spreads(28) == [(None, 1)] + [(n, n + 1) for n in range(2, 27, 2)] + [(28, None)]
    assert spreads(4) == [(None, 1), (2, 3), (4, None)]
    assert spreads(5) == [(None, 1), (2, 3), (4, 5)]


def test_shorten_cuts_at_a_word_and_keeps_no_break_spaces_together():
    from munpress.layout.fonts import load_family

    font = load_family("PT Sans", FONTS).face("regular")
    assert shorten("Жайыт комитети", font, 8, 500) == "Жайыт комитети"
    cut = shorten("Чырактар, суу түтүгү жана балдар аянтчасы: 8\u00a0миллион сом", font, 8, 120)
    assert cut.endswith("…") and cut.startswith("Чырактар")
    assert "8\u00a0…" not in cut and not cut.endswith(" …")
    assert shorten("Жергиликтүүөзалдынчабашкаруу", font, 8, 40).endswith("…")


def test_names_and_formats():
    assert flatplan_name("municipalitet", 147, "ky", "pdf") == "municipalitet-147-ky-flatplan.pdf"
    assert flatplan_name("municipalitet", "147", "ru", "png") == "municipalitet-147-ru-flatplan.png"
    with pytest.raises(ValueError):
        flatplan_name("municipalitet", 147, "ky", "svg")


def test_a_print_pdf_is_shown_at_its_trim_without_bleed_or_marks():
    """Two A5 pages with 20 pt of marks around the trim: the thumbnails are the trim only."""
    trim = (20, 20, 20 + 420, 20 + 595)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(460, 635), invariant=1, trimBox=trim)
    for number in (1, 2):
        canvas.setFillGray(0)
        canvas.rect(0, 0, 460, 635, fill=1)  # black bleed and marks
        canvas.setFillGray(1)
        canvas.rect(20, 20, 420, 595, fill=1)  # a white page
        canvas.setFillGray(0.9)
        canvas.rect(60, 100 * number, 300, 60, fill=1)  # a picture, elsewhere on each page
        canvas.showPage()
    canvas.save()
    page_map = PageMap("ky", (Placement("a", "article", "Макала", "РУБРИКА", 1, 2),),
                       (PageRecord(1, "article", "", "1"), PageRecord(2, "article", "", "2")))
    sheet = render_flatplan(buffer.getvalue(), page_map, title="Синак", lang="ky", font_dir=FONTS)
    images = [o.get_object() for o in PdfReader(io.BytesIO(sheet)).pages[0]["/Resources"]["/XObject"].values()]
    assert len(images) == 2
    for image in images:
        assert (image["/Width"], image["/Height"]) == (210, 298)  # 420 × 595 pt at 36 dpi
        thumbnail = Image.open(io.BytesIO(image.get_data()))
        inside = thumbnail.convert("L").crop((2, 2, 208, 296))  # the trim's edge is anti-aliased
        dark = sum(inside.histogram()[:128])
        assert dark < 0.01 * 206 * 294  # with the 20 pt of black outside the trim it would be 10 %
    with pytest.raises(ValueError):
        render_flatplan(buffer.getvalue(), PageMap("ky", (), page_map.pages[:1]), title="", lang="ky",
                        font_dir=FONTS)


def test_an_article_off_its_planned_page_is_marked_with_the_plan(magazine_copy, tmp_path):
    from tests.conftest import run_munpress

    manifest = magazine_copy / "issues/147/issue.toml"
    text = manifest.read_text("utf-8")
    assert text.count("\n  page = 9\n") == 1
    manifest.write_text(text.replace("\n  page = 9\n", "\n  page = 11\n"), "utf-8")  # 04-women-deputies-club
    result = run_munpress("flatplan", "147", "--lang", "ky", "--root", str(magazine_copy), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    [sheet] = tmp_path.glob("*.pdf")
    fragments = _fragments(PdfReader(sheet).pages[0])
    assert fragments.count("план 11") == 1  # the one article that moved, and no other
    marked = fragments.index("план 11")
    assert "Мончо" in fragments[marked - 1]  # right after the title of the article that starts on page 9
