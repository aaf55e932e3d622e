"""The periodical barcode: the numbers, the encoding, and the drawn symbol read back by a
decoder from a 600 dpi rendering of the PDF."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pypdfium2
import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from munpress.checks.issn import issn_check_digit
from munpress.layout.barcode import (
    IssnBarcode,
    ean2_addon,
    ean2_modules,
    ean2_parity,
    ean13_modules,
    issn_ean13,
)
from munpress.layout.fonts import load_family
from tests.layout.ean_decode import DecodeError, G, L, R, decode_row, modules_to_row

REPO = Path(__file__).resolve().parents[2]
DPI = 600
BASE14_FAMILIES = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")


def gs1_check_digit(twelve: str) -> int:
    """Written apart from the code under test: from the right, weights 3, 1, 3, 1 …"""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(twelve)))
    return -total % 10


@pytest.fixture(scope="module")
def font_name() -> str:
    return load_family("PT Sans", REPO / "fonts").face("regular")


# --- numbers --------------------------------------------------------------------------------
def test_the_magazines_issn_gives_its_ean13():
    assert issn_ean13("1694-7053") == "9771694705007"
    assert issn_ean13("1694-7053", "00") == "9771694705007"
    assert issn_ean13("16947053") == "9771694705007"


@pytest.mark.parametrize("issn, code, expected", [
    ("1144-875X", "00", "9771144875007"),  # the ISSN centre of Spain's published example
    ("1144-875x", "00", "9771144875007"),
    ("0378-5955", "00", "977037859500" + str(gs1_check_digit("977037859500"))),
    ("1694-7053", "01", "977169470501" + str(gs1_check_digit("977169470501"))),
    ("1694-7053", "99", "977169470599" + str(gs1_check_digit("977169470599"))),
])
def test_other_issns_and_price_codes(issn, code, expected):
    assert issn_ean13(issn, code) == expected
    assert int(expected[-1]) == gs1_check_digit(expected[:12])


def test_the_issn_check_agrees_with_the_checks_package():
    # layout keeps its own copy of the mod-11 rule (it may not import checks): hold them equal
    rng = random.Random(7)
    for first_seven in ["1694705", "1144875", "0378595"] + [f"{rng.randrange(10**7):07d}" for _ in range(2000)]:
        issn = f"{first_seven[:4]}-{first_seven[4:]}{issn_check_digit(first_seven)}"
        digits = issn_ean13(issn)
        assert digits[:10] == "977" + first_seven
        assert int(digits[12]) == gs1_check_digit(digits[:12])


@pytest.mark.parametrize("issn, message", [
    ("1694-7054", "check digit 4, but its digits give 3"),
    ("1694-705", "not of the form"),
    ("ISSN 1694-7053", "not of the form"),
    ("1694_7053", "not of the form"),
    ("", "not of the form"),
])
def test_a_bad_issn_is_refused_saying_why(issn, message):
    with pytest.raises(ValueError, match=message):
        issn_ean13(issn)


@pytest.mark.parametrize("code", ["0", "000", "A1", " 0", ""])
def test_a_bad_price_code_is_refused(code):
    with pytest.raises(ValueError, match="two digits"):
        issn_ean13("1694-7053", code)


def test_the_addon_is_the_issue_number_in_two_digits():
    assert ean2_addon(1) == "01"
    assert ean2_addon(12) == "12"
    assert ean2_addon(99) == "99"
    for bad in (0, 100, -1):
        with pytest.raises(ValueError, match="1 to 99"):
            ean2_addon(bad)
    for bad in (True, 1.0, "1"):
        with pytest.raises(TypeError, match="whole number"):
            ean2_addon(bad)


def test_addon_parity_follows_gs1_for_every_value():
    table = {0: "LL", 1: "LG", 2: "GL", 3: "GG"}
    for value in range(100):
        code = f"{value:02d}"
        assert ean2_parity(code) == table[value % 4]
        modules = ean2_modules(code)
        assert len(modules) == 20 and modules[:4] == "1011" and modules[11:13] == "01"
        first, second = table[value % 4]
        assert modules[4:11] == _pattern(code[0], first)
        assert modules[13:20] == _pattern(code[1], second)


def _pattern(digit: str, code_set: str) -> str:
    table = {"L": L, "G": G, "R": R}[code_set]
    return next(pattern for pattern, value in table.items() if value == int(digit))


# --- the decoder on exact patterns ----------------------------------------------------------
def test_every_addon_and_random_ean13s_survive_a_non_integer_pixel_scale():
    main = issn_ean13("1694-7053")
    rng = random.Random(1)
    for value in range(1, 100):
        scale = rng.uniform(2.6, 9.4)
        row = modules_to_row(ean13_modules(main) + "0" * 9 + ean2_modules(f"{value:02d}"), scale)
        decoded = decode_row(row)
        assert (decoded.digits, decoded.addon, decoded.gap) == (main, f"{value:02d}", 9)
    for _ in range(300):
        twelve = f"{rng.randrange(10**12):012d}"
        digits = twelve + str(gs1_check_digit(twelve))
        assert decode_row(modules_to_row(ean13_modules(digits), rng.uniform(2.6, 9.4))).digits == digits


def test_the_decoder_rejects_a_tampered_symbol():
    modules = ean13_modules("9771694705007")
    # one bar moved: the right half's last digit 7 (R 1000100) drawn as 4 (R 1011100)
    start = 50 + 7 * 5
    assert modules[start:start + 7] == "1000100"
    tampered = modules[:start] + "1011100" + modules[start + 7:]
    with pytest.raises(DecodeError, match="check digit failure"):
        decode_row(modules_to_row(tampered, 5.3))
    # a single module flipped makes no digit at all
    flipped = modules[:20] + ("1" if modules[20] == "0" else "0") + modules[21:]
    with pytest.raises(DecodeError):
        decode_row(modules_to_row(flipped, 5.3))


def test_the_decoder_rejects_an_addon_with_the_wrong_parity():
    addon = ean2_modules("01")  # LG
    wrong = addon[:13] + _pattern("1", "L")  # LL belongs to 00, 04, … not 01
    with pytest.raises(DecodeError, match="parity"):
        decode_row(modules_to_row(ean13_modules("9771694705007") + "0" * 9 + wrong, 6.1))


def test_an_addon_too_close_breaks_the_main_symbols_quiet_zone():
    row = modules_to_row(ean13_modules("9771694705007") + "0" * 5 + ean2_modules("01"), 6.1)
    with pytest.raises(DecodeError, match="quiet zone"):
        decode_row(row)


# --- the flowable ---------------------------------------------------------------------------
def test_geometry(font_name):
    barcode = IssnBarcode("1694-7053", 1, font_name=font_name)
    x = barcode.module
    assert x == pytest.approx(0.33 * mm)
    assert barcode.main_x == pytest.approx(11 * x)  # left quiet zone
    assert barcode.addon_x - (barcode.main_x + 95 * x) == pytest.approx(9 * x)  # gap ≥ 7 right quiet
    assert barcode.width - (barcode.addon_x + 20 * x) == pytest.approx(5 * x)
    assert barcode.bar_top - barcode.bar_bottom == pytest.approx(22.85 * mm)
    assert barcode.bar_bottom - barcode.guard_bottom == pytest.approx(5 * x)
    assert barcode.wrap(500, 500) == (barcode.width, barcode.height)
    small = IssnBarcode("1694-7053", 1, font_name=font_name, magnification=0.8, addon_gap=12)
    assert small.module == pytest.approx(0.264 * mm)
    assert small.addon_x - (small.main_x + 95 * small.module) == pytest.approx(12 * small.module)


def test_the_flowable_refuses_base14_fonts_and_bad_sizes(font_name):
    for bad in ("Helvetica", "Times-Roman", "Courier-Bold", "NoSuchFont"):
        with pytest.raises(ValueError, match="font"):
            IssnBarcode("1694-7053", 1, font_name=bad)
    with pytest.raises(ValueError, match="magnification"):
        IssnBarcode("1694-7053", 1, font_name=font_name, magnification=0.5)
    with pytest.raises(ValueError, match="gap"):
        IssnBarcode("1694-7053", 1, font_name=font_name, addon_gap=7)
    with pytest.raises(ValueError, match="check digit"):
        IssnBarcode("1694-7054", 1, font_name=font_name)
    with pytest.raises(ValueError, match="1 to 99"):
        IssnBarcode("1694-7053", 0, font_name=font_name)


def _pdf(barcode: IssnBarcode) -> bytes:
    margin = 5 * mm
    buffer = io.BytesIO()
    # a canvas sets Helvetica at each page's start unless told otherwise (layout/__init__.py
    # passes the body font the same way)
    canvas = Canvas(buffer, pagesize=(barcode.width + 2 * margin, barcode.height + 2 * margin), invariant=1,
                    initialFontName=barcode.font_name)
    barcode.wrapOn(canvas, barcode.width, barcode.height)
    barcode.drawOn(canvas, margin, margin)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _scanline(pdf: bytes, y_points: float) -> list[bool]:
    """The row of a 600 dpi greyscale rendering at `y_points` from the page's foot."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        image = page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
        row = round(image.height - y_points * DPI / 72)
        return [image.getpixel((col, row)) < 128 for col in range(image.width)]
    finally:
        document.close()


@pytest.mark.parametrize("number, addon", [(1, "01"), (2, "02"), (3, "03"), (12, "12")])
def test_the_rendered_barcode_reads_back(font_name, number, addon):
    barcode = IssnBarcode("1694-7053", number, font_name=font_name)
    assert (barcode.digits, barcode.addon) == ("9771694705007", addon)
    pdf = _pdf(barcode)
    for height in (0.3, 0.5, 0.8):  # anywhere through the add-on's bars (and the main bars)
        y = 5 * mm + barcode.bar_bottom + height * (barcode.addon_top - barcode.bar_bottom)
        decoded = decode_row(_scanline(pdf, y))
        assert (decoded.digits, decoded.addon, decoded.gap) == ("9771694705007", addon, 9)
        assert decoded.module == pytest.approx(0.33 * DPI / 25.4, rel=0.02)
        assert decoded.quiet_left >= 11


def test_the_pdf_embeds_its_font_and_uses_no_base14_font(font_name):
    reader = PdfReader(io.BytesIO(_pdf(IssnBarcode("1694-7053", 1, font_name=font_name))))
    page = reader.pages[0]
    fonts = page["/Resources"]["/Font"]
    assert len(fonts) >= 1
    for ref in fonts.values():
        font = ref.get_object()
        base = str(font["/BaseFont"]).lstrip("/").split("+")[-1]
        assert not base.startswith(BASE14_FAMILIES), base
        assert "PTSans" in base.replace("-", "")
        descriptor = font["/FontDescriptor"].get_object() if "/FontDescriptor" in font else \
            font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, base
    text = page.extract_text()
    assert "ISSN 1694-7053" in text
