"""What readers take from the page beyond the ink: a hyphen added at a line's end copies as a
soft hyphen, a picture carries the alt text the author gave it in Word, and the bookmarks put
advertisements and the next-issue page beside the rubrics, not under the last one."""

from __future__ import annotations

import ctypes
import re
from io import BytesIO

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image as PILImage
from pypdf import PdfReader
from reportlab.lib.units import mm

from munpress.assemble import front_matter
from munpress.diagnostics import Sink
from munpress.layout import layout_edition
from munpress.layout import paragraph as paragraph_module
from munpress.layout.paragraph import SetParagraph
from munpress.layout.textrecord import RecordingCanvas
from munpress.manifest import load_manifest
from munpress.model.edition import Edition, Entry, Rubric
from munpress.model.nodes import ImageData, InlineImage, Paragraph, Text
from tests.conftest import REPO
from tests.layout.test_paragraph import KY, style
from tests.layout.test_vector_pictures import CHART

SOFT_HYPHEN_MARK = b"/Span <</ActualText <FEFF00AD>>> BDC (-) Tj EMC"
KYRGYZ_ALT = "Өрүк бактары Үч-Коргондо: ң, ө, ү — Ң, Ө, Ү"
CHART_ALT = "Бюджеттин түзүмү, миң сом"
MEASURE = 160  # points: KY hyphenates in it (tests/layout/test_paragraph.py)


# -- a hyphen added at a line's end ---------------------------------------------------------
def _paragraph_pdf() -> tuple[bytes, SetParagraph, list[str]]:
    buffer = BytesIO()
    canvas = RecordingCanvas(buffer, pagesize=(MEASURE + 40, 800), invariant=1)
    paragraph = SetParagraph((Text(KY),), style())
    paragraph.wrap(MEASURE, 10_000)
    paragraph.drawOn(canvas, 20, 780 - paragraph.height)
    canvas.showPage()
    canvas.save()
    canvas.text_recorder.end_line()
    return buffer.getvalue(), paragraph, [line.text for line in canvas.text_recorder.lines]


def _content(pdf: bytes) -> bytes:
    return b"".join(page.get_contents().get_data() for page in PdfReader(BytesIO(pdf)).pages)


def _broken_words(paragraph: SetParagraph) -> list[tuple[str, str]]:
    """(first half, second half) of each word the breaking hyphenated."""
    lines = ["".join(segment.text for _, segment in paragraph._placed(line, n)[0]).strip()
             for n, line in enumerate(paragraph._lines)]
    return [(text.split()[-1][:-1], lines[n + 1].split()[0]) for n, text in enumerate(lines[:-1])
            if paragraph._adds_hyphen(paragraph._lines[n])]


def _marks(page_object) -> list[tuple[str, tuple[str, ...]]]:
    """The marked-content tags around a page object, as pdfium reads them, with their keys
    (pdfium hands string values back decoded as UTF-8, which mangles UTF-16 text strings)."""
    found = []
    for index in range(pdfium_c.FPDFPageObj_CountMarks(page_object)):
        mark = pdfium_c.FPDFPageObj_GetMark(page_object, index)
        keys = tuple(_utf16(pdfium_c.FPDFPageObjMark_GetParamKey, mark, k)
                     for k in range(pdfium_c.FPDFPageObjMark_CountParams(mark)))
        found.append((_utf16(pdfium_c.FPDFPageObjMark_GetName, mark), keys))
    return found


def _utf16(function, *args) -> str:
    size = ctypes.c_ulong()
    function(*args, None, 0, ctypes.byref(size))
    buffer = (ctypes.c_ushort * (size.value // 2 + 1))()
    function(*args, buffer, size.value, ctypes.byref(size))
    return bytes(buffer)[:size.value].decode("utf-16-le").rstrip("\x00")


def test_a_word_hyphenated_at_a_line_end_copies_whole():
    """Read with pdfium, which honours ActualText (a marked hyphen inside a line reads as
    U+00AD) but at a line's end reports any hyphen as its own U+FFFE and joins the halves;
    so the marked hyphen is also found through pdfium's page objects and in the stream.
    pypdf and pdfminer ignore ActualText: they still read the drawn "-"."""
    pdf, paragraph, recorded = _paragraph_pdf()
    broken = _broken_words(paragraph)
    assert broken
    content = _content(pdf)
    assert content.count(SOFT_HYPHEN_MARK) == len(broken)
    page = pypdfium2.PdfDocument(pdf)[0]
    text_page = page.get_textpage()
    text = text_page.get_text_range()
    for first, second in broken:
        assert f"{first}\ufffe{second}" in text or f"{first}\u00ad{second}" in text, (first, second)
        assert f"{first}-\r\n" not in text
    hyphens = [i for i in range(text_page.count_chars()) if pdfium_c.FPDFText_IsHyphen(text_page.raw, i)]
    assert len(hyphens) == len(broken)
    for index in hyphens:
        assert ("Span", ("ActualText",)) in _marks(pdfium_c.FPDFText_GetTextObject(text_page.raw, index))
    # the lost-text check reads what was drawn: the hyphen is still there
    assert sum(1 for line in recorded if line.rstrip().endswith("-")) >= len(broken)


def test_the_marked_hyphen_is_drawn_where_it_was(monkeypatch):
    marked, _, _ = _paragraph_pdf()
    monkeypatch.setattr(paragraph_module, "SOFT_HYPHEN", "")
    monkeypatch.setattr(paragraph_module, "END", "")
    plain, _, _ = _paragraph_pdf()
    unmark = (lambda stream: re.sub(rb"\s+", b" ", stream.replace(b"/Span <</ActualText <FEFF00AD>>> BDC", b"")
                                    .replace(b"EMC", b"")))
    assert unmark(_content(marked)) == unmark(_content(plain))
    render = (lambda pdf: pypdfium2.PdfDocument(pdf)[0].render(scale=150 / 72).to_pil().tobytes())
    assert render(marked) == render(plain)


def test_the_sample_issue_marks_its_added_hyphens_in_every_variant(variant_pdfs):
    for (lang, variant), path in variant_pdfs.items():
        assert _content(path.read_bytes()).count(SOFT_HYPHEN_MARK) > 100, (lang, variant)


# -- pictures and bookmarks: a tiny edition ---------------------------------------------------
def _png() -> bytes:
    out = BytesIO()
    PILImage.new("RGB", (300, 150), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def tiny_edition():
    """A rubric of an article with pictures, an advertisement, and a second article."""
    manifest = load_manifest(REPO, "147", check_files=False)
    png = _png()
    pictures = (Paragraph((Text("Айылдын бактары төмөнкү сүрөттө көрсөтүлгөн."),)),
                Paragraph((InlineImage(ImageData("orchard.png", "image/png", png, 60 * mm, 30 * mm, KYRGYZ_ALT)),)),
                Paragraph((InlineImage(ImageData("chart.svg", "image/svg+xml", CHART, 60 * mm, 30 * mm, CHART_ALT)),)),
                Paragraph((InlineImage(ImageData("plain.png", "image/png", png, 60 * mm, 30 * mm)),)))
    body = (Paragraph((Text(KY),)),)
    entries = (Entry("orchard", "article", (Text("Бактар"),), pictures, "orchard.docx"),
               Entry("courses", "advertisement", (Text("КУРСТАР"),), body, "courses.docx"),
               Entry("water", "article", (Text("Суу"),), body, "water.docx"))
    edition = Edition("ky", "tiny", 147, front_matter(manifest.magazine, manifest, "ky"),
                      (Rubric("РУБРИКА", entries),))
    sink = Sink()
    laid_out = layout_edition(edition, manifest.magazine.layout, REPO / "fonts", sink)
    assert sink.errors == []
    return laid_out.pdf


def test_a_picture_carries_its_kyrgyz_alt_text(tiny_edition):
    content = _content(tiny_edition)
    alts = [bytes.fromhex(value.decode()).decode("utf-16") for value in re.findall(rb"/Alt <([0-9A-F]+)>", content)]
    assert alts == [KYRGYZ_ALT, CHART_ALT]  # the picture without a description has none
    # the marked content holds the picture itself: its XObject is drawn inside
    raster = re.search(rb"/Span <</Alt <FEFF[0-9A-F]+>>> BDC\n(.*?)\nEMC", content, re.S).group(1)
    assert re.search(rb"/\S+ Do", raster)


def _outline(reader: PdfReader, items=None, parent: str | None = None) -> list[tuple[str, str | None]]:
    """(title, parent title) of every bookmark, in order."""
    found: list[tuple[str, str | None]] = []
    last = None
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            found += _outline(reader, item, last)
        else:
            last = item.title
            found.append((item.title, parent))
    return found


def test_an_article_after_an_advertisement_in_its_rubric_stays_under_the_rubric(tiny_edition):
    assert _outline(PdfReader(BytesIO(tiny_edition))) == [
        ("РУБРИКА", None), ("Бактар", "РУБРИКА"), ("КУРСТАР", None), ("РУБРИКА", None), ("Суу", "РУБРИКА")]


def test_advertisements_and_the_next_issue_are_top_level_bookmarks(built_issue):
    sections = load_manifest(REPO, "147", check_files=False).issue.sections
    for lang, path in built_issue.items():
        outline = _outline(PdfReader(path))
        rubrics = {parent for _, parent in outline if parent}
        entries = [(title, parent) for title, parent in outline if title not in rubrics]
        expected = [(entry.kind, section.title.get(lang)) for section in sections for entry in section.articles
                    if lang in dict(entry.manuscripts)]
        assert {"advertisement", "next-issue"} <= {kind for kind, _ in expected}
        assert len(entries) == len(expected), lang
        for (title, parent), (kind, rubric) in zip(entries, expected):
            if kind == "article":
                assert parent is not None and _bare(parent) == _bare(rubric), (lang, title, parent)
            else:
                assert parent is None, (lang, title, parent)


def _bare(title: str) -> str:
    return re.sub(r"\W", "", title)  # the bookmarks' quotes are typographic, the manifest's plain
