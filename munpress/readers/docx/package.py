"""Opening a .docx safely: sniff the bytes, check the zip, then let python-docx load it.

Every way a file can be unusable ends in one `InputError` with a one-line message that
names the file and says what to do; nothing python-docx, zipfile or lxml raises gets out.
The parts the reader needs are found through relationships, never by hard-coded names
(Word Online writes `word/document2.xml`, some tools rename it altogether).
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import urllib.parse
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part, PartFactory
from lxml import etree

from munpress.diagnostics import InputError, Sink
from munpress.i18n import _, _n
from munpress.readers.docx import ooxml

OLE2_MAGIC = b"\xd0\xcf\x11\xe0"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
MAX_FILE_BYTES = 200 * 1024 * 1024  # read whole into memory: the zip-bomb limit bounds it too
MAX_COMPRESSION_RATIO = 100
RATIO_CHECK_FROM_SIZE = 10 * 1024 * 1024
MAX_MEMBERS = 20_000
WORD_COMPRESSION = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})  # all OPC allows
ENCRYPTED_FLAG = 0x1
STRICT_RELATIONSHIP = b"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"


_PYTHON_DOCX_SELECTOR = PartFactory.part_class_selector  # python-docx's own: pictures as ImagePart


def keep_imported_parts_as_bytes(content_type: str, relationship_type: str) -> type[Part] | None:
    """An altChunk's part may be a whole .docx under the main document's content type; python-docx
    would parse that zip as XML and refuse the manuscript. Keep it as bytes for the reader."""
    if relationship_type == RT.A_F_CHUNK:
        return Part
    return _PYTHON_DOCX_SELECTOR(content_type, relationship_type) if _PYTHON_DOCX_SELECTOR else None


if PartFactory.part_class_selector is not keep_imported_parts_as_bytes:
    PartFactory.part_class_selector = keep_imported_parts_as_bytes


@dataclass(frozen=True)
class DocxPackage:
    """The parts of an opened manuscript the reader walks."""

    file_name: str
    sha256: str  # of the bytes read
    document_part: Part
    document: ooxml.Element
    styles: ooxml.Element | None
    numbering: ooxml.Element | None
    footnotes: "PartTree | None"
    endnotes: "PartTree | None"
    comments: ooxml.Element | None


@dataclass(frozen=True)
class PartTree:
    """A part python-docx keeps as bytes, parsed; `part` resolves its relationships."""

    part: Part
    root: ooxml.Element


def open_package(path: Path, *, sink: Sink, article: str | None = None) -> DocxPackage:
    """The file is read once, and everything after works on those bytes: a manuscript saved
    or deleted while a build runs cannot be half one version and half another, and the
    proof's hash is of the text that was set."""
    name = path.name
    try:
        data = read_once(path, name)
    except InputError as error:
        error.article = article
        raise
    return open_bytes(data, name, sink=sink, article=article)


def open_bytes(data: bytes, name: str, *, sink: Sink, article: str | None = None) -> DocxPackage:
    """A package already in memory: a manuscript's bytes, or a .docx embedded in one (altChunk)."""
    try:
        check_container(data, name)
        document = load_document(data, name)
    except InputError as error:
        error.article = article
        raise
    part = document.part
    return DocxPackage(
        file_name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        document_part=part,
        document=part.element,
        styles=related_element(part, RT.STYLES, name, sink, article),
        numbering=related_element(part, RT.NUMBERING, name, sink, article),
        footnotes=related_tree(part, RT.FOOTNOTES, name, sink, article),
        endnotes=related_tree(part, RT.ENDNOTES, name, sink, article),
        comments=related_element(part, RT.COMMENTS, name, sink, article),
    )


def read_once(path: Path, name: str) -> bytes:
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise refusal(_("{name} cannot be opened ({reason})", name=name, reason=error.strerror or error)) from None
    if len(data) > MAX_FILE_BYTES:
        raise refusal(_("{name} is larger than {limit} MB, more than any manuscript; "
                        "ask the author for the file again, saved from Word as .docx",
                        name=name, limit=MAX_FILE_BYTES // (1024 * 1024)))
    return data


def load_document(data: bytes, name: str) -> "docx.document.Document":
    try:
        return docx.Document(io.BytesIO(data))
    except KeyError as error:
        if "no item named" not in str(error):
            raise refusal(explain_open_failure(error, name)) from None
    except Exception as error:  # python-docx, zipfile and lxml raise many kinds
        raise refusal(explain_open_failure(error, name)) from None
    try:  # a relationship points at a part the zip lacks (say, a lost picture): drop it and retry
        return docx.Document(without_dangling_relationships(data))
    except Exception as error:
        raise refusal(explain_open_failure(error, name)) from None


def without_dangling_relationships(data: bytes) -> io.BytesIO:
    """An in-memory copy of the package whose relationships all lead to parts it holds."""
    repaired = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(repaired, "w", zipfile.ZIP_DEFLATED) as target:
        names = set(source.namelist())
        for item in source.infolist():
            if source.getinfo(item.filename) is not item:
                continue  # a name the zip holds twice: zipfile, and so python-docx, reads the last
            data = source.read(item)
            if item.filename.endswith(".rels"):
                data = drop_dangling(data, item.filename, names)
            target.writestr(item, data)
    repaired.seek(0)
    return repaired


def drop_dangling(data: bytes, rels_name: str, names: set[str]) -> bytes:
    root = ooxml.parse_part(data)
    base = posixpath.dirname(posixpath.dirname(rels_name))
    for relationship in list(root):
        target = relationship.get("Target") or ""
        if relationship.get("TargetMode") == "External" or not ooxml.is_element(relationship):
            continue
        if target.startswith("/"):
            resolved = target.lstrip("/")
        else:
            resolved = posixpath.normpath(posixpath.join(base, target))
        if urllib.parse.unquote(resolved) not in names and resolved not in names:
            root.remove(relationship)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def refusal(message: str) -> InputError:
    """`message` names the file and says what to do."""
    return InputError(message, code="docx.unreadable")


def not_readable(name: str) -> str:
    return _("{name} is not a readable .docx (damaged or not a Word file); open it in Word and save it as .docx",
             name=name)


def check_container(data: bytes, name: str) -> None:
    """Refuse what is not a sound, sane, transitional .docx zip before anything inflates it."""
    head = data[:8]
    if not head:
        raise refusal(_("{name} is empty (0 bytes); save the manuscript again as .docx", name=name))
    if head.startswith(OLE2_MAGIC):
        raise refusal(_("{name} is encrypted (password-protected) or an old Word .doc; "
                        "save it as an unprotected .docx", name=name))
    if head.startswith(b"%PDF"):
        raise refusal(_("{name} is a PDF, not a Word file; ask for the .docx, or open it in Word and save it as .docx",
                        name=name))
    if not head.startswith(ZIP_MAGICS):
        raise refusal(not_readable(name))
    check_zip(data, name)


def check_zip(data: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            check_sizes(members, name)
            check_packing(members, name)
            check_strict(archive, name)
    except InputError:
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, KeyError, NotImplementedError):
        # NotImplementedError: zip features Word never writes (a newer zip version, patched data)
        raise refusal(not_readable(name)) from None


def check_packing(members: list[zipfile.ZipInfo], name: str) -> None:
    """Every part stored or deflated, none encrypted: what Word writes, and all zipfile reads."""
    for member in members:
        if member.flag_bits & ENCRYPTED_FLAG:
            raise refusal(_("{name} has an encrypted part ({part}); save the manuscript again as an unprotected .docx",
                            name=name, part=part_name(member)))
        if member.compress_type not in WORD_COMPRESSION:
            raise refusal(_("{name} has a part ({part}) packed in a way Word never uses (damaged file?); "
                            "save it again as .docx", name=name, part=part_name(member)))


def part_name(member: zipfile.ZipInfo) -> str:
    """A member's name as a one-line message shows it (a damaged zip can name a part anything)."""
    shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in member.filename)
    return shown if len(shown) <= 60 else shown[:59] + "…"


def check_sizes(members: list[zipfile.ZipInfo], name: str) -> None:
    if len(members) > MAX_MEMBERS:
        raise refusal(_n("{name} holds {count} part; refusing it as a zip bomb; "
                         "ask the author for the file again, saved from Word as .docx",
                         "{name} holds {count} parts; refusing it as a zip bomb; "
                         "ask the author for the file again, saved from Word as .docx",
                         len(members), name=name))
    total = sum(member.file_size for member in members)
    if total > MAX_TOTAL_UNCOMPRESSED:
        megabytes = total // (1024 * 1024)
        raise refusal(_("{name} would unpack to {size} MB; refusing it as a zip bomb; "
                        "ask the author for the file again, saved from Word as .docx", name=name, size=megabytes))
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_CHECK_FROM_SIZE and ratio > MAX_COMPRESSION_RATIO:
            raise refusal(_("{name} has a part ({part}) compressed {ratio}:1; refusing it as a zip bomb; "
                            "ask the author for the file again, saved from Word as .docx",
                            name=name, part=part_name(member), ratio=format(ratio, ".0f")))


def check_strict(archive: zipfile.ZipFile, name: str) -> None:
    try:
        info = archive.getinfo("_rels/.rels")
    except KeyError:
        raise refusal(_("{name} contains no Word document (main document part missing)", name=name)) from None
    if info.file_size > 1024 * 1024:
        raise refusal(_("{name} is not a readable .docx (damaged or not a Word file)", name=name))
    if STRICT_RELATIONSHIP in archive.read(info):
        raise refusal(_("{name} is saved as Strict Open XML, which munpress does not read; "
                        "save it in Word as 'Word Document (*.docx)'", name=name))


def explain_open_failure(error: Exception, name: str) -> str:
    """The refusal of a file python-docx, zipfile or lxml could not open, naming `name`."""
    if isinstance(error, KeyError) or "not a Word file" in str(error):
        return _("{name} contains no Word document (main document part missing); save it again as .docx", name=name)
    detail = " ".join(str(error).split())[:120]
    kind = type(error).__name__
    if detail:
        return _("{name} is not a readable .docx (damaged or not a Word file: {kind}: {detail}); "
                 "ask the author for the file again, saved from Word as .docx", name=name, kind=kind, detail=detail)
    return _("{name} is not a readable .docx (damaged or not a Word file: {kind}); "
             "ask the author for the file again, saved from Word as .docx", name=name, kind=kind)


def related_part(part: Part, relationship_type: str) -> Part | None:
    for relationship in part.rels.values():
        if relationship.reltype == relationship_type and not relationship.is_external:
            return relationship.target_part
    return None


def related_element(
    part: Part, relationship_type: str, name: str, sink: Sink, article: str | None
) -> ooxml.Element | None:
    tree = related_tree(part, relationship_type, name, sink, article)
    return tree.root if tree is not None else None


def related_tree(
    part: Part, relationship_type: str, name: str, sink: Sink, article: str | None
) -> PartTree | None:
    target = related_part(part, relationship_type)
    if target is None:
        return None
    element = getattr(target, "element", None)
    if element is not None:
        return PartTree(target, element)
    try:
        return PartTree(target, ooxml.parse_part(target.blob))
    except Exception as error:  # a damaged secondary part costs its content, not the article
        sink.warning(
            "docx.damaged-part",
            _("{name}: part {part} could not be read ({kind}); its content is skipped",
              name=name, part=target.partname, kind=type(error).__name__),
            file=name,
            article=article,
        )
        return None
