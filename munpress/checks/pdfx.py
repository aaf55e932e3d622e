"""`preflight.pdfx-*`: the written print PDF read back as a print house's preflight reads it.

Each rule of PDF/X-1a:2001 (ISO 15930-1) and PDF/X-4 (ISO 15930-7) that munpress's output
could break is looked for in the file itself, not in what munpress meant to write: an
OutputIntent with a CMYK printer profile, the GTS_PDFX keys and XMP, Trim and Bleed boxes,
nothing in RGB, every font embedded under its own subset tag, no transparency in X-1a.
"""

from __future__ import annotations

import io
from collections import Counter

import pikepdf

from munpress.diagnostics import Diagnostic, Severity
from munpress.i18n import _, _n
from munpress.files import icc_header_problem
from munpress.output.pdfx import STANDARDS

VERSIONS = {name: standard["version"] for name, standard in STANDARDS.items()}  # what the GTS_PDFX keys say
HIGHEST_PDF = {"PDF/X-1a:2001": "1.4", "PDF/X-4": "1.6"}  # 1.4: what a RIP takes as X-1a (2001 or 2003)
RGB_SPACES = ("/DeviceRGB", "/CalRGB")
RGB_OPERATORS = ("rg", "RG")
SHOWN = 3


def preflight_pdfx(data: bytes, standard: str, lang: str | None = None, file: str | None = None) -> list[Diagnostic]:
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PdfError as error:
        return [_finding("unreadable", _("the print PDF cannot be read back: {error}", error=error), lang, file)]
    with pdf:
        found = [*_intent(pdf, standard), *_keys(pdf, standard), *_boxes(pdf), *_colour(pdf),
                 *_fonts(pdf), *(_transparency(pdf) if standard == "PDF/X-1a:2001" else [])]
        if pdf.pdf_version > HIGHEST_PDF[standard]:
            found.append(("version", _("PDF {version}; {standard} allows at most {highest}", version=pdf.pdf_version,
                                       standard=standard, highest=HIGHEST_PDF[standard])))
    return [_finding(rule, message, lang, file) for rule, message in found]


def _finding(rule: str, message: str, lang: str | None, file: str | None) -> Diagnostic:
    return Diagnostic(Severity.ERROR, f"preflight.pdfx-{rule}", _("print PDF: {problem}", problem=message),
                      lang=lang, file=file,
                      hints=(_("this is a munpress bug unless munpress.toml {key} names a profile: "
                               "send the issue to the developers", key="[print]"),))


def _intent(pdf: pikepdf.Pdf, standard: str) -> list[tuple[str, str]]:
    intents = [intent for intent in pdf.Root.get("/OutputIntents", []) if intent.get("/S") == "/GTS_PDFX"]
    if len(intents) != 1:
        return [("output-intent", _("{count} {key} output intents; PDF/X needs exactly one", count=len(intents),
                                    key="GTS_PDFX"))]
    intent, problems = intents[0], []
    if not str(intent.get("/OutputConditionIdentifier", "")):
        problems.append(("output-intent", _("the output intent has no {key}", key="OutputConditionIdentifier")))
    profile = intent.get("/DestOutputProfile")
    if profile is None:
        problems.append(("output-intent", _("the output intent embeds no printer profile ({key})",
                                            key="DestOutputProfile")))
    else:
        if icc_header_problem(profile.read_bytes()[:128], "DestOutputProfile"):
            problems.append(("output-intent", _("the output intent's profile is not a CMYK printer profile")))
    return problems


def _keys(pdf: pikepdf.Pdf, standard: str) -> list[tuple[str, str]]:
    info, problems = pdf.docinfo, []
    if str(info.get("/GTS_PDFXVersion", "")) != VERSIONS[standard]:
        problems.append(("version-key", _("Info {key} is «{found}», not «{wanted}»", key="GTS_PDFXVersion",
                                          found=info.get("/GTS_PDFXVersion", ""), wanted=VERSIONS[standard])))
    if standard == "PDF/X-1a:2001" and str(info.get("/GTS_PDFXConformance", "")) != standard:
        problems.append(("version-key", _("Info {key} is not «{wanted}»", key="GTS_PDFXConformance",
                                          wanted="PDF/X-1a:2001")))
    if str(info.get("/Trapped", "")) not in ("/True", "/False"):
        problems.append(("trapped", _("Info {key} is neither {true} nor {false}", key="Trapped", true="True",
                                      false="False")))
    for key in ("/Title", "/CreationDate", "/ModDate"):
        if not str(info.get(key, "")):
            problems.append(("info", _("Info has no {key}", key=key[1:])))
    if "/ID" not in pdf.trailer:
        problems.append(("info", _("the trailer has no document ID")))
    metadata = pdf.open_metadata()
    version = metadata.get("pdfxid:GTS_PDFXVersion") or metadata.get("pdfx:GTS_PDFXVersion")
    if version != VERSIONS[standard]:
        problems.append(("xmp", _("the XMP metadata does not state {version}", version=VERSIONS[standard])))
    return problems


def _boxes(pdf: pikepdf.Pdf) -> list[tuple[str, str]]:
    bad = []
    for number, page in enumerate(pdf.pages, 1):
        media, trim, bleed = (page.obj.get(key) for key in ("/MediaBox", "/TrimBox", "/BleedBox"))
        if trim is None or not _inside(trim, bleed if bleed is not None else media) or \
                (bleed is not None and not _inside(bleed, media)):
            bad.append(number)
    return [("boxes", _("pages without a {trim} inside the {bleed} and {media}: {pages}", trim="TrimBox",
                        bleed="BleedBox", media="MediaBox", pages=_pages(bad)))] if bad else []


def _inside(inner, outer) -> bool:
    a, b = [float(v) for v in inner], [float(v) for v in outer]
    return a[0] >= b[0] - 0.01 and a[1] >= b[1] - 0.01 and a[2] <= b[2] + 0.01 and a[3] <= b[3] + 0.01


def _colour(pdf: pikepdf.Pdf) -> list[tuple[str, str]]:
    images, operators, spaces = Counter(), Counter(), Counter()
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream):
            continue
        if obj.get("/Subtype") == "/Image" and _is_rgb(obj.get("/ColorSpace")):
            images[str(obj.get("/ColorSpace"))[:20]] += 1
    for stream, resources in _content_streams(pdf):
        for space in (resources.get("/ColorSpace") or {}).values() if resources is not None else ():
            if _is_rgb(space):
                spaces[str(space)[:20]] += 1
        try:
            instructions = pikepdf.parse_content_stream(stream)
        except pikepdf.PdfError:
            continue
        for _operands, operator in instructions:
            if str(operator) in RGB_OPERATORS:
                operators[str(operator)] += 1
    found = []
    if images:
        found.append(("rgb", _n("{count} picture in RGB", "{count} pictures in RGB", sum(images.values()))))
    if operators or spaces:
        found.append(("rgb", _("{operators} RGB colour operators and {spaces} RGB colour spaces in the page content",
                               operators=sum(operators.values()), spaces=sum(spaces.values()))))
    return found


def _is_rgb(space) -> bool:
    if space is None:
        return False
    if isinstance(space, pikepdf.Name):
        return str(space) in RGB_SPACES
    if isinstance(space, pikepdf.Array) and len(space):
        family = str(space[0])
        if family == "/ICCBased":
            return int(space[1].get("/N", 0)) == 3
        if family == "/Indexed":
            return _is_rgb(space[1])
        return family in RGB_SPACES
    return False


def _content_streams(pdf: pikepdf.Pdf):
    for page in pdf.pages:
        yield page.obj, page.obj.get("/Resources")
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Form":
            yield obj, obj.get("/Resources")


def _fonts(pdf: pikepdf.Pdf) -> list[tuple[str, str]]:
    tags, unembedded = Counter(), []
    for obj in pdf.objects:
        if not (isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"):
            continue
        name = str(obj.get("/BaseFont", ""))[1:]
        if "+" in name:
            tags[name.split("+", 1)[0]] += 1
        descriptor = obj.get("/FontDescriptor")
        if obj.get("/Subtype") in ("/TrueType", "/Type1", "/CIDFontType2", "/CIDFontType0") and (
                descriptor is None or not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))):
            unembedded.append(name)
    found = []
    if unembedded:
        found.append(("fonts", _("fonts not embedded: {fonts}", fonts=", ".join(sorted(unembedded)[:SHOWN]))))
    shared = [tag for tag, count in tags.items() if count > 1]
    if shared:
        found.append(("fonts", _("subset tags used by more than one font: {tags}", tags=", ".join(sorted(shared)[:SHOWN]))))
    return found


def _transparency(pdf: pikepdf.Pdf) -> list[tuple[str, str]]:
    count = 0
    for obj in pdf.objects:
        if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            continue
        if obj.get("/Subtype") == "/Image" and "/SMask" in obj:
            count += 1
        elif obj.get("/Type") == "/ExtGState" and (
                "/SMask" in obj and obj.SMask != "/None" or float(obj.get("/CA", 1)) < 1
                or float(obj.get("/ca", 1)) < 1 or str(obj.get("/BM", "/Normal")) not in ("/Normal", "/Compatible")):
            count += 1
        elif isinstance(obj.get("/Group"), pikepdf.Dictionary) and obj.Group.get("/S") == "/Transparency":
            count += 1
    return [("transparency", _n("{count} use of transparency, which {standard} forbids",
                                "{count} uses of transparency, which {standard} forbids", count,
                                standard="PDF/X-1a"))] if count else []


def _pages(numbers: list[int]) -> str:
    shown = ", ".join(map(str, numbers[:SHOWN]))
    return _("{shown} and {count} more", shown=shown, count=len(numbers) - SHOWN) if len(numbers) > SHOWN else shown
