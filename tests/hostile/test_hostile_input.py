"""Hostile and broken input (issue 6): one clear line, exit 2, nothing lost.

Every case runs the real command line on a throwaway copy of the magazine whose `--out`
folder already holds the last good PDFs of issue 147's Kyrgyz edition, breaks one thing and
builds again. Then: the exit code is the contract's (2 for input munpress cannot use, 130 for
Ctrl-C), stderr is exactly one line without a traceback, it names the offending file (or key
path) and says what to do, and the last good PDFs are byte for byte what they were, with no
`.part` file left beside them. The last good PDFs carry a marker the build never writes, so a
file replaced even by identical bytes is caught.

Cases covered elsewhere and not repeated here: a manuscript of plain text renamed .docx, a
truncated zip and broken XML (tests/readers/test_docx_opening.py); a manuscript path of the
wrong type and a failed build keeping the last good PDF (tests/test_cli_contract.py); every
manifest rule one by one (tests/manifest/test_load.py).
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import REPO, SHARED, run_munpress

PDFS = ("municipalitet-147-ky-print.pdf", "municipalitet-147-ky-screen.pdf")
MARK = b"\n% the last good build\n"  # after %%EOF: readers ignore it, a rebuild never writes it
ISSUE = "issues/147/issue.toml"
ARTICLE = "issues/147/manuscripts/ky/03-participatory-budget.docx"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED = SHARED / "corpus/docx/poi__bug53475-password-is-pass.docx"
# a refused bomb costs no more than this (refusing one takes well under a second and ~110 MB)
BOMB_SECONDS, BOMB_MEGABYTES = 10, 300


class MissingFix(AssertionError):
    """A broken promise: the line says what is wrong but not what to do, or a last good PDF
    was replaced."""


# --- the last good build, and the helpers every case uses ------------------------------------


def copy_magazine(target: Path) -> Path:
    target.mkdir(parents=True)
    shutil.copy(REPO / "munpress.toml", target / "munpress.toml")
    shutil.copytree(REPO / "issues" / "147", target / "issues" / "147")  # not an editor's next issue
    shutil.copytree(REPO / "fillers", target / "fillers")
    return target


@pytest.fixture(scope="session")
def good_build(tmp_path_factory) -> dict[str, bytes]:
    """Issue 147's Kyrgyz edition built once, as every case's last good PDFs."""
    base = tmp_path_factory.mktemp("good")
    magazine, out = copy_magazine(base / "magazine"), base / "out"
    result = run_munpress("build", "147", "--lang", "ky", "--root", str(magazine), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == list(PDFS)
    return {name: (out / name).read_bytes() for name in PDFS}


@pytest.fixture()
def out(tmp_path, good_build) -> Path:
    """The --out folder, holding the last good PDFs (marked)."""
    folder = tmp_path / "out"
    folder.mkdir()
    for name, data in good_build.items():
        (folder / name).write_bytes(data + MARK)
    return folder


def build(magazine: Path, out: Path, issue: str = "147") -> subprocess.CompletedProcess:
    return run_munpress("build", issue, "--lang", "ky", "--root", str(magazine), "--out", str(out))


def fingerprint(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()[:16] for p in sorted(folder.iterdir())}


def assert_nothing_lost(out: Path, good_build: dict[str, bytes]) -> None:
    """The last good PDFs as they were, and nothing else: no .part, no new file."""
    expected = {name: hashlib.sha256(data + MARK).hexdigest()[:16] for name, data in good_build.items()}
    assert fingerprint(out) == expected


def assert_refused(result: subprocess.CompletedProcess, out: Path, good_build: dict[str, bytes], *,
                   names: tuple[str, ...], fix: str | tuple[str, ...], code: int = 2) -> str:
    """The contract after a refused build; returns the line."""
    line = result.stderr.strip()
    assert result.returncode == code, f"exit {result.returncode}, expected {code}: {result.stdout}{result.stderr}"
    assert "Traceback" not in result.stderr, result.stderr
    assert len(line.splitlines()) == 1, f"not one line:\n{result.stderr}"
    for name in names:
        assert name in line, f"{name!r} is not named in: {line}"
    assert_nothing_lost(out, good_build)
    fixes = (fix,) if isinstance(fix, str) else fix
    if not any(f.casefold() in line.casefold() for f in fixes):
        raise MissingFix(f"none of {fixes} in: {line}")
    return line


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


@dataclass(frozen=True)
class Measured:
    result: subprocess.CompletedProcess
    seconds: float
    megabytes: float  # the child's peak resident memory (0 where there is no /proc)


def peak_megabytes(pid: int) -> float:
    """VmHWM of a running process: its own peak, unlike wait4's ru_maxrss, which on Linux
    starts from the memory of the pytest process that forked it."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    return next((int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmHWM:")), 0.0)


def run_measured(*args: str, timeout: float = 60) -> Measured:
    """run_munpress, watching the child's time and peak memory; killed at `timeout`."""
    command = [sys.executable, "-m", "munpress", *args]
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        started = time.monotonic()
        child = subprocess.Popen(command, cwd=REPO, stdout=stdout, stderr=stderr)
        peak = 0.0
        while child.poll() is None and time.monotonic() - started < timeout:
            peak = max(peak, peak_megabytes(child.pid))
            time.sleep(0.01)
        if child.poll() is None:
            child.kill()
        child.wait()
        seconds = time.monotonic() - started
        stdout.seek(0), stderr.seek(0)
        result = subprocess.CompletedProcess(command, child.returncode, stdout.read().decode(),
                                             stderr.read().decode())
    return Measured(result, seconds, peak)


def replace_part(docx: Path, part: str, change) -> None:
    """Rewrite one part of a .docx in place: `change(bytes) -> bytes`."""
    with zipfile.ZipFile(docx) as source:
        items = [(item, source.read(item)) for item in source.infolist()]
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as target:
        for item, data in items:
            target.writestr(item, change(data) if item.filename == part else data,
                            compress_type=zipfile.ZIP_DEFLATED)


def after_declaration(xml: bytes, insert: bytes) -> bytes:
    end = xml.index(b"?>") + 2
    return xml[:end] + insert + xml[end:]


# --- the manifest -----------------------------------------------------------------------------


def test_a_toml_syntax_error_gives_the_file_line_and_column(magazine_copy, out, good_build):
    issue = magazine_copy / ISSUE
    lines = issue.read_text("utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if line.strip() == "page = 4")
    lines[number] = lines[number].replace("page = 4", "page = = 4")
    issue.write_text("".join(lines), "utf-8")
    column = lines[number].index("= =") + 3  # the second "=", counted from 1
    assert_refused(build(magazine_copy, out), out, good_build,
                   names=(ISSUE, f"line {number + 1}, column {column}", "page = = 4"),
                   fix='text in "quotes", [table] headers; see docs/manifest.md')


@pytest.mark.parametrize(("file", "old", "new", "key", "fix"), [
    (ISSUE, "  page = 4\n", '  page = "4"\n', "sections[0].articles[0].page", "write the number without quotes"),
    ("munpress.toml", 'registration_number = "1785"', "registration_number = 1785", "registration_number",
     'put it in quotes: "1785"'),
], ids=["quoted-page-number", "unquoted-registration-number"])
def test_a_value_of_the_wrong_type_names_the_key_path(magazine_copy, out, good_build, file, old, new, key, fix):
    edit(magazine_copy / file, old, new)
    line = assert_refused(build(magazine_copy, out), out, good_build, names=(file, key), fix=fix)
    assert "expected" in line


@pytest.mark.parametrize(("file", "old", "new", "key", "known"), [
    (ISSUE, "  page = 4\n", "  page = 4\n  new_pgae = true\n", "sections[0].articles[0].new_pgae", "new_page"),
    ("munpress.toml", "columns = 2", "colums = 2", "layout.colums", "columns"),
], ids=["article-key", "layout-key"])
def test_an_unknown_key_suggests_the_nearest_known_one(magazine_copy, out, good_build, file, old, new, key, known):
    edit(magazine_copy / file, old, new)
    assert_refused(build(magazine_copy, out), out, good_build, names=(file, key),
                   fix=f"did you mean '{known}'?")


FIRST_ARTICLE = '  manuscript = { ky = "manuscripts/ky/01-new-year.docx", ru = "manuscripts/ru/01-new-year.docx" }\n'


@pytest.mark.parametrize("kind", ["same-file", "same-id"])
def test_a_duplicate_article_names_both_places(magazine_copy, out, good_build, kind):
    # the manifest loader refuses both (manifest.duplicate-article), before anything is read
    folder = "manuscripts" if kind == "same-file" else "extra"
    if kind == "same-id":  # another file with the same name: the id is the file name
        for lang in ("ky", "ru"):
            (magazine_copy / "issues/147/extra" / lang).mkdir(parents=True)
            shutil.copy(magazine_copy / f"issues/147/manuscripts/{lang}/01-new-year.docx",
                        magazine_copy / f"issues/147/extra/{lang}/01-new-year.docx")
    second = FIRST_ARTICLE.replace("manuscripts/", f"{folder}/")
    edit(magazine_copy / ISSUE, FIRST_ARTICLE + "  page = 4\n",
         FIRST_ARTICLE + "  page = 4\n\n  [[sections.articles]]\n" + second + "  page = 4\n")
    line = assert_refused(build(magazine_copy, out), out, good_build,
                          names=(ISSUE, "sections[0].articles[1]", "already used by sections[0].articles[0]"),
                          fix=("each manuscript file belongs to one article", "give one of them its own id"))
    assert ("01-new-year.docx" if kind == "same-file" else "'01-new-year'") in line


def test_an_issue_folder_that_does_not_exist_lists_the_issues_there(magazine_copy, out, good_build):
    assert_refused(build(magazine_copy, out, issue="999"), out, good_build, names=("issues/999/",),
                   fix="issues here: 147")


@pytest.mark.parametrize(("written", "fix"), [
    ("../../etc/passwd", "Save As"),  # climbs to <magazine>/etc/passwd: inside, but no .docx
    ("../../../../../../../../../../etc/passwd", "copy the file into the magazine folder"),
    ("/etc/passwd", "copy the file into the magazine folder"),
    ("../../../outside.docx", "copy the file into the magazine folder"),  # a real .docx beside the magazine
], ids=["etc-passwd-inside", "etc-passwd-outside", "absolute", "docx-outside"])
def test_a_manuscript_path_that_escapes_the_magazine_is_refused(magazine_copy, out, good_build, written, fix):
    shutil.copy(magazine_copy / ARTICLE, magazine_copy.parent / "outside.docx")
    edit(magazine_copy / ISSUE, '"manuscripts/ky/01-new-year.docx"', f'"{written}"')
    assert_refused(build(magazine_copy, out), out, good_build,
                   names=(ISSUE, "sections[0].articles[0].manuscript.ky", written), fix=fix)


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_symlink_out_of_the_magazine_is_refused(magazine_copy, out, good_build, what):
    outside = magazine_copy.parent / "elsewhere"
    shutil.copytree(magazine_copy / "issues/147/manuscripts/ky", outside)
    if what == "file":
        (magazine_copy / ARTICLE).unlink()
        (magazine_copy / ARTICLE).symlink_to(outside / "03-participatory-budget.docx")
        names = ("manuscript.ky", "manuscripts/ky/03-participatory-budget.docx", "outside the magazine")
    else:
        shutil.rmtree(magazine_copy / "issues/147/manuscripts/ky")
        (magazine_copy / "issues/147/manuscripts/ky").symlink_to(outside, target_is_directory=True)
        names = ("sections[0].articles[0].manuscript.ky", "manuscripts/ky/01-new-year.docx", "outside the magazine")
    assert_refused(build(magazine_copy, out), out, good_build, names=(ISSUE, *names),
                   fix="copy the file into the magazine folder")


# --- manuscripts that are not .docx -----------------------------------------------------------


def pdf_renamed(path: Path, good_build) -> None:
    path.write_bytes(good_build[PDFS[0]])


def doc_renamed(path: Path, good_build) -> None:
    path.write_bytes(OLE2 + bytes(4096))  # an old Word 97–2003 .doc: an OLE2 compound file


def empty(path: Path, good_build) -> None:
    path.write_bytes(b"")


@pytest.mark.parametrize(("damage", "fix"), [
    pytest.param(pdf_renamed, "save it as .docx", id="pdf-renamed"),
    pytest.param(doc_renamed, "save it as an unprotected .docx", id="doc-renamed"),
    pytest.param(empty, "save the manuscript again as .docx", id="empty"),
])
def test_a_manuscript_that_is_not_a_docx_is_refused(magazine_copy, out, good_build, damage, fix):
    damage(magazine_copy / ARTICLE, good_build)
    assert_refused(build(magazine_copy, out), out, good_build, names=(ARTICLE,), fix=fix)


def test_several_unreadable_manuscripts_give_the_first_and_how_many_more(magazine_copy, out, good_build):
    other = "issues/147/manuscripts/ky/05-apricot-brand.docx"
    (magazine_copy / ARTICLE).write_bytes(b"")
    (magazine_copy / other).write_bytes(b"not a zip")
    line = assert_refused(build(magazine_copy, out), out, good_build, names=(ARTICLE,),
                          fix="munpress check 147 lists them all")
    assert "1 more manuscript cannot be read" in line


def test_a_manuscript_listed_as_doc_is_refused_by_the_manifest(magazine_copy, out, good_build):
    doc = magazine_copy / "issues/147/manuscripts/ky/01-new-year.doc"
    doc.write_bytes(OLE2 + bytes(4096))
    edit(magazine_copy / ISSUE, "manuscripts/ky/01-new-year.docx", "manuscripts/ky/01-new-year.doc")
    assert_refused(build(magazine_copy, out), out, good_build,
                   names=(ISSUE, "sections[0].articles[0].manuscript.ky", "01-new-year.doc"),
                   fix="Save As → Word Document (.docx)")


def test_an_empty_issue_toml_is_refused_naming_the_first_missing_key(magazine_copy, out, good_build):
    (magazine_copy / ISSUE).write_bytes(b"")
    assert_refused(build(magazine_copy, out), out, good_build, names=(ISSUE, "number"),
                   fix="add number = …")


def test_an_encrypted_docx_is_refused_with_a_way_out(magazine_copy, out, good_build):
    if ENCRYPTED.is_file():  # Word's own password protection: an OLE2 container holding the zip
        shutil.copy(ENCRYPTED, magazine_copy / ARTICLE)
    else:
        (magazine_copy / ARTICLE).write_bytes(OLE2 + bytes(4096))
    line = assert_refused(build(magazine_copy, out), out, good_build, names=(ARTICLE,),
                          fix="save it as an unprotected .docx")
    assert "password" in line


# --- bombs: refused before anything inflates, in little time and memory -----------------------


def assert_cheap(measured: Measured) -> None:
    assert measured.seconds < BOMB_SECONDS, f"took {measured.seconds:.1f} s"
    assert measured.megabytes < BOMB_MEGABYTES, f"peaked at {measured.megabytes:.0f} MB"


def test_a_zip_bomb_is_refused_before_it_is_inflated(magazine_copy, out, good_build):
    # word/document.xml with 64 MB of spaces in a comment: about 1000:1 in the zip
    comment = b"<!--" + b" " * (64 * 1024 * 1024) + b"-->"
    replace_part(magazine_copy / ARTICLE, "word/document.xml", lambda xml: after_declaration(xml, comment))
    with zipfile.ZipFile(magazine_copy / ARTICLE) as archive:
        part = archive.getinfo("word/document.xml")
        assert part.file_size / part.compress_size > 900
    measured = run_measured("build", "147", "--lang", "ky", "--root", str(magazine_copy), "--out", str(out))
    assert_cheap(measured)
    assert_refused(measured.result, out, good_build, names=(ARTICLE, "zip bomb"),
                   fix="ask the author for the file again")


def test_billion_laughs_xml_is_refused_without_expanding_it(magazine_copy, out, good_build):
    # ten levels of ten: a milliard "lol"s from 1 KB, were the entities ever expanded
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">' for level in range(1, 10))

    def laughs(xml: bytes) -> bytes:
        xml = after_declaration(xml, f"<!DOCTYPE w:document [{entities}]>".encode())
        start = xml.index(b"<w:t")
        end = xml.index(b">", start) + 1
        return xml[:end] + b"&lol9;" + xml[end:]

    replace_part(magazine_copy / ARTICLE, "word/document.xml", laughs)
    measured = run_measured("build", "147", "--lang", "ky", "--root", str(magazine_copy), "--out", str(out))
    assert_cheap(measured)
    assert_refused(measured.result, out, good_build, names=(ARTICLE,),
                   fix="ask the author for the file again")


def bomb_png(width: int, height: int) -> bytes:
    """A valid 1-bit PNG of width × height white pixels: tens of kilobytes on disk."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\0" + b"\xff" * ((width + 7) // 8)
    packer = zlib.compressobj(9)
    pixels = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


@pytest.mark.parametrize("side", [
    10_000,  # 100 megapixels: under Pillow's own bomb limit (179), which would decode it
    40_000,  # 1600 megapixels: Pillow refuses it itself
])
def test_a_picture_declaring_gigapixels_is_refused_before_it_is_decoded(magazine_copy, out, good_build,
                                                                        tmp_path, side):
    import docx
    from docx.shared import Mm

    picture = tmp_path / "bomb.png"
    picture.write_bytes(bomb_png(side, side))
    assert picture.stat().st_size < 300_000
    document = docx.Document(str(magazine_copy / ARTICLE))
    document.add_picture(str(picture), width=Mm(60))
    document.save(str(magazine_copy / ARTICLE))
    measured = run_measured("build", "147", "--lang", "ky", "--root", str(magazine_copy), "--out", str(out))
    assert_cheap(measured)
    line = assert_refused(measured.result, out, good_build,
                          names=(ARTICLE, "«03-participatory-budget»",
                                 f"{side} × {side} pixels", "decompression bomb"),
                          fix="scale the picture down below 60 megapixels")
    assert "the picture image" in line and ".png" in line  # the picture, by its name in the document


def test_the_layout_never_decodes_a_picture_too_large_to_set(monkeypatch):
    """A picture that reaches the layout some other way than the reader is still never
    decoded: one error naming it, and a frame in its place."""
    from PIL import ImageFile

    from munpress.assemble import front_matter
    from munpress.diagnostics import Sink
    from munpress.layout import layout_edition
    from munpress.manifest import load_manifest
    from munpress.model.edition import Edition, Entry, Rubric
    from munpress.model.nodes import ImageData, InlineImage, Paragraph, Text

    decoded: list[tuple[int, int]] = []
    load = ImageFile.ImageFile.load
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda image: decoded.append(image.size) or load(image))
    manifest = load_manifest(REPO, "147", check_files=False)
    bomb = ImageData("bomb.png", "image/png", bomb_png(10_000, 10_000), 170.0, 170.0)
    blocks = (Paragraph((Text("Сүрөт:"),)), Paragraph((InlineImage(bomb),)))
    entry = Entry("probe", "article", (Text("Сынак"),), blocks, "probe.docx")
    edition = Edition("ky", "probe", 147, front_matter(manifest.magazine, manifest, "ky"),
                      (Rubric("РУБРИКА", (entry,)),))
    sink = Sink()
    started = time.monotonic()
    layout_edition(edition, manifest.magazine.layout, REPO / "fonts", sink)
    assert time.monotonic() - started < 5
    assert all(w * h <= 60_000_000 for w, h in decoded), decoded
    [error] = [d for d in sink.errors if d.code == "layout.unsupported-image"]
    assert error.article == "probe" and error.file == "bomb.png" and "10000 × 10000" in error.message
    assert "megapixels" in error.hints[0]


# --- fonts ----------------------------------------------------------------------------------------


def packaged_pt_serif() -> Path:
    import fontpkg

    return Path(fontpkg.path("PT Serif", 400, "normal", nearest=True))


def with_table_wiped(tag: str):
    """The real PT Serif with one table's bytes all 0xFF: it opens, and breaks later."""
    def damage(target: Path) -> None:
        from reportlab.pdfbase.ttfonts import TTFontFile

        source = packaged_pt_serif()
        table = TTFontFile(str(source), validate=0).table[tag]
        data = bytearray(source.read_bytes())
        data[table["offset"]:table["offset"] + table["length"]] = b"\xff" * table["length"]
        target.write_bytes(bytes(data))
    return damage


@pytest.mark.parametrize("damage", [
    pytest.param(lambda target: target.write_bytes(b"\x00\x01\x00\x00" + b"garbage " * 512), id="garbage"),
    pytest.param(lambda target: target.write_bytes(packaged_pt_serif().read_bytes()[:2000]), id="truncated"),
    pytest.param(with_table_wiped("loca"), id="glyph-index-wiped"),  # used to crash the save: exit 70
    pytest.param(with_table_wiped("glyf"), id="glyphs-wiped"),  # used to crash the save: exit 70
    pytest.param(with_table_wiped("hmtx"), id="widths-wiped"),  # used to fail as overset, naming no font
])
def test_a_corrupt_font_in_the_magazine_fonts_folder_names_itself(magazine_copy, out, good_build, damage):
    (magazine_copy / "fonts").mkdir()
    damage(magazine_copy / "fonts/PTSerif-Regular.ttf")  # fonts/ is searched before the packaged fonts
    line = assert_refused(build(magazine_copy, out), out, good_build, names=("fonts/PTSerif-Regular.ttf",),
                          fix="replace the file with a valid TrueType font or remove it")
    assert "cannot read font" in line


# --- writing ----------------------------------------------------------------------------------------


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder anyway")
def test_an_output_folder_that_is_not_writable(magazine_copy, out, good_build):
    out.chmod(0o500)
    try:
        result = build(magazine_copy, out)
    finally:
        out.chmod(0o700)
    assert_refused(result, out, good_build, names=(str(out / PDFS[0]),),
                   fix="fix its permissions, or choose another folder with --out")


def test_an_output_folder_under_a_file_is_refused(magazine_copy, tmp_path, out, good_build):
    # what a read-only folder does for root too: the folder cannot be made
    notes = tmp_path / "notes.txt"
    notes.write_text("a file, not a folder", "utf-8")
    result = build(magazine_copy, notes / "pdfs")
    assert_refused(result, out, good_build, names=(str(notes / "pdfs" / PDFS[0]),), fix="give --out a folder")
    assert notes.read_text("utf-8") == "a file, not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["magazine", "notes.txt", "out"]


class FillingDisk:
    """Stands in for `os` inside munpress.output: the disk fills up halfway through the
    `failing`-th file written (1 is the print PDF, 2 the screen PDF)."""

    def __init__(self, failing: int, code: int = errno.ENOSPC) -> None:
        self.failing, self.code, self.opened = failing, code, 0

    def __getattr__(self, name: str):
        return getattr(os, name)

    def fdopen(self, fd, *args, **kwargs):
        stream = os.fdopen(fd, *args, **kwargs)
        self.opened += 1
        return FullStream(stream, self.code) if self.opened == self.failing else stream


class FullStream:
    def __init__(self, stream, code: int) -> None:
        self.stream, self.code = stream, code

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.stream.close()

    def __getattr__(self, name: str):
        return getattr(self.stream, name)

    def write(self, data: bytes) -> int:
        self.stream.write(data[: len(data) // 2])
        self.stream.flush()
        raise OSError(self.code, os.strerror(self.code))


@pytest.mark.parametrize("failing", [
    pytest.param(1, id="first-pdf"),
    pytest.param(2, id="second-pdf", marks=pytest.mark.slow),
])
def test_a_full_disk_while_writing_keeps_the_last_good_pdfs(magazine_copy, out, good_build, monkeypatch,
                                                            capsys, failing):
    import munpress.output
    from munpress import cli

    monkeypatch.setattr(munpress.output, "os", FillingDisk(failing))
    monkeypatch.setattr(sys, "argv", ["munpress", "build", "147", "--lang", "ky", "--root", str(magazine_copy),
                                      "--out", str(out)])
    with pytest.raises(SystemExit) as exit:
        cli.main()
    captured = capsys.readouterr()
    line = captured.err.strip()
    assert exit.value.code == 2 and "Traceback" not in captured.err, captured.err
    assert len(line.splitlines()) == 1, captured.err
    assert f"{out / PDFS[failing - 1]}: cannot write the PDF: No space left on device" in line
    assert "the disk is full: free some space" in line
    try:
        assert_nothing_lost(out, good_build)  # no .part either
    except AssertionError as lost:
        if any(p.name.endswith(".part") for p in out.iterdir()):
            raise
        raise MissingFix(f"a last good PDF was replaced: {lost}") from None


@pytest.mark.parametrize(("code", "fix"), [
    (errno.ENOSPC, "the disk is full"),
    (errno.EACCES, "fix its permissions"),
    (errno.EROFS, "the disk is read-only"),
])
def test_write_pdfs_turns_an_os_error_into_one_line_and_leaves_no_part_file(tmp_path, monkeypatch, code, fix):
    import munpress.output
    from munpress.diagnostics import InputError

    old = {tmp_path / "a.pdf": b"old a", tmp_path / "b.pdf": b"old b"}
    for path, data in old.items():
        path.write_bytes(data)
    monkeypatch.setattr(munpress.output, "os", FillingDisk(2, code))
    with pytest.raises(InputError) as caught:
        munpress.output.write_pdfs({path: b"new" for path in old})
    line = caught.value.one_line()
    assert line.startswith(f"{tmp_path / 'b.pdf'}: cannot write the PDF: {os.strerror(code)}") and fix in line
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {"a.pdf": b"old a", "b.pdf": b"old b"}


@pytest.mark.slow
def test_two_builds_of_the_same_issue_at_once_both_write_whole_pdfs(magazine_copy, out, good_build):
    command = [sys.executable, "-m", "munpress", "build", "147", "--lang", "ky", "--root", str(magazine_copy),
               "--out", str(out)]
    builds = [subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for _ in range(2)]
    for child in builds:
        _, stderr = child.communicate(timeout=120)
        assert child.returncode == 0 and "Traceback" not in stderr, stderr
    assert fingerprint(out) == {name: hashlib.sha256(data).hexdigest()[:16] for name, data in good_build.items()}
    for name, data in good_build.items():
        assert len(PdfReader(out / name).pages) == len(PdfReader(BytesIO(data)).pages) > 20


def test_a_ctrl_c_that_something_swallowed_still_keeps_the_old_pdfs(tmp_path):
    from munpress.output import interrupts_remembered, write_pdfs

    old = {tmp_path / "a.pdf": b"old a", tmp_path / "b.pdf": b"old b"}
    for path, data in old.items():
        path.write_bytes(data)
    with interrupts_remembered():
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)  # the handler raises here
        except KeyboardInterrupt:
            pass  # what ReportLab's bare `except:` does to it
        with pytest.raises(KeyboardInterrupt):
            write_pdfs({path: b"new" for path in old})
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {"a.pdf": b"old a", "b.pdf": b"old b"}
    write_pdfs({path: b"new" for path in old})  # the command is over: forgotten
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {"a.pdf": b"new", "b.pdf": b"new"}


def test_a_ctrl_c_while_the_pdfs_are_renamed_into_place_comes_too_late(tmp_path, monkeypatch):
    import munpress.output
    from munpress.output import interrupts_remembered, write_pdfs

    class InterruptedRename:
        def __getattr__(self, name: str):
            return getattr(os, name)

        def replace(self, source, target):
            os.replace(source, target)
            os.kill(os.getpid(), signal.SIGINT)  # after the first file, before the second

    monkeypatch.setattr(munpress.output, "os", InterruptedRename())
    with interrupts_remembered():
        write_pdfs({tmp_path / "a.pdf": b"new a", tmp_path / "b.pdf": b"new b"})
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {"a.pdf": b"new a", "b.pdf": b"new b"}


def wait_until_building(child: subprocess.Popen, timeout: float = 20) -> None:
    """Until the command has imported its pipeline (lxml is loaded for the first manuscript),
    so Ctrl-C lands in the build itself and not in Python's start-up."""
    maps = Path(f"/proc/{child.pid}/maps")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and child.poll() is None:
        if not maps.exists():  # no /proc: give start-up a generous second
            time.sleep(1.5)
            return
        if "lxml" in maps.read_text(errors="replace"):
            time.sleep(0.7)  # reading the manuscripts, or laying out (a build takes about 3 s)
            return
        time.sleep(0.05)


def test_ctrl_c_during_a_build_changes_no_file(magazine_copy, out, good_build):
    child = subprocess.Popen([sys.executable, "-m", "munpress", "build", "147", "--lang", "ky", "--root",
                              str(magazine_copy), "--out", str(out)],
                             cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_until_building(child)
    assert child.poll() is None, "the build ended before it could be interrupted"
    child.send_signal(signal.SIGINT)
    stdout, stderr = child.communicate(timeout=60)
    assert "Traceback" not in stderr, stderr
    assert not [p.name for p in out.iterdir() if p.name.endswith(".part")]
    try:
        assert (child.returncode, stdout, stderr.strip()) == (130, "", "interrupted; no file was changed")
        assert_nothing_lost(out, good_build)
    except AssertionError as failure:
        raise MissingFix(str(failure)) from None
