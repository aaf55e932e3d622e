"""Word habits the reader used to mishandle (issue 12): a whole article in a one-cell table, a
table inside a content control inside a paragraph, text composed as typed on a Mac, invisible
characters from the web, Word's own table of contents and documents embedded whole (altChunk)."""

from __future__ import annotations

import pytest

from munpress.diagnostics import Sink
from munpress.model.nodes import Heading, Paragraph, Table, block_text
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
    ("Айыл\u009b2J\u0085 өкмөтү", "Айыл2J өкмөтү"),  # C1 controls, which a terminal may obey
])
def test_text_is_read_composed_and_without_invisible_characters(tmp_path, typed, read_as):
    assert texts(read(Manuscript().body(paragraph(typed)).save(tmp_path))) == [read_as]


def _field(instruction: str) -> tuple[str, str]:
    begin = (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">{instruction}'
             '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>')
    return begin, '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


def _contents_line(text: str, page: int, style: str = "Normal", start: str = "", end: str = "") -> str:
    return (f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{start}<w:r><w:t>{text}</w:t></w:r>'
            f'<w:r><w:tab/></w:r><w:r><w:t>{page}</w:t></w:r>{end}</w:p>')


TOC_STYLES = ('<w:style w:type="paragraph" w:styleId="Oglavlenie1"><w:name w:val="toc 1"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="TOCHead"><w:name w:val="TOC Heading"/></w:style>')


@pytest.mark.parametrize("style", ["Normal", "Oglavlenie1"])
def test_words_own_table_of_contents_is_left_out_with_a_warning(tmp_path, style):
    begin, end = _field('TOC \\o "1-3" \\h \\z \\u')
    contents = (_contents_line("Введение", 2, style, start=begin) + _contents_line("Бюджет айыла", 5, style)
                + _contents_line("Итоги", 9, style, end=end))
    body = contents + paragraph("Введение", "Heading1") + paragraph("Текст статьи.")
    sink = Sink()
    document = read(Manuscript().style(TOC_STYLES).body(body).save(tmp_path), sink)
    assert texts(document) == ["Введение", "Текст статьи."]
    assert isinstance(document.blocks[0], Heading)  # the real first heading, not one promoted above the contents
    assert [(d.code, "3 lines" in d.message) for d in sink.items] == [("docx.word-contents", True)]


def test_a_contents_control_is_left_out_with_its_heading(tmp_path):
    begin, end = _field("TOC \\o")
    control = ('<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/>'
               f'</w:docPartObj></w:sdtPr><w:sdtContent>{paragraph("Мазмуну", "TOCHead")}'
               f'{_contents_line("Киришүү", 2, "Oglavlenie1", begin, end)}</w:sdtContent></w:sdt>')
    sink = Sink()
    document = read(Manuscript().style(TOC_STYLES).body(control + paragraph("Өз алдынча башкаруу")).save(tmp_path), sink)
    assert texts(document) == ["Өз алдынча башкаруу"]
    assert [d.code for d in sink.items] == ["docx.word-contents"]


def test_other_fields_still_show_their_result(tmp_path):
    begin, end = _field("PAGE")
    document = read(Manuscript().body(_contents_line("Бет", 4, start=begin, end=end)).save(tmp_path))
    assert texts(document) == ["Бет\t4"]


DOCX_CHUNK = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _embedding(inner: Manuscript, before: str = "Алды.", after: str = "Арты.") -> Manuscript:
    outer = Manuscript()
    chunk = outer.imported(inner.to_bytes(), DOCX_CHUNK)
    return outer.body(paragraph(before) + f'<w:altChunk r:id="{chunk}"/>' + paragraph(after))


def test_an_embedded_word_document_is_read_in_place(tmp_path):
    inner = Manuscript().body(paragraph("Айыл өкмөтү", "Heading1") + paragraph("Үй-бүлөлөр ңөөдө."))
    sink = Sink()
    document = read(_embedding(inner).save(tmp_path), sink)
    assert texts(document) == ["Алды.", "Айыл өкмөтү", "Үй-бүлөлөр ңөөдө.", "Арты."]
    assert isinstance(document.blocks[1], Heading)  # in the embedded document's own styles
    assert sink.items == []


def test_the_notes_of_an_embedded_document_are_numbered_with_the_text(tmp_path):
    reference = '<w:r><w:footnoteReference w:id="1"/></w:r>'
    note = '<w:footnote w:id="1"><w:p><w:r><w:t>Ички эскертүү.</w:t></w:r></w:p></w:footnote>'
    inner = Manuscript().body(f'<w:p><w:r><w:t>Ичинде</w:t></w:r>{reference}</w:p>').notes("footnote", note)
    outer = _embedding(inner, "Сыртта")
    outer.body(f'<w:p><w:r><w:t>Андан кийин</w:t></w:r>{reference}</w:p>')
    outer.notes("footnote", '<w:footnote w:id="1"><w:p><w:r><w:t>Сырткы эскертүү.</w:t></w:r></w:p></w:footnote>')
    document = read(outer.save(tmp_path))
    notes = [block for block in document.blocks if type(block).__name__ == "Note"]
    assert [(note.number, block_text(note.blocks[0])) for note in notes] == [
        (1, "Ички эскертүү."), (2, "Сырткы эскертүү.")]


def test_an_imported_html_chunk_is_not_read_and_says_so(tmp_path):
    outer = Manuscript()
    chunk = outer.imported(b"<html><body><p>Web text</p></body></html>", "text/html", "afchunk.htm")
    sink = Sink()
    document = read(outer.body(paragraph("Текст.") + f'<w:altChunk r:id="{chunk}"/>').save(tmp_path), sink)
    assert texts(document) == ["Текст."]
    assert [(d.code, "text/html" in d.message) for d in sink.items] == [("docx.imported-content", True)]


def test_documents_embedded_too_deep_are_refused_in_one_line(tmp_path):
    from munpress.diagnostics import InputError

    nested = Manuscript().body(paragraph("Эң ичинде."))
    for _ in range(5):
        nested = _embedding(nested)
    with pytest.raises(InputError, match="embeds documents 5 deep"):
        read(nested.save(tmp_path))
