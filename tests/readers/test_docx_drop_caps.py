"""A drop cap is a frame holding the first letters of the next paragraph: one word, not two paragraphs."""

from __future__ import annotations

from pathlib import Path

from munpress.model.nodes import Paragraph
from tests.readers.docx_builder import Manuscript, paragraph, read, texts

FRAME = '<w:framePr w:dropCap="{kind}" w:lines="3" w:wrap="around" w:vAnchor="text" w:hAnchor="text"/>'


def test_a_drop_cap_joins_the_paragraph_it_begins(tmp_path: Path) -> None:
    body = paragraph("Ж", properties=FRAME.format(kind="drop")) + paragraph("аңы жыл.") + paragraph("Экинчи.")
    document = read(Manuscript().body(body).save(tmp_path))
    assert texts(document) == ["Жаңы жыл.", "Экинчи."]
    assert all(isinstance(block, Paragraph) for block in document.blocks)


def test_a_drop_cap_in_the_margin_joins_too(tmp_path: Path) -> None:
    body = paragraph("Д", properties=FRAME.format(kind="margin")) + paragraph("ом.")
    assert texts(read(Manuscript().body(body).save(tmp_path))) == ["Дом."]


def test_a_drop_cap_set_by_the_paragraph_style_joins(tmp_path: Path) -> None:
    style = ('<w:style w:type="paragraph" w:styleId="Initial"><w:name w:val="Initial"/>'
             f'<w:basedOn w:val="Normal"/><w:pPr>{FRAME.format(kind="drop")}</w:pPr></w:style>')
    body = paragraph("Б", "Initial") + paragraph("ир.")
    assert texts(read(Manuscript().style(style).body(body).save(tmp_path))) == ["Бир."]


def test_an_ordinary_frame_or_no_drop_cap_stays_a_paragraph(tmp_path: Path) -> None:
    body = (paragraph("Рамка", properties='<w:framePr w:w="2000" w:wrap="around"/>')
            + paragraph("Х", properties=FRAME.format(kind="none")) + paragraph("ат."))
    assert texts(read(Manuscript().body(body).save(tmp_path))) == ["Рамка", "Х", "ат."]


def test_a_drop_cap_at_the_end_of_a_cell_is_kept(tmp_path: Path) -> None:
    cell = paragraph("Ы", properties=FRAME.format(kind="drop"))
    table = f"<w:tbl><w:tblGrid><w:gridCol w:w='2000'/></w:tblGrid><w:tr><w:tc>{cell}</w:tc></w:tr></w:tbl>"
    assert texts(read(Manuscript().body(table).save(tmp_path))) == ["Ы"]
