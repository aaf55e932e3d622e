"""Run content as Word shows it, with tracked changes accepted and nothing silently lost."""

from __future__ import annotations

from pathlib import Path

from munpress.diagnostics import Sink
from munpress.model.nodes import Block, LineBreak, PageBreak, Paragraph, Text
from tests.readers.docx_builder import Manuscript, read


def run(text: str, properties: str = "") -> str:
    return f'<w:r><w:rPr>{properties}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def only_paragraph(tmp_path: Path, content: str, manuscript: Manuscript | None = None) -> Paragraph:
    path = (manuscript or Manuscript()).body(f"<w:p>{content}</w:p>").save(tmp_path)
    [block] = read(path).blocks
    assert isinstance(block, Paragraph)
    return block


def text_of(block: Block) -> str:
    return "".join(node.text for node in block.inlines if isinstance(node, Text))


def test_adjacent_runs_with_the_same_marks_are_merged(tmp_path: Path) -> None:
    block = only_paragraph(tmp_path, run("Жаңы ") + run("жыл", "<w:b/>") + run(" менен", "<w:b/>") + run("!"))
    assert block.inlines == (
        Text("Жаңы "), Text("жыл менен", frozenset({"bold"})), Text("!"),
    )


def test_italic_underline_and_superscript_become_marks(tmp_path: Path) -> None:
    content = (run("a", "<w:i/>") + run("b", '<w:u w:val="single"/>') + run("c", '<w:u w:val="none"/>')
               + run("2", '<w:vertAlign w:val="superscript"/>') + run("d", "<w:strike/>"))
    block = only_paragraph(tmp_path, content)
    assert [sorted(node.marks) for node in block.inlines] == [
        ["italic"], ["underline"], [], ["superscript"], ["strike"],
    ]


def test_marks_come_from_character_and_paragraph_styles_too(tmp_path: Path) -> None:
    styles = ('<w:style w:type="character" w:styleId="Em"><w:name w:val="Курсив"/><w:rPr><w:i/></w:rPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="Loud"><w:name w:val="Loud"/><w:basedOn w:val="Normal"/>'
              "<w:rPr><w:b/></w:rPr></w:style>")
    content = '<w:pPr><w:pStyle w:val="Loud"/></w:pPr>' + run("ылдам", '<w:rStyle w:val="Em"/>')
    block = only_paragraph(tmp_path, content, Manuscript().style(styles))
    assert block.inlines == (Text("ылдам", frozenset({"bold", "italic"})),)


def test_direct_formatting_can_switch_a_style_mark_off(tmp_path: Path) -> None:
    styles = ('<w:style w:type="paragraph" w:styleId="Loud"><w:name w:val="Loud"/><w:basedOn w:val="Normal"/>'
              "<w:rPr><w:b/></w:rPr></w:style>")
    content = '<w:pPr><w:pStyle w:val="Loud"/></w:pPr>' + run("тынч", '<w:b w:val="0"/>')
    block = only_paragraph(tmp_path, content, Manuscript().style(styles))
    assert block.inlines == (Text("тынч"),)


def test_text_inside_tracked_insertion_is_kept(tmp_path: Path) -> None:
    content = run("Бул ") + '<w:ins w:id="1" w:author="Ред">' + run("жаңы ") + "</w:ins>" + run("текст")
    path = Manuscript().body(f"<w:p>{content}</w:p>").save(tmp_path)
    document = read(path)
    assert text_of(document.blocks[0]) == "Бул жаңы текст"
    assert document.review_marks.insertions == 1
    assert document.review_marks.change_places[0].paragraph == 1


def test_text_inside_tracked_deletion_is_dropped(tmp_path: Path) -> None:
    deleted = '<w:del w:id="2" w:author="Ред"><w:r><w:delText>эски </w:delText></w:r></w:del>'
    path = Manuscript().body(f"<w:p>{run('Бул ')}{deleted}{run('текст')}</w:p>").save(tmp_path)
    document = read(path)
    assert text_of(document.blocks[0]) == "Бул текст"
    assert document.review_marks.deletions == 1


def test_moved_text_appears_once_at_its_new_place(tmp_path: Path) -> None:
    body = ('<w:p><w:moveFrom w:id="3" w:author="Ред">' + run("көчкөн") + "</w:moveFrom>" + run("A") + "</w:p>"
            + "<w:p>" + run("B ") + '<w:moveTo w:id="4" w:author="Ред">' + run("көчкөн") + "</w:moveTo></w:p>")
    document = read(Manuscript().body(body).save(tmp_path))
    assert [text_of(block) for block in document.blocks] == ["A", "B көчкөн"]
    assert document.review_marks.moves == 1


def test_comments_are_counted_not_printed(tmp_path: Path) -> None:
    content = ('<w:commentRangeStart w:id="0"/>' + run("текст") + '<w:commentRangeEnd w:id="0"/>'
               '<w:r><w:commentReference w:id="0"/></w:r>')
    document = read(Manuscript().body(f"<w:p>{content}</w:p>").save(tmp_path))
    assert text_of(document.blocks[0]) == "текст"
    assert document.review_marks.comments == 1


def test_smart_tag_content_control_and_custom_xml_text_is_kept(tmp_path: Path) -> None:
    content = ('<w:smartTag w:uri="urn:x" w:element="place">' + run("Бишкек") + "</w:smartTag>"
               + "<w:sdt><w:sdtPr/><w:sdtContent>" + run(" шаары") + "</w:sdtContent></w:sdt>"
               + '<w:customXml w:element="x">' + run(" жана Ош") + "</w:customXml>")
    assert text_of(only_paragraph(tmp_path, content)) == "Бишкек шаары жана Ош"


def test_hyperlink_text_is_kept_with_its_external_address(tmp_path: Path) -> None:
    manuscript = Manuscript()
    relationship = manuscript.external_link("https://mun.kg/")
    content = run("Сайт: ") + f'<w:hyperlink r:id="{relationship}">' + run("mun.kg") + "</w:hyperlink>"
    block = only_paragraph(tmp_path, content, manuscript)
    assert block.inlines == (Text("Сайт: "), Text("mun.kg", link="https://mun.kg/"))


def test_simple_field_shows_its_displayed_result(tmp_path: Path) -> None:
    content = run("Бет ") + '<w:fldSimple w:instr=" PAGE ">' + run("7") + "</w:fldSimple>"
    assert text_of(only_paragraph(tmp_path, content)) == "Бет 7"


def test_complex_field_keeps_the_result_and_drops_the_instruction(tmp_path: Path) -> None:
    content = (run("Кара: ") + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
               '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://mun.kg/147" </w:instrText></w:r>'
               '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run("147-сан")
               + '<w:r><w:fldChar w:fldCharType="end"/></w:r>' + run("."))
    block = only_paragraph(tmp_path, content)
    assert block.inlines == (Text("Кара: "), Text("147-сан", link="https://mun.kg/147"), Text("."))


def test_a_field_without_its_end_does_not_swallow_the_next_paragraphs(tmp_path: Path) -> None:
    body = ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>FORMCHECKBOX</w:instrText></w:r></w:p>'
            + f"<w:p>{run('Кийинки абзац')}</w:p>")
    document = read(Manuscript().body(body).save(tmp_path))
    assert [text_of(block) for block in document.blocks] == ["Кийинки абзац"]


def test_soft_and_non_breaking_hyphens_are_kept_as_characters(tmp_path: Path) -> None:
    content = '<w:r><w:t>жерги</w:t><w:softHyphen/><w:t>ликтүү, 2024</w:t><w:noBreakHyphen/><w:t>ж.</w:t></w:r>'
    assert text_of(only_paragraph(tmp_path, content)) == "жерги\u00adликтүү, 2024\u2011ж."


def test_non_breaking_spaces_and_tabs_are_kept(tmp_path: Path) -> None:
    content = '<w:r><w:t xml:space="preserve">№\u00a05</w:t><w:tab/><w:t>бет</w:t></w:r>'
    assert text_of(only_paragraph(tmp_path, content)) == "№\u00a05\tбет"


def test_line_breaks_become_line_break_inlines(tmp_path: Path) -> None:
    content = "<w:r><w:t>Биринчи сап</w:t><w:br/><w:t>экинчи сап</w:t><w:cr/><w:t>үчүнчү</w:t></w:r>"
    block = only_paragraph(tmp_path, content)
    assert block.inlines == (Text("Биринчи сап"), LineBreak(), Text("экинчи сап"), LineBreak(), Text("үчүнчү"))


def test_a_page_break_becomes_a_block_after_its_paragraph(tmp_path: Path) -> None:
    body = '<w:p><w:r><w:t>Акыркы сап</w:t><w:br w:type="page"/></w:r></w:p>' + f"<w:p>{run('Жаңы бет')}</w:p>"
    document = read(Manuscript().body(body).save(tmp_path))
    assert [type(block) for block in document.blocks] == [Paragraph, PageBreak, Paragraph]


def test_hidden_text_is_left_out(tmp_path: Path) -> None:
    content = run("Көрүнөт") + run(" жашыруун", "<w:vanish/>")
    assert text_of(only_paragraph(tmp_path, content)) == "Көрүнөт"


def test_symbol_font_characters_become_plain_unicode(tmp_path: Path) -> None:
    content = ('<w:r><w:t xml:space="preserve">Температура 20</w:t><w:sym w:font="Symbol" w:char="F0B0"/>'
               '<w:t xml:space="preserve"> ± </w:t><w:sym w:font="Symbol" w:char="F061"/></w:r>')
    assert text_of(only_paragraph(tmp_path, content)) == "Температура 20° ± α"


def test_alternate_content_is_read_once(tmp_path: Path) -> None:
    content = ('<mc:AlternateContent><mc:Choice Requires="wps">' + run("жаңы түрү") + "</mc:Choice>"
               "<mc:Fallback>" + run("эски түрү") + "</mc:Fallback></mc:AlternateContent>")
    assert text_of(only_paragraph(tmp_path, content)) == "жаңы түрү"


def test_a_deleted_paragraph_mark_joins_the_paragraph_to_the_next(tmp_path: Path) -> None:
    body = ('<w:p><w:pPr><w:rPr><w:del w:id="5" w:author="Ред"/></w:rPr></w:pPr>' + run("Бир ") + "</w:p>"
            + f"<w:p>{run('абзац')}</w:p>")
    document = read(Manuscript().body(body).save(tmp_path))
    assert [text_of(block) for block in document.blocks] == ["Бир абзац"]


def test_an_unresolved_symbol_font_is_reported(tmp_path: Path) -> None:
    content = '<w:r><w:sym w:font="Webdings" w:char="F04A"/></w:r>'
    path = Manuscript().body(f"<w:p>{content}</w:p>").save(tmp_path)
    sink = Sink()
    read(path, sink)
    assert [warning.code for warning in sink.warnings] == ["docx.symbol-font"]
