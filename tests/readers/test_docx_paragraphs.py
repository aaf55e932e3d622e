"""Paragraph roles come from Word style names (English or Russian) and outline levels, never IDs."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from munpress.diagnostics import Sink
from munpress.model.meta import SourceRef
from munpress.model.nodes import Heading, Paragraph
from tests.readers.docx_builder import Manuscript, paragraph, read, texts


def russian_style(style_id: str, name: str, extra: str = "") -> str:
    return (f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="Normal"/>{extra}</w:style>')


def test_heading_is_found_by_its_english_style_name(tmp_path: Path) -> None:
    path = Manuscript().body(paragraph("Жаңы жыл", "Heading2")).save(tmp_path)
    [block] = read(path).blocks
    assert isinstance(block, Heading) and block.level == 2


def test_heading_is_found_by_its_russian_style_name_whatever_its_id(tmp_path: Path) -> None:
    manuscript = Manuscript().style(russian_style("1", "Заголовок 1"))
    path = manuscript.body(paragraph("Новый год", "1")).save(tmp_path)
    [block] = read(path).blocks
    assert isinstance(block, Heading) and block.level == 1


def test_style_ids_alone_never_make_a_heading(tmp_path: Path) -> None:
    manuscript = Manuscript().style(russian_style("Heading3x", "Ordinary text"))
    path = manuscript.body(paragraph("Жөн эле текст", "Heading3x")).save(tmp_path)
    [block] = read(path).blocks
    assert isinstance(block, Paragraph)


def test_lower_case_builtin_names_match_as_word_writes_them(tmp_path: Path) -> None:
    manuscript = Manuscript().style(russian_style("20", "heading 4"))
    path = manuscript.body(paragraph("Төртүнчү деңгээл", "20")).save(tmp_path)
    [block] = read(path).blocks
    assert isinstance(block, Heading) and block.level == 4


def test_heading_is_found_by_the_outline_level_of_the_paragraph(tmp_path: Path) -> None:
    path = Manuscript().body(paragraph("Бөлүм", None, '<w:outlineLvl w:val="1"/>')).save(tmp_path)
    [block] = read(path).blocks
    assert isinstance(block, Heading) and block.level == 2


def test_heading_is_found_by_the_outline_level_of_a_custom_style(tmp_path: Path) -> None:
    custom = '<w:style w:type="paragraph" w:styleId="x1"><w:name w:val="#ЗАГ1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
    path = Manuscript().style(custom).body(paragraph("Башкы", "x1")).save(tmp_path)
    [block] = read(path).blocks
    assert isinstance(block, Heading) and block.level == 1


def test_a_style_based_on_a_heading_takes_the_heading_role(tmp_path: Path) -> None:
    derived = ('<w:style w:type="paragraph" w:styleId="a7"><w:name w:val="Мой заголовок"/>'
               '<w:basedOn w:val="Heading3"/></w:style>')
    path = Manuscript().style(derived).body(paragraph("Туунду", "a7")).save(tmp_path)
    [block] = read(path).blocks
    assert isinstance(block, Heading) and block.level == 3


def test_title_quote_and_caption_styles_give_paragraph_roles(tmp_path: Path) -> None:
    manuscript = Manuscript().style(russian_style("a8", "Цитата"))
    body = paragraph("Аталыш", "Title") + paragraph("Цитата", "a8") + paragraph("Сүрөт 1", "Caption")
    path = manuscript.body(body).save(tmp_path)
    assert [block.role for block in read(path).blocks] == ["title", "quote", "caption"]


def test_an_unknown_style_warns_with_its_name_and_id_and_keeps_the_text(tmp_path: Path) -> None:
    strange = '<w:style w:type="paragraph" w:styleId="zz9"><w:name w:val="Бөтөн стиль"/></w:style>'
    path = Manuscript().style(strange).body(paragraph("Текст сакталат", "zz9")).save(tmp_path)
    sink = Sink()
    [block] = read(path, sink).blocks
    assert isinstance(block, Paragraph) and block.role == "body"
    assert texts(read(path)) == ["Текст сакталат"]
    [warning] = sink.warnings
    assert warning.code == "docx.unknown-style"
    assert "Бөтөн стиль" in warning.message and "zz9" in warning.message


def test_a_style_named_in_the_magazine_settings_gets_that_role(tmp_path: Path) -> None:
    strange = '<w:style w:type="paragraph" w:styleId="zz9"><w:name w:val="Автор"/></w:style>'
    path = Manuscript().style(strange).body(paragraph("Асан Үсөнов", "zz9")).save(tmp_path)
    sink = Sink()
    [block] = read(path, sink, extra_styles=(("Автор", "signature"),)).blocks
    assert block.role == "signature"
    assert not sink.warnings


def test_empty_paragraphs_are_dropped(tmp_path: Path) -> None:
    body = paragraph("Биринчи") + "<w:p/>" + paragraph("   ") + paragraph("\u00a0") + paragraph("Экинчи")
    path = Manuscript().body(body).save(tmp_path)
    assert texts(read(path)) == ["Биринчи", "Экинчи"]


def test_every_block_names_its_file_paragraph_and_a_snippet(tmp_path: Path) -> None:
    long_text = "Муниципалитет журналынын жаңы саны окурмандарга сунушталат"
    path = Manuscript().body(paragraph("Биринчи") + "<w:p/>" + paragraph(long_text)).save(tmp_path)
    document = read(path)
    assert document.source == "case.docx" and document.lang == "ky"
    first, second = (block.source for block in document.blocks)
    assert first == SourceRef("case.docx", 1, "Биринчи")
    assert second.paragraph == 3
    assert len(second.snippet) <= 40 and long_text.startswith(second.snippet.rstrip("…"))


def test_paragraphs_of_every_body_element_are_read(tmp_path: Path) -> None:
    manuscript = Manuscript().body(paragraph("Биринчи дене"))
    document_element = manuscript.part.element
    second_body = etree.SubElement(document_element, document_element.body.tag)
    second_body.append(etree.fromstring(
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:r><w:t>Экинчи дене</w:t></w:r></w:p>"))
    path = manuscript.save(tmp_path)
    assert texts(read(path)) == ["Биринчи дене", "Экинчи дене"]


def test_a_body_based_style_with_an_outline_level_is_a_heading(tmp_path: Path) -> None:
    custom = russian_style("x2", "Раздел - 1 ур", '<w:pPr><w:outlineLvl w:val="0"/></w:pPr>')
    path = Manuscript().style(custom).body(paragraph("Бөлүм", "x2")).save(tmp_path)
    [block] = read(path).blocks
    assert isinstance(block, Heading) and block.level == 1


def test_intense_quote_is_a_pull_quote_by_its_english_or_russian_name_or_a_style_based_on_it(tmp_path: Path) -> None:
    derived = ('<w:style w:type="paragraph" w:styleId="b1"><w:name w:val="Наша врезка"/>'
               '<w:basedOn w:val="IntenseQuote"/></w:style>')
    manuscript = Manuscript().style(russian_style("a9", "Выделенная цитата") + derived)
    body = (paragraph("Ишеним түтүктөрдөн да маанилүү.", "IntenseQuote") + paragraph("Вода дороже труб.", "a9")
            + paragraph("Врезка", "b1") + paragraph("Обычная цитата", "Quote"))
    path = manuscript.body(body).save(tmp_path)
    blocks = read(path).blocks
    assert [block.role for block in blocks] == ["pullquote", "pullquote", "pullquote", "quote"]
    assert texts(read(path))[0] == "Ишеним түтүктөрдөн да маанилүү."


def test_a_magazine_may_name_its_own_pull_quote_style(tmp_path: Path) -> None:
    strange = '<w:style w:type="paragraph" w:styleId="zz8"><w:name w:val="Врезка"/></w:style>'
    path = Manuscript().style(strange).body(paragraph("Шаар өлчөйт.", "zz8")).save(tmp_path)
    sink = Sink()
    [block] = read(path, sink, extra_styles=(("Врезка", "pullquote"),)).blocks
    assert block.role == "pullquote" and not sink.warnings
