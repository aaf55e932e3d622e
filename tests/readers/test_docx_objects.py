"""Pictures, tables, text boxes and notes: everything besides running text."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from munpress.diagnostics import Sink
from munpress.model.nodes import (
    InlineImage,
    Note,
    NoteRef,
    Paragraph,
    Sidebar,
    Table,
    Text,
    block_text,
)
from tests.readers.docx_builder import Manuscript, paragraph, read, texts, tiny_png


def test_an_inline_picture_carries_its_bytes_type_and_size(tmp_path: Path) -> None:
    manuscript = Manuscript()
    manuscript.document.add_picture(io.BytesIO(tiny_png()), width=914400)  # one inch
    [block] = read(manuscript.save(tmp_path)).blocks
    [node] = block.inlines
    assert isinstance(node, InlineImage)
    assert node.image.content_type == "image/png"
    assert node.image.data == tiny_png()
    assert node.image.width_pt == 72.0 and node.image.height_pt == 72.0


def floating_picture(relationship_id: str, attribute: str = "r:embed") -> str:
    return (
        '<w:p><w:r><w:drawing><wp:anchor><wp:extent cx="1270000" cy="635000"/>'
        '<wp:docPr id="1" name="Сүрөт" descr="Шаар"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:blipFill><a:blip {attribute}="{relationship_id}"/></pic:blipFill></pic:pic>'
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>"
    )


def test_a_floating_picture_is_read_with_its_size_and_description(tmp_path: Path) -> None:
    manuscript = Manuscript()
    relationship_id, _ = manuscript.part.get_or_add_image(io.BytesIO(tiny_png()))
    [block] = read(manuscript.body(floating_picture(relationship_id)).save(tmp_path)).blocks
    [node] = block.inlines
    assert (node.image.width_pt, node.image.height_pt, node.image.description) == (100.0, 50.0, "Шаар")


def test_a_linked_picture_is_an_error_naming_the_article_not_a_crash(tmp_path: Path) -> None:
    manuscript = Manuscript()
    relationship_id = manuscript.part.relate_to(
        "file:///C:/photos/city.jpg", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image",
        is_external=True,
    )
    body = floating_picture(relationship_id, "r:link") + paragraph("Текст калат")
    sink = Sink()
    document = read(manuscript.body(body).save(tmp_path), sink, article="city-transport")
    assert texts(document) == ["Текст калат"]
    [error] = sink.errors
    assert error.code == "docx.missing-image"
    assert "city-transport" in error.message and error.article == "city-transport"


def test_a_vml_picture_is_read(tmp_path: Path) -> None:
    manuscript = Manuscript()
    relationship_id, _ = manuscript.part.get_or_add_image(io.BytesIO(tiny_png()))
    body = ('<w:p><w:r><w:pict><v:shape style="width:36pt;height:0.5in">'
            f'<v:imagedata r:id="{relationship_id}" o:title=""/></v:shape></w:pict></w:r></w:p>')
    [block] = read(manuscript.body(body).save(tmp_path)).blocks
    assert (block.inlines[0].image.width_pt, block.inlines[0].image.height_pt) == (36.0, 36.0)


def cell(text: str, properties: str = "") -> str:
    content = paragraph(text) if text else "<w:p/>"
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{content}</w:tc>"


def test_a_table_keeps_column_and_row_spans_and_header_rows(tmp_path: Path) -> None:
    body = (
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
        '<w:tr><w:trPr><w:tblHeader/></w:trPr>' + cell("Аймак", '<w:vMerge w:val="restart"/>')
        + cell("Жылдар", '<w:gridSpan w:val="2"/>') + "</w:tr>"
        "<w:tr>" + cell("", "<w:vMerge/>") + cell("2023") + cell("2024") + "</w:tr>"
        "<w:tr>" + cell("Чүй") + cell("12") + cell("15") + "</w:tr>"
        "</w:tbl>"
    )
    [table] = read(Manuscript().body(body).save(tmp_path)).blocks
    assert isinstance(table, Table)
    assert [row.header for row in table.rows] == [True, False, False]
    assert [[(c.colspan, c.rowspan) for c in row.cells] for row in table.rows] == [
        [(1, 2), (2, 1)], [(1, 1), (1, 1)], [(1, 1), (1, 1), (1, 1)],
    ]
    assert block_text(table) == "Аймак Жылдар 2023 2024 Чүй 12 15"
    assert table.source.paragraph == 1


def test_a_nested_table_stays_inside_its_cell(tmp_path: Path) -> None:
    inner = "<w:tbl><w:tr>" + cell("ички") + "</w:tr></w:tbl>"
    body = f"<w:tbl><w:tr><w:tc>{paragraph('сырткы')}{inner}<w:p/></w:tc></w:tr></w:tbl>"
    [table] = read(Manuscript().body(body).save(tmp_path)).blocks
    outer_cell = table.rows[0].cells[0]
    assert isinstance(outer_cell.blocks[0], Paragraph) and isinstance(outer_cell.blocks[1], Table)


def test_a_text_box_becomes_a_sidebar_after_its_anchor_paragraph(tmp_path: Path) -> None:
    box = (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        "<wps:wsp><wps:txbx><w:txbxContent>" + paragraph("Кутудагы текст") + "</w:txbxContent></wps:txbx>"
        "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>" + paragraph("Кутудагы текст")
        + "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    body = f"<w:p><w:r><w:t>Негизги текст</w:t></w:r>{box}</w:p>" + paragraph("Андан ары")
    blocks = read(Manuscript().body(body).save(tmp_path)).blocks
    assert [type(block) for block in blocks] == [Paragraph, Sidebar, Paragraph]
    assert texts_of_sidebar(blocks[1]) == ["Кутудагы текст"]
    assert blocks[1].source.paragraph == 1


def texts_of_sidebar(sidebar: Sidebar) -> list[str]:
    return [block_text(block) for block in sidebar.blocks]


def test_footnotes_become_numbered_note_refs_and_notes_at_the_end(tmp_path: Path) -> None:
    notes = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="7"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Булак: '
        "Улуттук статистика.</w:t></w:r></w:p></w:footnote>"
        '<w:footnote w:id="3"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>Экинчи.</w:t></w:r></w:p></w:footnote>'
    )
    body = ('<w:p><w:r><w:t>Калк</w:t></w:r><w:r><w:footnoteReference w:id="7"/></w:r>'
            '<w:r><w:t xml:space="preserve"> өстү</w:t></w:r><w:r><w:footnoteReference w:id="3"/></w:r></w:p>')
    document = read(Manuscript().notes("footnote", notes).body(body).save(tmp_path))
    paragraph_block, first, second = document.blocks
    assert paragraph_block.inlines == (Text("Калк"), NoteRef(1), Text(" өстү"), NoteRef(2))
    assert isinstance(first, Note) and (first.number, first.kind) == (1, "footnote")
    assert block_text(first) == "Булак: Улуттук статистика."
    assert block_text(second) == "Экинчи." and second.number == 2
    assert first.source.paragraph == 1


def test_endnotes_are_numbered_on_their_own(tmp_path: Path) -> None:
    notes = '<w:endnote w:id="2"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t>Аягы.</w:t></w:r></w:p></w:endnote>'
    body = '<w:p><w:r><w:t>Текст</w:t></w:r><w:r><w:endnoteReference w:id="2"/></w:r></w:p>'
    document = read(Manuscript().notes("endnote", notes).body(body).save(tmp_path))
    assert document.blocks[0].inlines[-1] == NoteRef(1, "endnote")
    assert document.blocks[1] == Note(1, document.blocks[1].blocks, "endnote", document.blocks[1].source)
    assert block_text(document.blocks[1]) == "Аягы."


def test_a_picture_missing_from_the_package_is_an_error_not_a_refusal(tmp_path: Path) -> None:
    manuscript = Manuscript()
    manuscript.document.add_picture(io.BytesIO(tiny_png()))
    whole = manuscript.body(paragraph("Сүрөттөн кийин")).save(tmp_path, "whole.docx")
    damaged = tmp_path / "damaged.docx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            if "/media/" not in item.filename:
                target.writestr(item, source.read(item))
    sink = Sink()
    document = read(damaged, sink, article="apricot-brand")
    assert texts(document) == ["Сүрөттөн кийин"]
    assert [error.code for error in sink.errors] == ["docx.missing-image"]
