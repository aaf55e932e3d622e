"""Imported content (w:altChunk): a .docx embedded whole is read as the text it is.

Word shows an embedded document in place, in its own styles and numbering; so it is read
with a context of its own (styles, lists, fields) that shares the outer read's sink, review
marks, paragraph count and note numbers. HTML, RTF and other formats are not read: a warning
says so.
"""

from __future__ import annotations

from dataclasses import replace

from docx.opc.part import Part

from munpress.diagnostics import InputError
from munpress.i18n import _
from munpress.model.nodes import Block
from munpress.readers.docx import ooxml
from munpress.readers.docx.context import ReadContext
from munpress.readers.docx.fields import FieldStack
from munpress.readers.docx.lists import ListCounter, Numbering
from munpress.readers.docx.package import ZIP_MAGICS, open_bytes
from munpress.readers.docx.stylemap import StyleSheet

# Word nests at most what a person nests by hand; a deeper chain is a crafted or looping file.
MAX_CHUNK_DEPTH = 4


def imported_part(context: ReadContext, chunk: ooxml.Element) -> Part | None:
    relationship_id = ooxml.attribute(chunk, "r:id")
    relationship = context.part.rels.get(relationship_id) if relationship_id else None
    if relationship is None or relationship.is_external:
        return None
    return relationship.target_part


def is_embedded_docx(part: Part | None) -> bool:
    return part is not None and part.blob[:4] in ZIP_MAGICS


def read_embedded_docx(reader_class: type, context: ReadContext, part: Part) -> list[Block]:
    """The blocks of an embedded .docx, read in place with its own styles and numbering."""
    if context.chunk_depth >= MAX_CHUNK_DEPTH:
        raise InputError(
            _("{file} embeds documents {depth} deep (altChunk); open it in Word and save it again as .docx",
              file=context.file_name, depth=MAX_CHUNK_DEPTH + 1),
            article=context.article, code="docx.unreadable")
    name = f"{context.file_name} ({part.partname.lstrip('/')})"
    try:
        package = open_bytes(part.blob, name, sink=context.sink, article=context.article)
    except InputError as error:
        raise InputError(_("{file}: the document embedded in it is unusable: {reason}",
                           file=context.file_name, reason=error.message),
                         article=context.article, code="docx.unreadable") from None
    prefix = f"{len(context.chunks) + 1}:"
    context.chunks[prefix] = package
    styles = StyleSheet(package.styles, context.styles.roles)
    inner = replace(
        context, styles=styles, lists=ListCounter(Numbering(package.numbering, styles)),
        part=package.document_part, fields=FieldStack(), note_prefix=prefix,
        chunk_depth=context.chunk_depth + 1, fixed_paragraph=None,
    )
    blocks: list[Block] = []
    reader = reader_class(inner)
    for body in ooxml.children(package.document, "w:body"):
        blocks.extend(reader.read_container(body))
    context.paragraph_count = inner.paragraph_count
    context.contents_paragraphs = inner.contents_paragraphs
    return blocks
