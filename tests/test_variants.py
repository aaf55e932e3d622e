"""Print, screen and proof PDFs of issue 147, read back: boxes, marks, colour, fonts,
navigation, watermark and byte-identical rebuilds."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys

import pdfplumber
import pytest
from pypdf import PdfReader

from munpress.manifest import load_manifest
from tests.conftest import REPO

MM = 72 / 25.4
A4 = (595.2756, 841.8898)
BASE14 = {"Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats"}


def _content(path) -> bytes:
    return b"".join(page.get_contents().get_data() for page in PdfReader(path).pages)


def _box(rectangle) -> list[float]:
    return [round(float(value), 2) for value in rectangle]


def test_print_has_bleed_trim_and_bleed_boxes_and_crop_marks_outside_the_bleed(variant_pdfs):
    page = PdfReader(variant_pdfs["ky", "print"]).pages[0]
    trim, bleed, media = _box(page.trimbox), _box(page.bleedbox), _box(page.mediabox)
    margin = trim[0]
    assert round(trim[2] - trim[0], 1) == round(A4[0], 1) and round(trim[3] - trim[1], 1) == round(A4[1], 1)
    expected_bleed = [margin - 3 * MM, margin - 3 * MM, trim[2] + 3 * MM, trim[3] + 3 * MM]
    assert all(abs(a - b) < 0.02 for a, b in zip(bleed, expected_bleed)), bleed
    assert all(abs(a - b) < 0.02 for a, b in zip(media, [0, 0, trim[2] + margin, trim[3] + margin])), media
    with pdfplumber.open(variant_pdfs["ky", "print"]) as pdf:
        lines = pdf.pages[0].lines
    outside = [line for line in lines if line["x1"] <= bleed[0] + 0.01 or line["x0"] >= bleed[2] - 0.01
               or line["bottom"] <= pdf_height(media) - bleed[3] + 0.01 or line["top"] >= pdf_height(media) - bleed[1] - 0.01]
    assert len(outside) == 8  # two marks at each corner, all beyond the bleed


def pdf_height(media: list[float]) -> float:
    return media[3]


def test_crop_marks_and_boxes_only_in_print(variant_pdfs):
    for variant in ("screen", "proof"):
        page = PdfReader(variant_pdfs["ru", variant]).pages[0]
        assert _box(page.mediabox) == [0, 0, round(A4[0], 2), round(A4[1], 2)]
        assert "/TrimBox" not in page and "/BleedBox" not in page


def test_the_cover_band_runs_into_the_bleed_in_print(variant_pdfs):
    with pdfplumber.open(variant_pdfs["ky", "print"]) as pdf:
        page = pdf.pages[0]
        widest = max(rect["width"] for rect in page.rects)
    assert widest >= A4[0] + 2 * 3 * MM - 0.1


def test_print_is_cmyk_and_screen_is_rgb(variant_pdfs):
    printed, screen = _content(variant_pdfs["ky", "print"]), _content(variant_pdfs["ky", "screen"])
    assert re.search(rb" k\b", printed) and not re.search(rb" (rg|RG)\b", printed)
    assert re.search(rb" rg\b", screen) and not re.search(rb"[\d.] (k|K)\b", screen)


def _fonts(reader: PdfReader):
    for page in reader.pages:
        resources = page["/Resources"]
        for font in (resources.get("/Font") or {}).values():
            yield font.get_object()
        for xobject in (resources.get("/XObject") or {}).values():
            inner = xobject.get_object().get("/Resources")
            for font in ((inner or {}).get("/Font") or {}).values():
                yield font.get_object()


@pytest.mark.parametrize("variant", ["print", "screen", "proof"])
def test_every_font_is_embedded_and_none_is_a_base_14_font(variant_pdfs, variant):
    for lang in ("ky", "ru"):
        fonts = list(_fonts(PdfReader(variant_pdfs[lang, variant])))
        assert fonts
        for font in fonts:
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            name = str(font["/BaseFont"]).lstrip("/").split("+")[-1]
            assert not any(name.startswith(base) for base in BASE14), name
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, name


def test_screen_has_bookmarks_from_rubric_to_article_clickable_contents_and_metadata(variant_pdfs):
    manifest = load_manifest(REPO, "147")
    reader = PdfReader(variant_pdfs["ru", "screen"])
    outline = reader.outline
    rubrics = [item.title.replace("\xa0", " ") for item in outline if not isinstance(item, list)]
    assert rubrics[:2] == [manifest.issue.sections[0].title("ru"), "НОВОСТИ КОАЛИЦИИ «ЗА РАЗВИТИЕ МСУ В КР»"]
    articles = [item for group in outline if isinstance(group, list) for item in group]
    # advertisements and the next issue stand beside the rubrics (tests/layout/test_screen_text.py)
    assert len(articles) == len([e for e in manifest.issue.entries() if e.in_edition("ru") and e.kind == "article"])
    toc_page = reader.pages[2]
    links = [a.get_object() for a in toc_page.get("/Annots") or []]
    assert len(links) >= 14 and all(link["/Subtype"] == "/Link" for link in links)
    target = reader.get_destination_page_number(articles[0])
    assert target == 3  # the first article starts on page 4
    info = reader.metadata
    assert info.title.startswith("МУНИЦИПАЛИТЕТ") and "№" in info.title
    assert info.author == manifest.magazine.publisher("ru") and info.subject
    assert "ЖЕНЩИНЫ В МСУ" in info["/Keywords"]
    assert reader.trailer["/Root"]["/Lang"] == "ru-RU"
    assert PdfReader(variant_pdfs["ky", "screen"]).trailer["/Root"]["/Lang"] == "ky-KG"


def test_print_has_no_links_or_bookmarks(variant_pdfs):
    reader = PdfReader(variant_pdfs["ky", "print"])
    assert reader.outline == []
    assert not any(page.get("/Annots") for page in reader.pages)


def test_the_watermark_and_slug_are_only_in_the_proof(variant_pdfs):
    manifest = load_manifest(REPO, "147")
    first = manifest.issue.entries()[0]
    digest = hashlib.sha256(first.manuscript("ky").read_bytes()).hexdigest()[:8]
    for lang, mark in (("ky", "ГРАНКА"), ("ru", "КОРРЕКТУРА")):
        proof = PdfReader(variant_pdfs[lang, "proof"]).pages[5].extract_text()
        assert mark in proof and "sha256" in proof
        for variant in ("print", "screen"):
            assert mark not in PdfReader(variant_pdfs[lang, variant]).pages[5].extract_text()
    assert f"01:{digest}" in PdfReader(variant_pdfs["ky", "proof"]).pages[3].extract_text()  # where 01 starts


@pytest.mark.slow
def test_the_same_inputs_give_the_same_bytes(tmp_path):
    """Two builds with SOURCE_DATE_EPOCH set: every variant byte for byte, the proof's build
    time included. Both made anew (--no-cache): the second must not be the first's copy."""
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "1705276800"}
    outputs = []
    for run in ("first", "second"):
        out = tmp_path / run
        subprocess.run([sys.executable, "-m", "munpress", "--no-cache", "build", "147", "--lang", "ky", "--out", str(out),
                        "--variant", "print", "--variant", "screen", "--variant", "proof"],
                       cwd=REPO, env=environment, check=True, capture_output=True, timeout=300)
        outputs.append({path.name: path.read_bytes() for path in out.glob("*.pdf")})
    assert len(outputs[0]) == 3 and outputs[0] == outputs[1]
    assert "2024-01-15 00:00 UTC" in PdfReader(tmp_path / "first" / "municipalitet-147-ky-proof.pdf").pages[5].extract_text()


def test_the_printed_cover_barcode_reads_back_as_the_issn_and_the_issue(variant_pdfs):
    import pypdfium2

    from tests.layout.ean_decode import decode_row

    dpi = 600
    document = pypdfium2.PdfDocument(variant_pdfs["ky", "print"].read_bytes())
    try:
        image = document[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()
    found, pixels, width = set(), image.tobytes(), image.width
    for row in range(image.height // 2, image.height, 40):  # scan the lower half of the cover
        try:
            decoded = decode_row([value < 128 for value in pixels[row * width:(row + 1) * width]])
        except ValueError:
            continue
        found.add((decoded.digits, decoded.addon))
    assert ("9771694705007", "01") in found


def test_the_cover_bands_reach_past_the_safe_margin_inside_the_trim(variant_pdfs):
    """Trimming wanders: a band that stops 4 mm inside the trim shows it; each band at an edge
    runs a full bleed out and more than the safe margin (5 mm) in."""
    from munpress.layout.templates import SAFE_MARGIN

    with pdfplumber.open(variant_pdfs["ky", "print"]) as pdf:
        page = pdf.pages[0]
        bleed = 3 * MM
        wide = [rect for rect in page.rects if rect["width"] >= A4[0] + 2 * bleed - 0.1]
        margin = (page.width - A4[0]) / 2  # bleed and marks around the trim
        top_of_trim, foot_of_trim = margin, page.height - margin  # pdfplumber measures from the top
        top = [r for r in wide if r["top"] <= top_of_trim - bleed + 0.1]
        foot = [r for r in wide if r["bottom"] >= foot_of_trim + bleed - 0.1]
        assert top and foot
        assert min(r["bottom"] for r in top) - top_of_trim > SAFE_MARGIN
        assert foot_of_trim - max(r["top"] for r in foot) > SAFE_MARGIN


def test_each_proof_page_prints_the_hashes_of_its_own_articles_within_the_page(variant_pdfs):
    numbers = {entry.id.split("-")[0] for entry in load_manifest(REPO, "147").issue.entries()}
    with pdfplumber.open(variant_pdfs["ky", "proof"]) as pdf:
        hashed = []
        for page in pdf.pages:
            slug = [word for word in page.extract_words() if word["top"] > page.height - 12]
            assert all(word["x1"] <= page.width - 14 for word in slug), "the slug runs off the page"
            hashed.append({word["text"].split(":")[0] for word in slug if ":" in word["text"]} & numbers)
    assert "01" in hashed[3] and "16" not in hashed[3]  # page 4: its own article, not all 17
    assert max(len(found) for found in hashed) <= 4
