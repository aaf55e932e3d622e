"""The canonical text form of a Document: deterministic, one line per block, nothing invisible."""

from __future__ import annotations

from munpress.model.dump import dump_document
from munpress.model.meta import SourceRef
from munpress.model.nodes import (
    Document,
    Heading,
    ImageData,
    InlineImage,
    LineBreak,
    ListItem,
    Note,
    NoteRef,
    PageBreak,
    Paragraph,
    ReviewMarks,
    Sidebar,
    Table,
    TableCell,
    TableRow,
    Text,
)


def test_dump_shows_block_types_roles_levels_and_labels() -> None:
    document = Document(
        blocks=(
            Heading(1, (Text("Жаңы жыл"),)),
            Paragraph((Text("Аталыш"),), role="title"),
            ListItem(1, "а)", True, (Text("пункт"),)),
            PageBreak(),
        ),
        source="a.docx",
        lang="ky",
    )
    assert dump_document(document) == (
        "Document source=a.docx lang=ky\n"
        "Heading level=1: Жаңы жыл\n"
        "Paragraph role=title: Аталыш\n"
        'ListItem level=1 label="а)" ordered: пункт\n'
        "PageBreak\n"
    )


def test_dump_shows_marks_links_and_invisible_characters() -> None:
    inlines = (
        Text("№\u00a05 жерги\u00adлик 2024\u2011ж.\t"),
        Text("калың", frozenset({"bold", "italic"})),
        LineBreak(),
        Text("сайт", link="https://mun.kg"),
        NoteRef(1),
        InlineImage(ImageData("a.png", "image/png", b"", 10, 20)),
    )
    line = dump_document(Document((Paragraph(inlines),), source="a.docx")).splitlines()[1]
    assert line == (
        "Paragraph role=body: №{nbsp}5 жерги{shy}лик 2024{nbhy}ж.{tab}[b][i]калың[/i][/b]{br}"
        "[link=https://mun.kg]сайт[/link]{footnote 1}{image a.png image/png 10x20pt}"
    )


def test_dump_indents_nested_blocks_and_shows_spans() -> None:
    table = Table((TableRow((TableCell((Paragraph((Text("x"),)),), colspan=2, rowspan=3),), header=True),))
    document = Document(
        blocks=(table, Sidebar((Paragraph((Text("кутуча"),)),)), Note(1, (Paragraph((Text("эскертүү"),)),))),
        source="a.docx",
        review_marks=ReviewMarks(insertions=2, change_places=(SourceRef("a.docx", 1),)),
    )
    assert dump_document(document).splitlines() == [
        "Document source=a.docx",
        "Review insertions=2 deletions=0 moves=0 comments=0",
        "Table",
        "  Row header",
        "    Cell colspan=2 rowspan=3",
        "      Paragraph role=body: x",
        "Sidebar",
        "  Paragraph role=body: кутуча",
        "Note footnote 1",
        "  Paragraph role=body: эскертүү",
    ]
