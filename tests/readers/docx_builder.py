"""Small .docx files for reader tests: python-docx's blank document plus raw WordprocessingML.

Each test builds the one feature it is about: `Manuscript().body('<w:p>…</w:p>').save(tmp_path)`.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import docx
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from munpress.diagnostics import Sink
from munpress.model.nodes import Document, block_text
from munpress.readers import read_manuscript

NAMESPACE_DECLARATIONS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)


def parse_fragment(xml: str) -> list[etree._Element]:
    wrapper = etree.fromstring(f"<w:wrapper {NAMESPACE_DECLARATIONS}>{xml}</w:wrapper>")
    return list(wrapper)


def paragraph(text: str, style: str | None = None, properties: str = "") -> str:
    style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
    return f'<w:p><w:pPr>{style_xml}{properties}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def tiny_png() -> bytes:
    """A valid 1×1 white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


class Manuscript:
    """A blank Word document that tests fill with raw XML."""

    def __init__(self) -> None:
        self.document = docx.Document()
        self.part = self.document.part
        body = self.part.element.body
        for element in list(body):
            if not element.tag.endswith("}sectPr"):
                body.remove(element)

    def body(self, xml: str) -> "Manuscript":
        body = self.part.element.body
        section = body[-1] if len(body) and body[-1].tag.endswith("}sectPr") else None
        for element in parse_fragment(xml):
            if section is not None:
                section.addprevious(element)
            else:
                body.append(element)
        return self

    def style(self, xml: str) -> "Manuscript":
        styles = self.part.styles.element
        for element in parse_fragment(xml):
            styles.append(element)
        return self

    def numbering(self, xml: str) -> "Manuscript":
        numbering = self.part.numbering_part.element
        for element in list(numbering):
            numbering.remove(element)
        for element in parse_fragment(xml):
            numbering.append(element)
        return self

    def notes(self, kind: str, xml: str) -> "Manuscript":
        blob = f'<w:{kind}s {NAMESPACE_DECLARATIONS}>{xml}</w:{kind}s>'.encode()
        content_type = CONTENT_TYPE.WML_FOOTNOTES if kind == "footnote" else CONTENT_TYPE.WML_ENDNOTES
        relationship = RELATIONSHIP_TYPE.FOOTNOTES if kind == "footnote" else RELATIONSHIP_TYPE.ENDNOTES
        part = Part(PackURI(f"/word/{kind}s.xml"), content_type, blob, self.part.package)
        self.part.relate_to(part, relationship)
        return self

    def imported(self, blob: bytes, content_type: str, name: str = "afchunk1.docx") -> str:
        """Relate an altChunk part (an embedded document, HTML, RTF); returns its r:id."""
        part = Part(PackURI(f"/word/{name}"), content_type, blob, self.part.package)
        return self.part.relate_to(part, RELATIONSHIP_TYPE.A_F_CHUNK)

    def to_bytes(self) -> bytes:
        stream = io.BytesIO()
        self.document.save(stream)
        return stream.getvalue()

    def external_link(self, url: str) -> str:
        return self.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)

    def save(self, folder: Path, name: str = "case.docx") -> Path:
        path = folder / name
        self.document.save(str(path))
        return path


def read(path: Path, sink: Sink | None = None, **options: object) -> Document:
    return read_manuscript(path, lang="ky", sink=sink if sink is not None else Sink(), **options)  # type: ignore[arg-type]


def texts(document: Document) -> list[str]:
    return [block_text(block) for block in document.blocks]
