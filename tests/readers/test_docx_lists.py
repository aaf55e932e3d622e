"""List labels as Word prints them, from numbering.xml: formats, nesting, restarts, styles."""

from __future__ import annotations

from pathlib import Path

import pytest

from munpress.model.nodes import Heading, ListItem, Paragraph
from munpress.readers.docx.numberformats import bullet_glyph, format_number
from tests.readers.docx_builder import Manuscript, read


def level(index: int, number_format: str, text: str, start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{index}"><w:start w:val="{start}"/><w:numFmt w:val="{number_format}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


def abstract(abstract_id: int, *levels: str, extra: str = "") -> str:
    return f'<w:abstractNum w:abstractNumId="{abstract_id}">{extra}{"".join(levels)}</w:abstractNum>'


def instance(number_id: int, abstract_id: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{number_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def item(text: str, number_id: int | None = None, index: int | None = None, style: str | None = None) -> str:
    numbering = ""
    if number_id is not None or index is not None:
        parts = f'<w:ilvl w:val="{index}"/>' if index is not None else ""
        parts += f'<w:numId w:val="{number_id}"/>' if number_id is not None else ""
        numbering = f"<w:numPr>{parts}</w:numPr>"
    style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
    return f"<w:p><w:pPr>{style_xml}{numbering}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"


def labels(path: Path) -> list[tuple[int, str]]:
    return [(block.level, block.label) if isinstance(block, ListItem) else (-1, "")
            for block in read(path).blocks]


DECIMAL_OUTLINE = abstract(
    1, level(0, "decimal", "%1."), level(1, "lowerLetter", "%2)"),
    level(2, "decimal", "%1.%2.%3.", extra="<w:isLgl/>"),  # legal numbering: every counter in digits
)


def test_bullets_print_as_plain_bullet_glyphs(tmp_path: Path) -> None:
    bullets = abstract(
        1,
        level(0, "bullet", "\uf0b7", extra='<w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr>'),
        level(1, "bullet", "o", extra='<w:rPr><w:rFonts w:ascii="Courier New"/></w:rPr>'),
        level(2, "bullet", "\uf0a7", extra='<w:rPr><w:rFonts w:ascii="Wingdings"/></w:rPr>'),
    )
    manuscript = Manuscript().numbering(bullets + instance(1, 1))
    path = manuscript.body(item("алма", 1, 0) + item("өрүк", 1, 1) + item("жаңгак", 1, 2)).save(tmp_path)
    blocks = read(path).blocks
    assert [(block.label, block.ordered) for block in blocks] == [("•", False), ("○", False), ("▪", False)]


def test_numbered_list_with_nesting_gives_word_labels(tmp_path: Path) -> None:
    manuscript = Manuscript().numbering(DECIMAL_OUTLINE + instance(1, 1))
    body = (item("бир", 1, 0) + item("а", 1, 1) + item("б", 1, 1) + item("эки", 1, 0)
            + item("а", 1, 1) + item("терең", 1, 2))
    assert labels(manuscript.body(body).save(tmp_path)) == [
        (0, "1."), (1, "a)"), (1, "b)"), (0, "2."), (1, "a)"), (2, "2.1.1."),
    ]


def test_lists_sharing_a_definition_continue_their_numbering(tmp_path: Path) -> None:
    manuscript = Manuscript().numbering(DECIMAL_OUTLINE + instance(1, 1) + instance(2, 1))
    body = item("бир", 1, 0) + item("эки", 1, 0) + "<w:p><w:r><w:t>текст</w:t></w:r></w:p>" + item("үч", 2, 0)
    assert labels(manuscript.body(body).save(tmp_path)) == [(0, "1."), (0, "2."), (-1, ""), (0, "3.")]


def test_start_override_restarts_the_list(tmp_path: Path) -> None:
    restart = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    manuscript = Manuscript().numbering(DECIMAL_OUTLINE + instance(1, 1) + instance(2, 1, restart))
    body = item("бир", 1, 0) + item("эки", 1, 0) + item("кайра бир", 2, 0) + item("кайра эки", 2, 0)
    assert labels(manuscript.body(body).save(tmp_path)) == [(0, "1."), (0, "2."), (0, "1."), (0, "2.")]


def test_start_override_can_begin_a_list_at_any_number(tmp_path: Path) -> None:
    jump = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="10"/></w:lvlOverride>'
    manuscript = Manuscript().numbering(DECIMAL_OUTLINE + instance(1, 1, jump))
    assert labels(manuscript.body(item("он", 1, 0) + item("он бир", 1, 0)).save(tmp_path)) == [
        (0, "10."), (0, "11."),
    ]


def test_level_start_value_is_honoured(tmp_path: Path) -> None:
    numbering = abstract(1, level(0, "upperRoman", "%1.", start=4)) + instance(1, 1)
    path = Manuscript().numbering(numbering).body(item("төрт", 1, 0) + item("беш", 1, 0)).save(tmp_path)
    assert labels(path) == [(0, "IV."), (0, "V.")]


def test_russian_letter_numbering_skips_the_letters_word_skips(tmp_path: Path) -> None:
    numbering = abstract(1, level(0, "russianLower", "%1)", start=9)) + instance(1, 1)
    path = Manuscript().numbering(numbering).body(item("и", 1, 0) + item("к", 1, 0)).save(tmp_path)
    assert labels(path) == [(0, "и)"), (0, "к)")]


def test_numbering_is_inherited_from_the_paragraph_style(tmp_path: Path) -> None:
    styles = ('<w:style w:type="paragraph" w:styleId="L1"><w:name w:val="Пункт"/><w:basedOn w:val="Normal"/>'
              '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="L2"><w:name w:val="Подпункт"/><w:basedOn w:val="L1"/>'
              '<w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>')
    manuscript = Manuscript().style(styles).numbering(DECIMAL_OUTLINE + instance(1, 1))
    body = item("бир", style="L1") + item("а", style="L2") + item("эки", style="L1")
    assert labels(manuscript.body(body).save(tmp_path)) == [(0, "1."), (1, "a)"), (0, "2.")]


def test_numbering_styles_are_followed_through_num_style_link(tmp_path: Path) -> None:
    styles = ('<w:style w:type="numbering" w:styleId="OurList"><w:name w:val="Our List"/>'
              '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>')
    definition = abstract(1, level(0, "decimal", "%1)"), extra='<w:styleLink w:val="OurList"/>')
    link = '<w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="OurList"/></w:abstractNum>'
    manuscript = Manuscript().style(styles).numbering(definition + link + instance(1, 1) + instance(2, 2))
    assert labels(manuscript.body(item("бир", 2, 0) + item("эки", 2, 0)).save(tmp_path)) == [
        (0, "1)"), (0, "2)"),
    ]


def test_num_id_zero_switches_a_style_numbering_off(tmp_path: Path) -> None:
    styles = ('<w:style w:type="paragraph" w:styleId="L1"><w:name w:val="Пункт"/><w:basedOn w:val="Normal"/>'
              '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>')
    manuscript = Manuscript().style(styles).numbering(DECIMAL_OUTLINE + instance(1, 1))
    path = manuscript.body(item("номерсиз", 0, style="L1")).save(tmp_path)
    [block] = read(path).blocks
    assert isinstance(block, Paragraph)


def test_a_higher_level_restarts_the_deeper_ones(tmp_path: Path) -> None:
    manuscript = Manuscript().numbering(DECIMAL_OUTLINE + instance(1, 1))
    body = item("1", 1, 0) + item("a", 1, 1) + item("b", 1, 1) + item("2", 1, 0) + item("a", 1, 1)
    assert [label for _, label in labels(manuscript.body(body).save(tmp_path))] == [
        "1.", "a)", "b)", "2.", "a)",
    ]


@pytest.mark.parametrize(
    ("number", "number_format", "expected"),
    [
        (1, "decimal", "1"), (14, "lowerRoman", "xiv"), (1999, "upperRoman", "MCMXCIX"),
        (3, "lowerLetter", "c"), (27, "upperLetter", "AA"), (1, "russianLower", "а"),
        (10, "russianUpper", "К"), (28, "russianLower", "я"), (29, "russianLower", "аа"),
        (5, "decimalZero", "05"), (3, "none", ""), (7, "ordinalText", "7"),
    ],
)
def test_counter_formats_match_word(number: int, number_format: str, expected: str) -> None:
    assert format_number(number, number_format) == expected


def test_private_use_bullets_from_symbol_fonts_become_real_glyphs() -> None:
    assert [bullet_glyph(text) for text in ("\uf0b7", "\uf0a7", "\uf0d8", "-", "\uf0e2", "✓")] == [
        "•", "▪", "▪", "–", "•", "✓",
    ]


def test_a_numbered_heading_stays_a_heading_and_keeps_its_number(tmp_path: Path) -> None:
    manuscript = Manuscript().numbering(DECIMAL_OUTLINE + instance(1, 1))
    path = manuscript.body(item("Киришүү", 1, 0, style="Heading1")).save(tmp_path)
    [block] = read(path).blocks
    assert isinstance(block, Heading) and block.level == 1
    assert block.inlines[0].text == "1. "


def test_a_list_style_without_numbering_still_gives_list_items(tmp_path: Path) -> None:
    styles = ('<w:style w:type="paragraph" w:styleId="M"><w:name w:val="Маркированный список"/>'
              '<w:basedOn w:val="Normal"/></w:style>')
    path = Manuscript().style(styles).body(item("пункт", style="M")).save(tmp_path)
    [block] = read(path).blocks
    assert isinstance(block, ListItem) and (block.level, block.label, block.ordered) == (0, "", False)
