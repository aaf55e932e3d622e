"""The .docx reader: a Word manuscript → `model.Document`.

package.py opens the file safely; stylemap.py and lists.py resolve styles and numbering;
blocks.py, tables.py, inlines.py and images.py walk the XML; notes.py adds the footnotes.
"""

from __future__ import annotations

from pathlib import Path

from munpress.diagnostics import InputError, Sink
from munpress.i18n import _, _n
from munpress.model.nodes import Block, Document, block_text
from munpress.readers.docx import ooxml
from munpress.readers.docx.blocks import BlockReader
from munpress.readers.docx.context import ReadContext
from munpress.readers.docx.lists import ListCounter, Numbering
from munpress.readers.docx.notes import read_notes
from munpress.readers.docx.package import open_package
from munpress.readers.docx.stylemap import StyleSheet, role_table

__all__ = ["read_docx"]


def read_docx(
    path: Path, *, lang: str | None, sink: Sink, extra_styles: tuple[tuple[str, str], ...] = (),
    article: str | None = None,
) -> Document:
    package = open_package(path, sink=sink, article=article)
    styles = StyleSheet(package.styles, role_table(extra_styles))
    context = ReadContext(
        file_name=package.file_name,
        sink=sink,
        article=article,
        styles=styles,
        lists=ListCounter(Numbering(package.numbering, styles)),
        part=package.document_part,
    )
    reader = BlockReader(context)
    try:
        blocks: list[Block] = []
        for body in ooxml.children(package.document, "w:body"):  # broken files have several
            blocks.extend(reader.read_container(body))
        blocks.extend(read_notes(package, reader))
    except RecursionError:
        raise InputError(
            _("{file} is nested too deeply to read (damaged file?); save it again as .docx", file=package.file_name),
            article=article, code="docx.unreadable",
        ) from None
    _refuse_pasted_data(blocks, package.file_name, article)
    if context.contents_paragraphs:
        sink.warning(
            "docx.word-contents",
            _n("{file}: Word's own table of contents ({count} line, with Word's page numbers) is left out; "
               "the issue's contents is made from the manifest (delete it from the manuscript to silence this)",
               "{file}: Word's own table of contents ({count} lines, with Word's page numbers) is left out; "
               "the issue's contents is made from the manifest (delete it from the manuscript to silence this)",
               context.contents_paragraphs, file=package.file_name),
            file=package.file_name, article=article)
    return Document(tuple(blocks), source=package.file_name, lang=lang, review_marks=context.review.freeze(),
                    sha256=package.sha256)


# Longer than any word or web address, and than ten columns of text: data pasted by mistake
# (base64, a log). Setting it costs time in proportion; refusing it costs the editor a look.
LONGEST_UNBROKEN = 20_000


def _refuse_pasted_data(blocks: list[Block], file_name: str, article: str | None) -> None:
    for block in blocks:
        text = block_text(block)
        if len(text) <= LONGEST_UNBROKEN:
            continue
        longest = max(text.split(), key=len, default="")
        if len(longest) > LONGEST_UNBROKEN:
            source = getattr(block, "source", None)
            where = source.describe() if source else file_name
            raise InputError(
                _n("{where} holds {count:,} character without a space («{start}…»): pasted data, not text",
                   "{where} holds {count:,} characters without a space («{start}…»): pasted data, not text",
                   len(longest), where=where, start=longest[:24]),
                article=article, code="docx.unbroken-text",
                hint=_("remove it, or break it into lines, and save the manuscript again"))
