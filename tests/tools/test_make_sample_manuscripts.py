"""tools/make_sample_manuscripts.py: markup -> Word manuscripts with real Word structures."""

from __future__ import annotations

import importlib.util
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm
from PIL import Image

REPO = Path(__file__).resolve().parents[2]
TOOL = REPO / "tools" / "make_sample_manuscripts.py"

_spec = importlib.util.spec_from_file_location("make_sample_manuscripts", TOOL)
msm = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = msm
_spec.loader.exec_module(msm)

SAMPLE = """\
# Заголовок статьи

## Раздел первый

Обычный абзац с **жирным**, *курсивом*, __подчёркнутым__, ***жирным курсивом***
и **жирным с *курсивом* внутри**. Строка кончается разрывом \\
а это вторая строка того же абзаца.

- пункт один
  - вложенный пункт
    - третий уровень
- пункт два

Текст между списками.

1. первый
2. второй
  1. буква а
  2. буква б
3. третий

### Подраздел

1. снова первый
2. снова второй

> Цитата из письма

>> Главная мысль статьи,
>> крупно

![Бюджет проектов жителей](chart:budget)
"""


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    root = tmp_path_factory.mktemp("gen")
    samples = root / "samples"
    _write(samples, "01-test.ru.md", SAMPLE)
    _write(samples, "01-test.ky.md", SAMPLE.replace("Заголовок статьи", "Макаланын аталышы"))
    _write(samples, "README.md", "# not an article\n\n* anything goes here\n")
    out = root / "out"
    written, errors = msm.convert(samples, out)
    assert errors == []
    return root, out, written


def _numpr(paragraph):
    ppr = paragraph._p.pPr
    num_pr = ppr.numPr if ppr is not None else None
    if num_pr is None:
        return None
    return num_pr.numId.val, num_pr.ilvl.val


def _numbering(document):
    return document.part.numbering_part.element


def _abstract_of(document, num_id: int):
    root = _numbering(document)
    num = root.find(f"{qn('w:num')}[@{qn('w:numId')}='{num_id}']")
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = root.find(f"{qn('w:abstractNum')}[@{qn('w:abstractNumId')}='{abstract_id}']")
    return num, abstract


def _level(abstract, ilvl: int) -> tuple[str, str]:
    lvl = abstract.find(f"{qn('w:lvl')}[@{qn('w:ilvl')}='{ilvl}']")
    return (lvl.find(qn("w:numFmt")).get(qn("w:val")), lvl.find(qn("w:lvlText")).get(qn("w:val")))


def test_files_written_per_language(generated):
    _, out, written = generated
    assert sorted(p.relative_to(out).as_posix() for p in written) == ["ky/01-test.docx", "ru/01-test.docx"]


def test_paragraph_styles_and_runs(generated):
    _, out, _ = generated
    document = docx.Document(out / "ru" / "01-test.docx")
    styles = [p.style.name for p in document.paragraphs]
    assert styles == (
        ["Title", "Heading 1", "Normal"]
        + ["List Paragraph"] * 4 + ["Normal"] + ["List Paragraph"] * 5
        + ["Heading 2"] + ["List Paragraph"] * 2
        + ["Quote", "Intense Quote", "Normal", "Caption"]
    )
    body = document.paragraphs[2]
    runs = [(run.text, (run.bold, run.italic, run.underline)) for run in body.runs if run.text]
    assert ("жирным", (True, None, None)) in runs
    assert ("курсивом", (None, True, None)) in runs
    assert ("подчёркнутым", (None, None, True)) in runs
    assert ("жирным курсивом", (True, True, None)) in runs
    # nesting: **bold *bold italic* bold**
    assert ("жирным с ", (True, None, None)) in runs
    assert ("курсивом", (True, True, None)) in runs
    assert (" внутри", (True, None, None)) in runs
    # the two source lines are joined with a space; " \" becomes a w:br inside the paragraph
    assert "***" not in body.text and "**" not in body.text and "__" not in body.text
    assert "жирным курсивом и жирным" in body.text
    assert len(body._p.findall(f".//{qn('w:br')}")) == 1
    assert "разрывом\nа это вторая строка" in body.text
    assert document.paragraphs[0].text == "Заголовок статьи"
    assert document.paragraphs[-4].text == "Цитата из письма"
    assert document.paragraphs[-3].text == "Главная мысль статьи, крупно"


def test_lists_use_numbering_xml(generated):
    _, out, _ = generated
    document = docx.Document(out / "ru" / "01-test.docx")
    items = [(p.text, _numpr(p)) for p in document.paragraphs if p.style.name == "List Paragraph"]
    assert all(numpr is not None for _, numpr in items)
    # no typed numbers: the text is the item text only
    assert [text for text, _ in items][4:9] == ["первый", "второй", "буква а", "буква б", "третий"]
    bullets, first, second = items[0:4], items[4:9], items[9:11]
    assert [ilvl for _, (_, ilvl) in bullets] == [0, 1, 2, 0]
    assert [ilvl for _, (_, ilvl) in first] == [0, 0, 1, 1, 0]
    assert [ilvl for _, (_, ilvl) in second] == [0, 0]
    for group in (bullets, first, second):
        assert len({num_id for _, (num_id, _) in group}) == 1

    bullet_id, first_id, second_id = bullets[0][1][0], first[0][1][0], second[0][1][0]
    assert len({bullet_id, first_id, second_id}) == 3

    _, bullet_abstract = _abstract_of(document, bullet_id)
    assert [_level(bullet_abstract, i) for i in range(3)] == [("bullet", "•"), ("bullet", "–"), ("bullet", "▪")]

    first_num, first_abstract = _abstract_of(document, first_id)
    assert _level(first_abstract, 0) == ("decimal", "%1.")
    assert _level(first_abstract, 1) == ("russianLower", "%2)")

    # the second numbered list starts again at 1: its own w:num with a startOverride
    # (or an abstractNum of its own)
    second_num, second_abstract = _abstract_of(document, second_id)
    overrides = {
        o.get(qn("w:ilvl")): o.find(qn("w:startOverride")).get(qn("w:val"))
        for o in second_num.findall(qn("w:lvlOverride"))
    }
    own_abstract = second_abstract.get(qn("w:abstractNumId")) != first_abstract.get(qn("w:abstractNumId"))
    assert overrides.get("0") == "1" or own_abstract
    assert _level(second_abstract, 0) == ("decimal", "%1.")

    root = _numbering(document)
    formats = {el.get(qn("w:val")) for el in root.iter(qn("w:numFmt"))}
    assert {"decimal", "russianLower", "bullet"} <= formats
    # schema order: every abstractNum before the first num
    tags = [child.tag for child in root]
    assert max(i for i, t in enumerate(tags) if t == qn("w:abstractNum")) < tags.index(qn("w:num"))


def test_picture_and_caption(generated):
    _, out, _ = generated
    document = docx.Document(out / "ru" / "01-test.docx")
    assert len(document.inline_shapes) == 1
    shape = document.inline_shapes[0]
    assert abs(shape.width - Cm(8)) < Cm(0.1)
    picture_paragraph, caption = document.paragraphs[-2], document.paragraphs[-1]
    assert picture_paragraph._p.findall(f".//{qn('w:drawing')}")
    assert caption.style.name == "Caption" and caption.text == "Бюджет проектов жителей"
    blob = document.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
    image = Image.open(io.BytesIO(blob))
    assert image.format == "PNG" and image.size == (1600, 1000)


def test_language_and_core_properties(generated):
    _, out, _ = generated
    for lang, tag in (("ru", "ru-RU"), ("ky", "ky-KG")):
        document = docx.Document(out / lang / "01-test.docx")
        normal = document.styles["Normal"].element
        assert normal.find(f"{qn('w:rPr')}/{qn('w:lang')}").get(qn("w:val")) == tag
        core = document.core_properties
        assert core.author == "Редакция журнала «Муниципалитет»"
        assert core.language == tag
        assert core.created.year == 2024 and core.modified == core.created
    assert docx.Document(out / "ky" / "01-test.docx").core_properties.title == "Макаланын аталышы"


def test_charts_per_language_are_deterministic():
    assert msm.render_chart("budget", "ky") == msm.render_chart("budget", "ky")
    assert msm.render_chart("budget", "ky") != msm.render_chart("budget", "ru")
    for name in msm.CHARTS:
        for lang in ("ky", "ru"):
            assert Image.open(io.BytesIO(msm.render_chart(name, lang))).size == (1600, 1000)
    labels = " ".join(msm.CHARTS["budget"]["ky"]["categories"] + msm.CHARTS["pasture"]["ky"]["categories"])
    assert {"ө", "ү"} <= set(labels)
    assert "ң" in msm.CHARTS["budget"]["ky"]["unit"]


def test_two_runs_are_byte_identical(generated, tmp_path):
    root, out, _ = generated
    again = tmp_path / "again"
    written, errors = msm.convert(root / "samples", again)
    assert errors == []
    for path in written:
        first = (out / path.relative_to(again)).read_bytes()
        assert path.read_bytes() == first
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            assert {info.date_time for info in infos} == {(2024, 1, 10, 0, 0, 0)}
            assert infos[0].filename == "[Content_Types].xml"


def test_cli_prints_written_files(tmp_path):
    samples = tmp_path / "samples"
    _write(samples, "02-cli.ru.md", "# Заголовок\n\nТекст.\n")
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, str(TOOL), "--samples", str(samples), "--out", str(out)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith(str(Path("ru") / "02-cli.docx"))
    assert (out / "ru" / "02-cli.docx").is_file()


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("# Т\n\n#### Слишком глубоко\n", 3, "heading level"),
        ("# Т\n\nТекст **без конца\nабзаца.\n", 3, "never closed"),
        ("# Т\n\n![Подпись](chart:nothing)\n", 3, "unknown chart"),
        ("# Т\n\n![Подпись](photo.jpg)\n", 3, "chart:NAME"),
        ("# Т\n\n* пункт\n", 3, "'- item'"),
        ("# Т\n\n- пункт\n   - три пробела\n", 4, "two spaces"),
        ("# Т\n\n    - без родителя\n", 3, "parent"),
        ("# Т\n\nТекст\n\n# Второй заголовок\n", 5, "first line"),
        ("# Т\n\n| a | b |\n", 3, "tables"),
        ("# Т\n\n1) пункт\n", 3, "'1. item'"),
        ("# Т\n\n>>> три уголка\n", 3, "'>>>'"),
    ],
)
def test_markup_errors_name_file_and_line(tmp_path, text, line, words):
    path = _write(tmp_path, "03-bad.ru.md", text)
    with pytest.raises(msm.MarkupError) as caught:
        msm.read_article(path)
    assert caught.value.line == line
    assert f"03-bad.ru.md:{line}:" in str(caught.value)
    assert words in str(caught.value)


def test_cli_fails_with_file_and_line(tmp_path):
    samples = tmp_path / "samples"
    _write(samples, "01-good.ru.md", "# Хорошо\n\nТекст.\n")
    _write(samples, "02-bad.ky.md", "# Жаман\n\n![Сүрөт](chart:nothing)\n")
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, str(TOOL), "--samples", str(samples), "--out", str(out)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1
    assert "02-bad.ky.md:3:" in result.stderr and "unknown chart" in result.stderr
    assert (out / "ru" / "01-good.docx").is_file()
    assert not (out / "ky").exists()


def test_literal_asterisks_escapes_and_mixed_nesting(tmp_path):
    text = (
        "# Т\n\n"
        "Площадь 5 * 3 метра, звёздочка \\*, подчёркивание snake_case и поле ________.\n\n"
        "1. пункт\n"
        "  - маркер внутри нумерованного\n"
        "2. ещё\n\n"
        "- другой список\n"
    )
    path = _write(tmp_path, "04-edge.ru.md", text)
    article = msm.read_article(path)
    document = docx.Document(io.BytesIO(msm.docx_bytes(article)))
    assert document.paragraphs[1].text == (
        "Площадь 5 * 3 метра, звёздочка *, подчёркивание snake_case и поле ________."
    )
    items = [p for p in document.paragraphs if p.style.name == "List Paragraph"]
    num_id = _numpr(items[0])[0]
    _, abstract = _abstract_of(document, num_id)
    assert _level(abstract, 0) == ("decimal", "%1.")
    assert _level(abstract, 1)[0] == "bullet"
    assert [_numpr(p)[1] for p in items] == [0, 1, 0, 0]
    # a blank line and a list of another kind: a separate list
    assert _numpr(items[3])[0] != num_id


def test_munpress_reads_the_quote_and_the_intense_quote_as_quote_and_pull_quote(generated):
    from munpress.diagnostics import Sink
    from munpress.model.nodes import plain_text
    from munpress.readers import read_manuscript

    _, out, _ = generated
    sink = Sink()
    document = read_manuscript(out / "ru" / "01-test.docx", lang="ru", sink=sink)
    roles = {plain_text(block.inlines): block.role for block in document.blocks
             if getattr(block, "role", None) in ("quote", "pullquote")}
    assert roles == {"Цитата из письма": "quote", "Главная мысль статьи, крупно": "pullquote"}
    assert not sink.warnings


def test_a_source_without_a_number_is_named_by_its_slug(tmp_path):
    samples = tmp_path / "samples"
    _write(samples, "subscription.ky.md", "# Жазылыңыз\n\nЖурналга жазылыңыз.\n")
    written, errors = msm.convert(samples, tmp_path / "fillers")
    assert errors == [] and [p.relative_to(tmp_path).as_posix() for p in written] == ["fillers/ky/subscription.docx"]
    with pytest.raises(msm.MarkupError, match="'NN-slug.<lang>.md' or 'slug.<lang>.md'"):
        msm.read_article(_write(samples, "Bad Name.ru.md", "# Т\n"))


def test_all_builds_every_sample_set_of_the_repository_and_takes_no_other_folders(monkeypatch):
    built = []
    monkeypatch.setattr(msm, "build", lambda samples, out: built.append((samples, out)) or 0)
    assert msm.main(["--all"]) == 0
    assert [(s.relative_to(REPO).as_posix(), o.relative_to(REPO).as_posix()) for s, o in built] == [
        ("samples/147", "issues/147/manuscripts"), ("samples/fillers", "fillers")]
    with pytest.raises(SystemExit) as caught:
        msm.main(["--all", "--out", "elsewhere"])
    assert caught.value.code == 2


@pytest.mark.parametrize("samples, out", [("samples/147", "issues/147/manuscripts"), ("samples/fillers", "fillers")])
def test_the_committed_word_files_are_the_ones_the_sources_give(tmp_path, samples, out):
    written, errors = msm.convert(REPO / samples, tmp_path)
    assert errors == [] and written
    for path in written:
        assert path.read_bytes() == (REPO / out / path.relative_to(tmp_path)).read_bytes(), path
