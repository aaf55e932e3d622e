"""Issue 147's print PDF read back as a prepress operator reads it (issue 13): PDF/X-1a with
its output intent and profile, nothing in RGB, pictures in the press's CMYK, distinct subset
tags, real dates and XMP in every variant."""

from __future__ import annotations

import io
import shutil
import subprocess

import pikepdf
import pytest
from PIL import Image, ImageCms

from munpress.checks.pdfx import preflight_pdfx
from munpress.layout.pictures import in_press_colour
from munpress.locale import language_tag
from munpress.output.pdfx import press_profile
from tests.conftest import check_findings, run_munpress

ISSUE_SIGNED = "D:20240110000000+00'00'"  # signed_to_print in issues/147/issue.toml
LANGS = ("ky", "ru")


def opened(variant_pdfs, lang: str, variant: str) -> pikepdf.Pdf:
    return pikepdf.open(variant_pdfs[lang, variant])


@pytest.mark.parametrize("lang", LANGS)
def test_print_is_pdfx_1a_with_an_output_intent_and_a_cmyk_printer_profile(variant_pdfs, lang):
    with opened(variant_pdfs, lang, "print") as pdf:
        [intent] = pdf.Root.OutputIntents
        assert (intent.S, str(intent.OutputConditionIdentifier)) == ("/GTS_PDFX", "FOGRA39")
        profile = intent.DestOutputProfile.read_bytes()
        assert (profile[16:20], profile[12:16], profile[36:40]) == (b"CMYK", b"prtr", b"acsp")
        assert intent.DestOutputProfile.N == 4
        info = pdf.docinfo
        assert (str(info.GTS_PDFXVersion), str(info.GTS_PDFXConformance), info.Trapped) == (
            "PDF/X-1:2001", "PDF/X-1a:2001", pikepdf.Name("/False"))
        assert pdf.pdf_version == "1.3"
        metadata = pdf.open_metadata()
        assert metadata["pdfxid:GTS_PDFXVersion"] == "PDF/X-1:2001"
        assert metadata["xmp:CreateDate"].startswith("2024-01-10")
        for page in pdf.pages:
            assert "/TrimBox" in page.obj and "/BleedBox" in page.obj
        assert pdf.check_pdf_syntax() == []  # qpdf's own check, as `qpdf --check` runs it


@pytest.mark.parametrize("lang", LANGS)
def test_the_print_pdf_passes_the_pdfx_preflight_and_the_screen_pdf_would_not(variant_pdfs, lang):
    assert preflight_pdfx(variant_pdfs[lang, "print"].read_bytes(), "PDF/X-1a:2001", lang) == []
    codes = {d.code for d in preflight_pdfx(variant_pdfs[lang, "screen"].read_bytes(), "PDF/X-1a:2001", lang)}
    assert {"preflight.pdfx-output-intent", "preflight.pdfx-rgb", "preflight.pdfx-version-key",
            "preflight.pdfx-boxes"} <= codes  # the preflight sees what a screen PDF lacks


def test_nothing_in_the_print_pdf_is_rgb(variant_pdfs):
    for lang in LANGS:
        with opened(variant_pdfs, lang, "print") as pdf:
            spaces = [str(obj.ColorSpace) for obj in pdf.objects
                      if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
            assert spaces and set(spaces) <= {"/DeviceCMYK", "/DeviceGray"}, spaces
            for page in pdf.pages:
                operators = {str(op) for _, op in pikepdf.parse_content_stream(page)}
                assert not operators & {"rg", "RG"}


def test_the_pictures_are_converted_as_littlecms_converts_them(variant_pdfs):
    """The chart's pixels in print are the screen's pixels through sRGB → ISO Coated v2
    (relative colorimetric, black-point compensation), computed here by littleCMS itself."""
    def pictures(variant: str) -> list[Image.Image]:
        with opened(variant_pdfs, "ky", variant) as pdf:
            return [pikepdf.PdfImage(obj).as_pil_image() for obj in pdf.objects
                    if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]

    printed, shown = pictures("print"), pictures("screen")
    assert [p.mode for p in printed] == ["CMYK"] * len(shown) and [p.mode for p in shown] == ["RGB"] * len(shown)
    transform = ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"), press_profile().icc, "RGB", "CMYK",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC, flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)
    expected = ImageCms.applyTransform(shown[0], transform)
    for x, y in [(10, 10), (shown[0].width // 3, shown[0].height // 2), (shown[0].width // 2, shown[0].height * 3 // 4)]:
        got, want = printed[0].getpixel((x, y)), expected.getpixel((x, y))
        assert max(abs(a - b) for a, b in zip(got, want)) <= 2, (x, y, got, want)


def test_a_known_colour_is_converted_within_tolerance_and_grey_stays_grey():
    profile = press_profile()
    red = Image.new("RGB", (8, 8), (200, 30, 30))
    transform = ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"), profile.icc, "RGB", "CMYK",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC, flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)
    want = ImageCms.applyTransform(red, transform).getpixel((0, 0))
    for kind, tolerance in (("PNG", 0), ("JPEG", 6)):
        source = io.BytesIO()
        red.save(source, kind)
        converted = Image.open(io.BytesIO(in_press_colour(source.getvalue(), profile.data)))
        assert converted.mode == "CMYK"
        assert max(abs(a - b) for a, b in zip(converted.getpixel((4, 4)), want)) <= tolerance, (kind, want)
    grey = io.BytesIO()
    Image.new("L", (4, 4), 128).save(grey, "PNG")
    assert in_press_colour(grey.getvalue(), profile.data) is None  # printed as it is, in black ink only


def test_every_subset_has_its_own_tag_and_every_variant_real_dates(variant_pdfs):
    for (lang, variant), path in variant_pdfs.items():
        with pikepdf.open(path) as pdf:
            names = [str(obj.BaseFont)[1:] for obj in pdf.objects
                     if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font" and "/BaseFont" in obj]
            tags = [name.split("+")[0] for name in names if "+" in name]
            assert len(tags) == len(set(tags)) == len(names) and "AAAAAA" not in tags, (lang, variant, names)
            assert str(pdf.docinfo.CreationDate) == str(pdf.docinfo.ModDate) == ISSUE_SIGNED, (lang, variant)
            assert pdf.open_metadata()["xmp:ModifyDate"].startswith("2024-01-10")


def test_screen_has_xmp_and_shows_its_title_but_no_output_intent(variant_pdfs):
    with opened(variant_pdfs, "ru", "screen") as pdf:
        assert "/OutputIntents" not in pdf.Root
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        metadata = pdf.open_metadata()
        assert "МУНИЦИПАЛИТЕТ" in metadata["dc:title"] and set(metadata["dc:language"]) == {language_tag("ru")}


@pytest.mark.skipif(shutil.which("gs") is None, reason="Ghostscript is not installed here")
def test_ghostscript_reads_the_print_pdf_without_complaint(variant_pdfs):
    done = subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=nullpage", str(variant_pdfs["ky", "print"])],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "Error" not in done.stdout + done.stderr


@pytest.mark.slow
def test_pdfx_4_and_a_printers_own_profile_from_munpress_toml(magazine_copy, tmp_path):
    profile = magazine_copy / "profiles" / "printer.icc"
    profile.parent.mkdir()
    profile.write_bytes(press_profile().data)
    toml = magazine_copy / "munpress.toml"
    toml.write_text(toml.read_text("utf-8") + '\n[print]\nstandard = "PDF/X-4"\nprofile = "profiles/printer.icc"\n'
                    'condition = "FOGRA39L"\n', "utf-8")
    out = tmp_path / "out"
    done = run_munpress("build", "147", "--lang", "ky", "--variant", "print", "--root", str(magazine_copy),
                        "--out", str(out))
    assert done.returncode == 0, done.stderr
    with pikepdf.open(out / "municipalitet-147-ky-print.pdf") as pdf:
        assert (pdf.pdf_version, str(pdf.docinfo.GTS_PDFXVersion)) == ("1.6", "PDF/X-4")
        assert str(pdf.Root.OutputIntents[0].OutputConditionIdentifier) == "FOGRA39L"
        assert pdf.open_metadata()["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
    checked = run_munpress("check", "147", "--lang", "ky", "--json", "--root", str(magazine_copy))
    assert not [d for d in check_findings(checked.stdout) if d["code"].startswith("preflight.pdfx")]
    profile.write_bytes(b"not a profile at all" * 10)
    refused = run_munpress("build", "147", "--lang", "ky", "--root", str(magazine_copy), "--out", str(out))
    assert refused.returncode == 2 and "print.profile" in refused.stderr and "not an ICC profile" in refused.stderr


def shown_text_states(pdf: pikepdf.Pdf, page: pikepdf.Page) -> list[tuple[tuple[float, ...], bool]]:
    """(fill colour, overprinting) for each text shown on the page, following q/Q and gs."""
    states = page.Resources.get("/ExtGState") or {}
    stack, fill, overprint, found = [], (), False, []
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "q":
            stack.append((fill, overprint))
        elif op == "Q" and stack:
            fill, overprint = stack.pop()
        elif op == "k":
            fill = tuple(float(v) for v in operands)
        elif op == "gs":
            state = states[str(operands[0])]
            overprint = bool(state.get("/op", overprint)) if "/op" in state else overprint
        elif op in ("Tj", "TJ", "'", '"'):
            found.append((fill, overprint))
    return found


def test_black_text_overprints_in_print_and_white_text_knocks_out(variant_pdfs):
    with opened(variant_pdfs, "ky", "print") as pdf:
        states = [state for page in pdf.pages[3:8] for state in shown_text_states(pdf, page)]
    black = [over for fill, over in states if fill == (0, 0, 0, 1)]
    other = [over for fill, over in states if fill and fill != (0, 0, 0, 1)]
    assert black and all(black), f"{black.count(False)} of {len(black)} black texts knock out"
    assert other and not any(other)  # the rubric bar's white title, the blue headings
    with opened(variant_pdfs, "ky", "screen") as pdf:
        assert not any(over for page in pdf.pages[3:8] for _, over in shown_text_states(pdf, page))
