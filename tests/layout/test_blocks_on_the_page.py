"""What the reader hands over reaches the page as a magazine sets it: notes, small caps,
soft and non-breaking hyphens, tables across columns and pages. Read back from the PDF."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader

from munpress.assemble import front_matter
from munpress.checks.facts import EditionFacts
from munpress.checks.lost_text import check_lost_text
from munpress.diagnostics import LayoutFailure, Sink
from munpress.layout import LaidOutEdition, layout_edition
from munpress.layout.theme import Theme
from munpress.manifest import load_manifest
from munpress.model.edition import Edition, Entry, Rubric
from munpress.model.meta import SourceRef
from munpress.model.nodes import (
    Document,
    ImageData,
    InlineImage,
    ListItem,
    Note,
    NoteRef,
    Paragraph,
    Table,
    TableCell,
    TableRow,
    Text,
)
from tests.conftest import REPO

MANIFEST = load_manifest(REPO, "147")
LOREM = ("Жергиликтүү өз алдынча башкаруу органдары калкка кызмат көрсөтүүнүн сапатын жакшыртуу "
         "үчүн бюджетти ачык талкуулашат жана жарандардын сунуштарын эске алышат. ")


def lay_out(*blocks, columns: int | None = None) -> LaidOutEdition:
    entry = Entry("probe", "article", (Text("Сынак макаласы"),), tuple(blocks), "probe.docx", columns=columns)
    edition = Edition("ky", "probe", 147, front_matter(MANIFEST.magazine, MANIFEST, "ky"),
                      (Rubric("РУБРИКА", (entry,)),))
    laid_out = layout_edition(edition, MANIFEST.magazine.layout, REPO / "fonts", Sink())
    facts = EditionFacts("ky", {"probe": Document(tuple(blocks), "probe.docx")}, page_map=laid_out.page_map)
    assert check_lost_text(facts) == []
    return laid_out


def article_pages(laid_out: LaidOutEdition) -> list[str]:
    placement = laid_out.page_map.placements[0]
    pages = PdfReader(BytesIO(laid_out.pdf)).pages[placement.page - 1:placement.last_page]
    return [page.extract_text() for page in pages]


def words_with_x(laid_out: LaidOutEdition, page_number: int) -> list[tuple[str, float]]:
    found: list[tuple[str, float]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append((text.strip(), cm[4] + tm[4]))

    PdfReader(BytesIO(laid_out.pdf)).pages[page_number - 1].extract_text(visitor_text=visit)
    return found


def test_notes_follow_the_text_numbered_per_kind_with_the_number_leading_the_note():
    laid_out = lay_out(
        Paragraph((Text("Биринчи пикир"), NoteRef(1), Text(" жана экинчиси"), NoteRef(1, "endnote"), Text("."))),
        Note(1, (Paragraph((Text("Шилтеме тексти."),)),)),
        Note(1, (Paragraph((Text("Аягындагы эскертүү."),)),), kind="endnote"))
    text = "\n".join(article_pages(laid_out))
    assert text.index("Биринчи пикир") < text.index("Шилтеме тексти") < text.index("Аягындагы эскертүү")
    lines = text.splitlines()
    assert any(line.startswith("1") and "Шилтеме тексти." in line for line in lines)
    assert any(line.startswith("i") and "Аягындагы эскертүү." in line for line in lines)


def test_small_caps_print_capitals_and_all_caps_keep_the_manuscript_text_as_typed():
    laid_out = lay_out(Paragraph((Text("Бишкек шаары", frozenset({"smallcaps"})), Text(" жана "),
                                  Text("Ош шаары", frozenset({"allcaps"})))))
    text = article_pages(laid_out)[0]
    assert "БИШКЕК ШААРЫ" in text and "ОШ ШААРЫ" in text


def test_a_soft_hyphen_is_a_break_that_prints_a_hyphen_only_at_a_line_end():
    word = "өз\u00adал\u00adдын\u00adча\u00adлык\u00adты\u00adгын\u00adда"
    # a column of nothing but the word: lines can only end inside it or between two of it
    laid_out = lay_out(Paragraph((Text(" ".join([word] * 40)),)))
    lines = [line.strip() for page in article_pages(laid_out) for line in page.splitlines() if line.strip()]
    assert not any("\u00ad" in line for line in lines)
    broken = [(line.split()[-1], after.split()[0]) for line, after in zip(lines, lines[1:])
              if line.split()[-1].startswith("өз") and line.endswith("-")]
    assert broken, "the word never broke at one of its soft hyphens"
    assert all(head[:-1] + tail == "өзалдынчалыктыгында" for head, tail in broken)


def test_a_non_breaking_hyphen_and_space_are_printed_and_never_broken():
    words = "Кара\u2011Суу 5\u00a0км " * 60
    laid_out = lay_out(Paragraph((Text(words),)))
    for line in "\n".join(article_pages(laid_out)).splitlines():
        stripped = line.strip()
        assert not stripped.endswith(("Кара\u2011", "Кара-", " 5")), line


def _cells(*texts: str, header: bool = False) -> TableRow:
    return TableRow(tuple(TableCell((Paragraph((Text(t),)),)) for t in texts), header=header)


def test_header_rows_repeat_when_a_table_breaks_across_columns_and_pages():
    rows = (_cells("Айыл өкмөтү", "Калкы", header=True),
            *[_cells(f"Айыл {n}", f"{1000 + n}") for n in range(220)])
    laid_out = lay_out(Table(rows, source=SourceRef("probe.docx", 3)))
    headers = sum(line.count("Айыл өкмөтү") for line in "\n".join(article_pages(laid_out)).splitlines())
    assert laid_out.page_map.placements[0].last_page > laid_out.page_map.placements[0].page
    assert headers >= 3  # the first column, the next column, the next page


def test_a_table_too_wide_for_a_column_spans_both_columns():
    heads = [f"Көрсөткүчтөрдүн{n}" for n in range(6)]
    laid_out = lay_out(Paragraph((Text(LOREM * 3),)), Table((_cells(*heads, header=True),
                                                             _cells(*["бир"] * 6))),
                       Paragraph((Text(LOREM * 3),)))
    theme = Theme.from_settings(MANIFEST.magazine.layout)
    page = laid_out.page_map.placements[0].page
    box = theme.content_box(page)
    xs = [x for word, x in words_with_x(laid_out, page) if word.startswith("Көрсөткүч")]  # perhaps hyphenated
    assert len(xs) == 6 and max(xs) > box.x + theme.column_width + theme.gutter


def test_a_table_too_wide_for_the_page_stops_the_build_naming_the_article_and_the_place():
    row = _cells(*[f"Көрсөткүчтөрдүн{n}" for n in range(40)])
    with pytest.raises(LayoutFailure) as refused:
        lay_out(Table((row,), source=SourceRef("probe.docx", 7, "Көрсөткүчтөрдүн0")))
    assert refused.value.code == "layout.table-too-wide" and refused.value.article == "probe"
    assert "probe.docx, paragraph 7" in refused.value.message


def test_a_bullet_the_font_lacks_is_replaced_by_one_it_has():
    laid_out = lay_out(ListItem(0, "▪", False, (Text("биринчи"),)), ListItem(1, "➢", False, (Text("экинчи"),)))
    text = article_pages(laid_out)[0]
    assert "• биринчи" in text and "– экинчи" in text
    assert laid_out.page_map.missing_glyphs == ()


def test_a_character_the_font_lacks_is_recorded_as_blank_with_its_entry_and_font():
    entry = Entry("probe", "article", (Text("Сынак"),), (Paragraph((Text("Бурч α = 30°"),)),), "probe.docx")
    edition = Edition("ky", "probe", 147, front_matter(MANIFEST.magazine, MANIFEST, "ky"), (Rubric("Р", (entry,)),))
    laid_out = layout_edition(edition, MANIFEST.magazine.layout, REPO / "fonts", Sink())
    [glyph] = laid_out.page_map.missing_glyphs
    assert (glyph.entry_id, glyph.char, glyph.font) == ("probe", "α", "PTSerif-regular")
    assert any("\ufffd = 30" in line.text for line in laid_out.page_map.lines_of("probe"))


def _picture(width_mm: float, height_mm: float, name: str) -> InlineImage:
    from PIL import Image as PILImage

    buffer = BytesIO()
    PILImage.new("RGB", (1200, int(1200 * height_mm / width_mm)), "teal").save(buffer, format="PNG")
    return InlineImage(ImageData(name, "image/png", buffer.getvalue(), width_mm * 72 / 25.4, height_mm * 72 / 25.4))


def _images_and_caption(laid_out: LaidOutEdition, caption_word: str):
    import pdfplumber

    page_number = laid_out.page_map.placements[0].page
    with pdfplumber.open(BytesIO(laid_out.pdf)) as pdf:
        page = pdf.pages[page_number - 1]
        images = [(image["x0"], image["x1"], image["top"], image["bottom"]) for image in page.images]
        words = [w for w in page.extract_words() if w["text"].startswith(caption_word)]
    return images, words


def test_a_picture_placed_wider_than_a_column_spans_both_with_its_caption_under_it():
    theme = Theme.from_settings(MANIFEST.magazine.layout)
    laid_out = lay_out(Paragraph((Text(LOREM * 2),)),
                       Paragraph((_picture(170, 80, "wide.png"),)),
                       Paragraph((Text("Сүрөттүн жазуусу: айыл өкмөтүнүн жаңы имараты."),), role="caption"),
                       Paragraph((Text(LOREM * 4),)))
    [(x0, x1, top, bottom)], [caption] = _images_and_caption(laid_out, "Сүрөттүн")
    assert x1 - x0 > theme.column_width * 1.5  # across the gutter, not squeezed into a column
    assert caption["top"] > bottom and caption["top"] - bottom < 30  # right under the picture
    text = "\n".join(article_pages(laid_out))
    assert text.index("бюджетти") < text.index("Сүрөттүн жазуусу")  # the text before it comes first


def test_a_picture_placed_within_a_column_stays_in_it():
    theme = Theme.from_settings(MANIFEST.magazine.layout)
    laid_out = lay_out(Paragraph((Text(LOREM * 2),)), Paragraph((_picture(80, 50, "narrow.png"),)),
                       Paragraph((Text(LOREM * 2),)))
    [(x0, x1, _, _)], _ = _images_and_caption(laid_out, "нет")
    assert x1 - x0 <= theme.column_width + 0.5


@pytest.mark.parametrize("columns", [1, 3])
def test_an_article_can_have_its_own_number_of_columns(columns):
    theme = Theme.from_settings(MANIFEST.magazine.layout)
    laid_out = lay_out(Paragraph((Text(LOREM * 12),)), columns=columns)
    page = laid_out.page_map.placements[0].page
    box = theme.content_box(page)
    starts = sorted({round(x) for _, x in words_with_x(laid_out, page) if x < box.x + box.width})
    width = theme.width_of_columns(columns)
    lefts = [box.x + n * (width + theme.gutter) for n in range(columns)]
    for left in lefts:  # every column has lines starting at its left edge (the first may be indented)
        assert any(abs(x - left) < 15 for x in starts), (left, starts)
    lengths = sorted(line.chars for line in laid_out.page_map.set_lines if line.entry_id == "probe")
    median = lengths[len(lengths) // 2]  # a line of one of two columns holds about 50 characters
    assert (median > 80) if columns == 1 else (median < 40)
