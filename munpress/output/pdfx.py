"""The last step of every PDF (pikepdf, on qpdf): what ReportLab cannot write itself.

Every variant gets real dates (the issue's date signed to print, or SOURCE_DATE_EPOCH),
distinct subset tags for its fonts (ReportLab's invariant mode tags every subset AAAAAA+,
which the PDF specification forbids) and XMP metadata. The print variant becomes PDF/X:
an OutputIntent with the CMYK profile of the press (ISO Coated v2 300%, FOGRA39, unless
the magazine names its printer's own), the GTS_PDFX keys in Info and XMP, and the PDF
version the standard is based on. The same inputs give the same bytes: the document ID
is derived from the content, and nothing here reads the clock.
"""

from __future__ import annotations

import hashlib
import io
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

import pikepdf
from PIL import ImageCms

# A magazine's print house asks for one of these (munpress.toml [print] standard).
STANDARDS = {
    "PDF/X-1a:2001": {"version": "PDF/X-1:2001", "conformance": "PDF/X-1a:2001", "pdf": "1.3"},
    "PDF/X-4": {"version": "PDF/X-4", "conformance": None, "pdf": "1.6"},
}
DEFAULT_PROFILE = "ISOcoated_v2_300_bas.icc"
DEFAULT_CONDITION = "FOGRA39"  # ISO 12647-2:2004, coated paper: what ISO Coated v2 characterises
REGISTRY = "http://www.color.org"
TAG_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True)
class PressProfile:
    """The CMYK press condition the print PDF is made for."""

    data: bytes
    name: str  # the profile's own description
    condition: str  # OutputConditionIdentifier: a registered name such as FOGRA39

    @property
    def icc(self) -> ImageCms.ImageCmsProfile:
        return ImageCms.ImageCmsProfile(io.BytesIO(self.data))


def press_profile(path: Path | None = None, condition: str | None = None) -> PressProfile:
    """The magazine's own profile, or the one munpress ships."""
    if path is None:
        data = resources.files("munpress.data").joinpath("icc", DEFAULT_PROFILE).read_bytes()
        return PressProfile(data, "ISO Coated v2 300% (basICColor)", condition or DEFAULT_CONDITION)
    data = path.read_bytes()
    name = ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(data))).strip()
    return PressProfile(data, name, condition or name)


def finish_pdf(data: bytes, date: datetime, *, standard: str | None = None,
               profile: PressProfile | None = None) -> bytes:
    """`date`: when the issue was signed to print (pipeline.document_date). `standard` and
    `profile`: the print variant, made PDF/X; None: screen and proof. The XMP says what the
    layout wrote in Info and the catalog's /Lang."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        _tag_subsets(pdf)
        _dates(pdf, date)
        if standard is not None:
            _output_intent(pdf, STANDARDS[standard], profile or press_profile())
        _xmp(pdf, date, STANDARDS[standard] if standard else None)
        if standard is None:
            pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        out = io.BytesIO()
        version = STANDARDS[standard]["pdf"] if standard else None
        pdf.save(out, deterministic_id=True, force_version=version, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.disable if standard else pikepdf.ObjectStreamMode.preserve)
        return out.getvalue()


def pdf_date(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("D:%Y%m%d%H%M%S+00'00'")


def _dates(pdf: pikepdf.Pdf, moment: datetime) -> None:
    pdf.docinfo.CreationDate = pdf_date(moment)
    pdf.docinfo.ModDate = pdf_date(moment)


def _tag_subsets(pdf: pikepdf.Pdf) -> None:
    """A tag of six capitals from the subset's own bytes: the same subset keeps its tag from
    build to build, and two subsets never share one."""
    fonts = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"
             and "/BaseFont" in obj and "+" in str(obj.BaseFont)]
    used: set[str] = set()
    for font in fonts:
        name = str(font.BaseFont)[1:].split("+", 1)[1]
        descriptor = font.get("/FontDescriptor")
        program = next((descriptor[key] for key in ("/FontFile2", "/FontFile3", "/FontFile")
                        if descriptor is not None and key in descriptor), None)
        seed = hashlib.sha256(name.encode() + (program.read_raw_bytes() if program is not None else b""))
        tag = _letters(seed.digest())
        while tag in used:  # two subsets alike to the last glyph: still two tags
            seed.update(b"+")
            tag = _letters(seed.digest())
        used.add(tag)
        font.BaseFont = pikepdf.Name(f"/{tag}+{name}")
        if descriptor is not None:
            descriptor.FontName = pikepdf.Name(f"/{tag}+{name}")


def _letters(digest: bytes) -> str:
    return "".join(TAG_LETTERS[byte % 26] for byte in digest[:6])


def _output_intent(pdf: pikepdf.Pdf, standard: dict, profile: PressProfile) -> None:
    icc = pdf.make_stream(profile.data)
    icc.N = 4
    intent = pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
        OutputConditionIdentifier=profile.condition, OutputCondition=profile.name,
        RegistryName=REGISTRY, Info=profile.name, DestOutputProfile=icc)
    pdf.Root.OutputIntents = pikepdf.Array([intent])
    pdf.docinfo.GTS_PDFXVersion = standard["version"]
    if standard["conformance"]:
        pdf.docinfo.GTS_PDFXConformance = standard["conformance"]
    pdf.docinfo.Trapped = pikepdf.Name("/False")


def _xmp(pdf: pikepdf.Pdf, date: datetime, standard: dict | None) -> None:
    stamp = date.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
    info = pdf.docinfo
    title, lang = str(info.get("/Title", "")), str(pdf.Root.get("/Lang", ""))
    # the same edition and date give the same IDs: a rebuild is byte-identical
    document_id = uuid.uuid5(uuid.NAMESPACE_URL, f"munpress:{title}:{lang}")
    instance_id = uuid.uuid5(document_id, f"{stamp}:{standard['version'] if standard else 'screen'}")
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:title"] = title
        meta["dc:creator"] = [str(info.get("/Author", ""))]
        meta["dc:description"] = str(info.get("/Subject", ""))
        meta["dc:language"] = [lang]
        meta["pdf:Producer"] = str(pdf.docinfo.get("/Producer", "munpress"))
        meta["xmp:CreatorTool"] = "munpress"
        meta["xmp:CreateDate"] = stamp
        meta["xmp:ModifyDate"] = stamp
        meta["xmp:MetadataDate"] = stamp
        meta["xmpMM:DocumentID"] = f"uuid:{document_id}"
        meta["xmpMM:InstanceID"] = f"uuid:{instance_id}"
        meta["pdf:Trapped"] = "False"
        if standard is not None:
            meta["pdfxid:GTS_PDFXVersion"] = standard["version"]
            meta["pdfx:GTS_PDFXVersion"] = standard["version"]
            if standard["conformance"]:
                meta["pdfx:GTS_PDFXConformance"] = standard["conformance"]
