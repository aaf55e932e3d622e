"""Input that used to hang or blow up (issue 12): every case ends in seconds, with exit 0 or
one clear line and exit 2, and bounded memory. Each runs the real command line on a copy of
the magazine with one thing made hostile."""

from __future__ import annotations

import os
import random

import pytest

from tests.hostile.test_hostile_input import (  # noqa: F401 - fixtures, used by name
    ARTICLE,
    assert_refused,
    good_build,
    out,
    run_measured,
)
from tests.readers.docx_builder import Manuscript, paragraph

SECONDS = 30  # each case, on one core of the CI machine; they take 2–8 s here
MEGABYTES = 1024


def _article(magazine, body: str) -> None:
    text = paragraph("Проверка на прочность", "Title") + paragraph("Первый абзац статьи о местном бюджете.") + body
    path = magazine / ARTICLE
    Manuscript().body(text).save(path.parent, path.name)


def _build(magazine, out, *more: str):
    return run_measured("build", "147", "--lang", "ky", "--root", str(magazine), "--out", str(out), *more,
                        timeout=SECONDS * 4)


def _unbroken(length: int) -> str:
    rng = random.Random(length)
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(length))


def assert_bounded(measured) -> None:
    assert measured.seconds < SECONDS, f"took {measured.seconds:.1f} s"
    assert measured.megabytes < MEGABYTES, f"peaked at {measured.megabytes:.0f} MB"


def test_a_pasted_web_address_of_ten_thousand_letters_is_set_in_seconds(small_magazine, tmp_path):
    _article(small_magazine, paragraph("Ссылка: " + _unbroken(10_000) + " конец."))
    measured = _build(small_magazine, tmp_path / "out", "--variant", "screen")
    assert measured.result.returncode == 0, measured.result.stderr  # every letter is on the page
    assert_bounded(measured)


def test_a_million_characters_without_a_space_are_refused_as_pasted_data(small_magazine, out, good_build):
    _article(small_magazine, paragraph(_unbroken(1_000_000)))
    measured = _build(small_magazine, out)
    assert_bounded(measured)
    assert_refused(measured.result, out, good_build, names=("03-participatory-budget.docx", "paragraph 3",
                                                            "1,000,000 characters without a space"),
                   fix="remove it")


def test_a_table_of_two_thousand_rows_is_set_in_seconds(small_magazine, tmp_path):
    cell = "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>".format
    rows = "".join(f"<w:tr>{cell(f'Айыл {i}')}{cell(i * 100)}{cell('сом')}</w:tr>" for i in range(2000))
    _article(small_magazine, f"<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
                            f"{rows}</w:tbl>")
    measured = _build(small_magazine, tmp_path / "out", "--variant", "screen")
    assert measured.result.returncode in (0, 1), measured.result.stderr
    assert_bounded(measured)


def test_a_rubric_title_of_ten_thousand_characters_is_set_in_seconds(small_magazine, tmp_path):
    toml = small_magazine / "issues" / "147" / "issue.toml"
    text = toml.read_text("utf-8")
    toml.write_text(text.replace('"КӨҢҮЛ ЧОРДОНУНДА"', '"' + ("КӨҢҮЛ ЧОРДОНУНДА " * 600)[:10_000] + '"', 1), "utf-8")
    measured = _build(small_magazine, tmp_path / "out", "--variant", "screen")
    assert measured.result.returncode in (0, 1) and "Traceback" not in measured.result.stderr
    assert_bounded(measured)


@pytest.mark.parametrize("kind", ["link to /dev/zero", "FIFO", "link out of the magazine"])
def test_a_font_that_is_not_a_font_file_in_the_magazine_is_refused_at_once(small_magazine, out, good_build,
                                                                           tmp_path, kind):
    fonts = small_magazine / "fonts"
    fonts.mkdir(exist_ok=True)
    if kind == "FIFO":
        os.mkfifo(fonts / "Trap.ttf")
        problem, fix = "is a FIFO, not a font file", "copy the .ttf file there"
    else:
        outside = tmp_path / "Outside.ttf"
        outside.write_bytes(b"\0" * 1000)
        os.symlink("/dev/zero" if "zero" in kind else outside, fonts / "Trap.ttf")
        problem, fix = "outside the magazine folder", "copy the font file itself into fonts/"
    measured = _build(small_magazine, out)
    assert_bounded(measured)
    assert_refused(measured.result, out, good_build, names=("Trap.ttf", problem), fix=fix)


def test_a_forty_megapixel_photograph_is_decoded_no_larger_than_it_prints(small_magazine, tmp_path):
    import docx
    from docx.shared import Mm
    from PIL import Image

    photo = tmp_path / "photo.jpg"
    Image.linear_gradient("L").resize((7300, 5480)).convert("RGB").save(photo, "JPEG", quality=85)
    document = docx.Document(str(small_magazine / ARTICLE))
    document.add_picture(str(photo), width=Mm(60))
    document.save(str(small_magazine / ARTICLE))
    measured = _build(small_magazine, tmp_path / "out", "--variant", "print")
    assert measured.result.returncode == 0, measured.result.stderr
    assert_bounded(measured)
    assert measured.megabytes < 600  # it was 3.8 GB: every variant decoded 40 megapixels
    import pdfplumber

    with pdfplumber.open(tmp_path / "out" / "municipalitet-147-ky-print.pdf") as pdf:
        sizes = [image["srcsize"] for page in pdf.pages for image in page.images]
    assert (7300, 5480) not in sizes
    assert any(900 <= width <= 1100 for width, _ in sizes)  # 300 ppi at its printed width


def test_an_article_wrapped_in_a_one_cell_table_taller_than_a_column_is_set(small_magazine, tmp_path):
    inner = paragraph("Раздел", "Heading1") + "".join(paragraph("Жители сами выбрали проекты. " * 20) for _ in range(25))
    _article(small_magazine, f"<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc>{inner}</w:tc></w:tr></w:tbl>")
    measured = _build(small_magazine, tmp_path / "out", "--variant", "screen")
    assert measured.result.returncode == 0, measured.result.stderr  # it was exit 70 from balanced columns
    assert_bounded(measured)
