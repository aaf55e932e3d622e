"""Floats (layout/floats.py): a picture or an in-text pull quote that does not fit the rest of
its column opens the next one while the text after it fills the column; no column is left
short for it, and the lost-text check still finds every word."""

from __future__ import annotations

from io import BytesIO

import pdfplumber
import pytest
from PIL import Image as PILImage

from munpress.checks.lost_text import lost_in_print
from munpress.layout.blocks import RecordedImage
from munpress.layout.floats import FloatGroup, Stack, float_pictures
from munpress.layout.fonts import load_family
from munpress.layout.grid import GridBlock, on_grid
from munpress.layout.paragraph import SetParagraph
from munpress.layout.styles import build_styles
from munpress.layout.theme import Theme
from munpress.manifest import load_manifest
from munpress.model.nodes import Document, Paragraph, Text
from tests.conftest import REPO

LEADING = 13.0
SHORTEST_KEPT = 4  # lines a subhead with its first two lines needs: a column may end that much early


def _column_bottoms(page):
    middle = float(page.width) / 2
    height = float(page.height)
    body = [c for c in page.chars if 60 < c["top"] < height - 60 and c["text"].strip()]
    across = [c for c in body if c["x0"] < middle - 4 and c["x1"] > middle + 4]
    if across:
        return None  # a title or a table across both columns
    boxes = [(c["x0"], c["bottom"]) for c in body] + \
        [(i["x0"], i["bottom"]) for i in page.images if i["bottom"] < height - 60]
    left = [bottom for x, bottom in boxes if x < middle]
    right = [bottom for x, bottom in boxes if x >= middle]
    return (max(left), max(right)) if left and right else None


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_no_column_of_a_running_article_is_left_short_for_a_picture(built_issue, lang):
    checked = 0
    with pdfplumber.open(built_issue[lang]) as pdf:
        contents = pdf.pages[2].extract_text().splitlines()  # where the articles start, as printed
        starts = sorted({int(line.split()[-1]) for line in contents if line.split() and line.split()[-1].isdigit()})
        running = [page for start, following in zip(starts, starts[1:]) for page in range(start, following - 1)]
        for number in running:
            bottoms = _column_bottoms(pdf.pages[number - 1])
            if bottoms is None:
                continue
            checked += 1
            short = abs(bottoms[0] - bottoms[1]) / LEADING
            assert short <= SHORTEST_KEPT + 0.1, (lang, number, round(short, 1))
    assert checked >= 4


def _styles():
    theme = Theme.from_settings(load_manifest(REPO, 147).magazine.layout)
    family = load_family("PT Serif", REPO / "fonts")
    return theme, build_styles(theme, family, family, "ru", ())


def _picture(height: float) -> GridBlock:
    buffer = BytesIO()
    PILImage.new("RGB", (40, 40), "grey").save(buffer, "PNG")
    picture = RecordedImage(BytesIO(buffer.getvalue()), 200, height)
    picture.record = ("chart.png", 40, "RGB")
    return on_grid(picture, LEADING)


TEXT = "Жители сами выбрали проекты, и каждый мог проверить, как потрачены деньги. " * 6


def test_a_picture_that_does_not_fit_lets_the_text_after_it_fill_the_column(tmp_path):
    theme, styles = _styles()
    width = theme.width_of_columns(2)
    picture = _picture(150)
    text = [SetParagraph((Text(TEXT),), styles.body) for _ in range(3)]
    group, = float_pictures([picture, *text])
    assert isinstance(group, FloatGroup)
    from reportlab.pdfgen.canvas import Canvas
    canvas = Canvas(str(tmp_path / "x.pdf"))
    _, height = group.wrapOn(canvas, width, 10_000)
    room = 8 * LEADING  # the picture needs more than is left of the column
    parts = group.splitOn(canvas, width, room)
    assert parts[0] is not picture and picture not in getattr(parts[0], "parts", [])
    assert parts[1] is picture  # it opens the next column
    _, placed = parts[0].wrapOn(canvas, width, room)
    assert room - LEADING < placed <= room  # the column is filled to its last line
    # where the picture fits, the author's order stands
    parts = group.splitOn(canvas, width, picture.wrapOn(canvas, width, 1000)[1] + 4 * LEADING)
    assert isinstance(parts[0], Stack) and parts[0].parts[0] is picture


def test_a_caption_travels_with_its_picture():
    theme, styles = _styles()
    caption = SetParagraph((Text("Проекты жителей, 2023"),), styles.caption)
    body = SetParagraph((Text(TEXT),), styles.body)
    group, = float_pictures([_picture(100), caption, body])
    assert isinstance(group.picture, Stack) and group.picture.parts[1] is caption
    assert group.followers == [body]


def test_captions_and_pull_quotes_may_print_out_of_order_but_no_word_may_be_lost():
    document = Document((Paragraph((Text("первый абзац текста"),)),
                         Paragraph((Text("подпись к рисунку"),), role="caption"),
                         Paragraph((Text("второй абзац текста"),))), "x.docx", "ru")
    moved = ["первый абзац текста", "второй абзац", "подпись к рисунку", "текста"]
    assert lost_in_print(document, moved) == []
    lost = lost_in_print(document, ["первый абзац текста", "подпись к рисунку", "абзац текста"])
    assert lost == [6]  # «второй», the seventh word, is not on the page
