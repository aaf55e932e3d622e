"""Font families by role: the magazine's own `fonts/` first, then the PyPI font packages.

The only module that registers fonts with ReportLab. It also reports what each family
covers, as plain sets of code points, so checks can judge glyph coverage without ReportLab.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

import fontpkg
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile

from munpress.diagnostics import InputError
from munpress.files import not_a_file
from munpress.i18n import _

# ReportLab's four faces of a family, with the weight and style that name them.
FACES = {"regular": (400, "normal"), "bold": (700, "normal"), "italic": (400, "italic"),
         "bolditalic": (700, "italic")}
_STYLE_NAMES = {"regular": "regular", "bold": "bold", "italic": "italic",
                "bold italic": "bolditalic", "bolditalic": "bolditalic"}


@dataclass(frozen=True)
class FontFamily:
    family: str
    faces: tuple[tuple[str, str], ...]  # face -> ReportLab font name
    files: tuple[tuple[str, Path], ...]  # face -> file
    origin: str  # "fonts/" or the PyPI package that supplied it
    coverage: frozenset[int]
    embedding: tuple[tuple[str, int], ...] = ()  # face -> the OS/2 fsType bits of its licence

    def face(self, name: str) -> str:
        return dict(self.faces)[name]


def magazine_font_files(fonts_dir: Path) -> list[Path]:
    """The TrueType files a magazine dropped into its fonts/ folder, the ones munpress reads."""
    return sorted(fonts_dir.glob("*.[tT][tT][fF]"))


# Larger than any font a magazine sets with (full CJK families are about 20 MB).
LARGEST_FONT_BYTES = 64 * 1024 * 1024


def _check_font_file(path: Path, magazine: Path) -> None:
    """A font is read only when it is a regular file inside the magazine folder, of a font's
    size: a link to /dev/zero would be read until memory runs out, a FIFO would block."""
    def refuse(message: str, hint: str) -> None:
        raise InputError(message, file=str(path), code="font.unreadable", hint=hint)

    target = path.resolve()
    if not target.is_relative_to(magazine.resolve()):
        refuse(_("cannot read font: {name} is a link to {target}, outside the magazine folder",
                 name=path.name, target=target),
               _("copy the font file itself into {folder}", folder="fonts/"))
    status = target.stat()
    if not_a_file(status.st_mode):
        mode = status.st_mode
        refuse(_("cannot read font: {name} is a folder, not a font file", name=path.name) if stat.S_ISDIR(mode) else
               _("cannot read font: {name} is a FIFO, not a font file", name=path.name) if stat.S_ISFIFO(mode) else
               _("cannot read font: {name} is a device or socket, not a font file", name=path.name),
               _("remove it from {folder} and copy the .ttf file there", folder="fonts/"))
    size = status.st_size
    if size > LARGEST_FONT_BYTES:
        refuse(_("cannot read font: {name} is {size} MB, larger than any font ({limit} MB)", name=path.name,
                 size=format(size / 1024 / 1024, ",.0f"), limit=LARGEST_FONT_BYTES // 1024 // 1024),
               _("replace it with the font's .ttf file"))


def _local_faces(fonts_dir: Path, family: str) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in magazine_font_files(fonts_dir):
        _check_font_file(path, fonts_dir.parent)
        try:
            info = TTFontFile(str(path), validate=0)
        except Exception as exc:  # a corrupt file must name itself, not crash
            raise InputError(_("cannot read font: {reason}", reason=_detail(exc, path)), file=str(path),
                             code="font.unreadable",
                             hint=_("replace the file with a valid TrueType font or remove it")) from None
        if info.familyName.decode("utf-8", "replace").casefold() != family.casefold():
            continue
        face = _STYLE_NAMES.get(info.styleName.decode("utf-8", "replace").casefold())
        if face:
            found[face] = path
    return found


def _package_faces(family: str) -> dict[str, Path]:
    try:
        return {face: fontpkg.path(family, weight, style, nearest=True)
                for face, (weight, style) in FACES.items()}
    except fontpkg.FontpkgError:
        return {}


@cache
def load_family(family: str, fonts_dir: Path) -> FontFamily:
    """Find and register `family`; raise InputError when neither source has it."""
    faces = _local_faces(fonts_dir, family) if fonts_dir.is_dir() else {}
    origin = "fonts/"
    if "regular" not in faces:
        faces, origin = _package_faces(family), "PyPI package"
    if "regular" not in faces:
        raise InputError(_("font family {family} not found in {folder} or in the installed font packages",
                           family=repr(family), folder="fonts/"),
                         file="munpress.toml", code="font.missing",
                         hint=_("put its .ttf files in {folder} or name {families} in {table}", folder="fonts/",
                                families="PT Serif / PT Sans", table="[layout.fonts]"))
    base = family.replace(" ", "")
    names: dict[str, str] = {}
    for face in FACES:
        path = faces.get(face, faces["regular"])  # a missing face falls back to regular
        name = f"{base}-{face}"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(_sound_font(name, path, origin))
        names[face] = name
        faces[face] = path
    for face, (weight, style) in FACES.items():
        addMapping(base, int(weight >= 700), int(style == "italic"), names[face])
    coverage = frozenset(pdfmetrics.getFont(names["regular"]).face.charToGlyph)
    embedding = tuple((face, embedding_flags(path)) for face, path in faces.items())
    return FontFamily(family, tuple(names.items()), tuple(faces.items()), origin, coverage, embedding)


# No glyph of a text face is this many ems wide: wider advances mean a damaged hmtx table.
WIDEST_PLAUSIBLE_EM = 10
# Letters every text face draws: an empty outline for one of them means a damaged font.
SAMPLE_LETTERS = "AaOo0АаОо"


def _sound_font(name: str, path: Path, origin: str) -> TTFont:
    """The font read in full now, as the PDF writer would read it at the end of the build:
    a damaged file must name itself here, not crash the save (or set absurd widths)."""
    try:
        font = TTFont(name, str(path))
        face = font.face
        face.makeSubset(sorted(face.charToGlyph))  # every table and every glyph the font maps
        widest = max((face.getCharWidth(code) for code in face.charToGlyph), default=0)
        if not 0 <= widest <= WIDEST_PLAUSIBLE_EM * 1000:
            raise ValueError(_("a glyph {width} em wide; its metrics (hmtx) are damaged", width=format(widest / 1000, "g")))
        starts = face.glyphPos
        if any(end < start for start, end in pairwise(starts)) or starts[-1] > face.table["glyf"]["length"]:
            raise ValueError(_("its glyph index (loca) is damaged"))
        letters = [face.charToGlyph[ord(ch)] for ch in SAMPLE_LETTERS if ord(ch) in face.charToGlyph]
        if any(starts[glyph + 1] == starts[glyph] for glyph in letters):  # the text would print blank
            raise ValueError(_("letters without outlines; its glyph index (loca) or glyphs (glyf) are damaged"))
    except Exception as exc:
        hint = (_("replace the file with a valid TrueType font or remove it") if origin == "fonts/" else
                _("reinstall munpress: its packaged font file is damaged"))
        raise InputError(_("cannot read font: {reason}", reason=_detail(exc, path)), file=str(path),
                         code="font.unreadable", hint=hint) from None
    return font


def _detail(error: Exception, path: Path) -> str:
    """What ReportLab said, on one short line, without repeating the path the message leads with."""
    text = " ".join(str(error).replace(f'"{path}"', "").replace(str(path), "").split())[:160]
    return text or type(error).__name__


def embedding_flags(path: Path) -> int:
    """The font's OS/2 fsType: what its licence allows (0 installable, 2 restricted, 4 print
    and preview, 8 editable; 0x100 no subsetting, 0x200 bitmap only). Read with ReportLab's
    own TrueType reader; a font without an OS/2 table allows everything."""
    reader = TTFontFile(str(path), validate=0)
    if "OS/2" not in reader.table:
        return 0
    reader.seek_table("OS/2")
    reader.skip(2 + 2 + 2 + 2)  # version, xAvgCharWidth, usWeightClass, usWidthClass
    return reader.read_ushort()


@cache
def glyphs_of(font_name: str) -> frozenset[int] | None:
    """The code points a registered font can print; None for fonts that do not say."""
    face = getattr(pdfmetrics.getFont(font_name), "face", None)
    return frozenset(face.charToGlyph) if hasattr(face, "charToGlyph") else None


def covers(font_name: str, text: str) -> bool:
    glyphs = glyphs_of(font_name)
    return glyphs is None or all(ord(ch) in glyphs or ch.isspace() for ch in text)
