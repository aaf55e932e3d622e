"""Word habits the reader used to mishandle (issue 12): a whole article in a one-cell table, a
table inside a content control inside a paragraph, text composed as typed on a Mac, and
invisible characters from the web."""

from __future__ import annotations

import pytest

from munpress.diagnostics import Sink
from munpress.model.nodes import Heading, Paragraph, Table
from tests.readers.docx_builder import Manuscript, paragraph, read, texts

TEXT = "Жители сами выбрали проекты, и каждый мог проверить, как потрачены деньги бюджета. " * 6


def _one_cell(inner: str) -> str:
    return f"<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc>{inner}</w:tc></w:tr></w:tbl>"


def test_an_article_in_a_one_cell_table_is_read_as_running_text(tmp_path):
    inner = paragraph("Раздел", "Heading1") + "".join(paragraph(TEXT) for _ in range(8))
    sink = Sink()
    document = read(Manuscript().body(paragraph("Статья", "Title") + _one_cell(inner)).save(tmp_path), sink)
    assert not any(isinstance(block, Table) for block in document.blocks)
    assert [type(block) for block in document.blocks][1:3] == [Heading, Paragraph]  # the cell's heading and text
    assert len(document.blocks) == 10
    assert [d.code for d in sink.items] == ["docx.layout-table"]


def test_a_short_framed_note_in_a_one_cell_table_stays_a_table(tmp_path):
    document = read(Manuscript().body(paragraph("Текст.") + _one_cell(paragraph("Важно: приём до 1 марта."))).save(tmp_path))
    assert isinstance(document.blocks[-1], Table)


def test_a_table_inside_a_content_control_inside_a_paragraph_is_kept(tmp_path):
    control = (f"<w:p><w:sdt><w:sdtContent>"
               f"{_one_cell(paragraph('Слово в таблице'))}</w:sdtContent></w:sdt></w:p>")
    document = read(Manuscript().body(paragraph("Первый абзац.") + control + paragraph("Последний абзац.")).save(tmp_path))
    assert texts(document) == ["Первый абзац.", "Слово в таблице", "Последний абзац."]
    assert isinstance(document.blocks[1], Table)


@pytest.mark.parametrize(("typed", "read_as"), [
    ("Мои\u0306 посе\u0308лок", "Мой посёлок"),  # a Mac's decomposed й and ё
    ("муници\u200bпалитет\ufeff", "муниципалитет"),  # web copy-paste
    ("Бии\u0306ик\u2060тоо", "Бийиктоо"),
])
def test_text_is_read_composed_and_without_invisible_characters(tmp_path, typed, read_as):
    assert texts(read(Manuscript().body(paragraph(typed)).save(tmp_path))) == [read_as]
