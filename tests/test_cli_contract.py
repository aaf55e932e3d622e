"""The command line's contract with editors and CI: exit codes, JSON, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from pypdf import PdfReader

from tests.conftest import check_findings, REPO, run_munpress


def test_check_passes_on_the_sample_issue_with_json():
    result = run_munpress("check", "147", "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    findings = check_findings(result.stdout)
    assert isinstance(findings, list)
    assert all({"severity", "code", "message"} <= set(f) for f in findings)


def test_a_changed_planned_page_fails_the_check_and_names_the_article(magazine_copy):
    manifest = magazine_copy / "issues/147/issue.toml"
    text = manifest.read_text("utf-8")
    target = 'ru = "manuscripts/ru/13-woman-leader.docx" }\n  page = '
    start = text.index(target) + len(target)
    end = text.index("\n", start)
    planned = int(text[start:end])
    manifest.write_text(text[:start] + str(planned + 3) + text[end:], "utf-8")
    result = run_munpress("check", "147", "--json", "--root", str(magazine_copy))
    assert result.returncode == 1, result.stderr
    mismatches = [f for f in check_findings(result.stdout) if f["code"] == "toc.page-mismatch"]
    assert {f["article"] for f in mismatches} == {"13-woman-leader"}
    assert {f["lang"] for f in mismatches} == {"ky", "ru"}
    assert {f["planned"] for f in mismatches} == {planned + 3}
    assert all(f["difference"] == -3 for f in mismatches)


def test_a_broken_manifest_exits_2_with_the_key_path_and_no_traceback(magazine_copy):
    manifest = magazine_copy / "issues/147/issue.toml"
    text = manifest.read_text("utf-8").replace(
        'ru = "manuscripts/ru/01-new-year.docx" }', 'ru = 12 }', 1)
    manifest.write_text(text, "utf-8")
    for command in ("check", "build"):
        result = run_munpress(command, "147", "--root", str(magazine_copy))
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        assert "sections[0].articles[0].manuscript.ru" in result.stderr
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_the_magazine_root_is_found_from_a_subfolder(magazine_copy):
    result = run_munpress("check", "147", "--json", cwd=magazine_copy / "issues" / "147")
    assert result.returncode == 0, result.stderr


def test_an_edition_the_issue_does_not_have_is_a_usage_error():
    result = run_munpress("check", "147", "--lang", "en")
    assert result.returncode == 2
    assert "en" in result.stderr and "Traceback" not in result.stderr


def test_a_failed_build_keeps_the_last_good_pdf(magazine_copy, tmp_path):
    out = tmp_path / "out"
    assert run_munpress("build", "147", "--lang", "ky", "--root", str(magazine_copy), "--out", str(out)).returncode == 0
    good = {pdf.name: pdf.read_bytes() for pdf in out.glob("*.pdf")}
    assert sorted(good) == ["municipalitet-147-ky-print.pdf", "municipalitet-147-ky-screen.pdf"]
    (magazine_copy / "issues/147/manuscripts/ky/03-participatory-budget.docx").write_bytes(b"not a docx")
    result = run_munpress("build", "147", "--lang", "ky", "--root", str(magazine_copy), "--out", str(out))
    assert result.returncode == 2
    assert "03-participatory-budget.docx" in result.stderr
    assert {pdf.name: pdf.read_bytes() for pdf in out.iterdir()} == good  # nothing else, nothing half-written


def test_text_too_long_for_a_full_page_is_an_overset_error_never_cut(magazine_copy, tmp_path):
    # a whole article given to a one-page advertisement slot cannot fit
    manuscripts = magazine_copy / "issues/147/manuscripts/ky"
    (manuscripts / "15-academy-courses.docx").write_bytes((manuscripts / "14-city-transport.docx").read_bytes())
    built = run_munpress("build", "147", "--lang", "ky", "--root", str(magazine_copy), "--out", str(tmp_path))
    assert built.returncode == 1, built.stderr
    assert "15-academy-courses" in built.stderr and "Traceback" not in built.stderr
    assert list(tmp_path.glob("*.pdf")) == []
    checked = run_munpress("check", "147", "--lang", "ky", "--json", "--root", str(magazine_copy))
    assert checked.returncode == 1
    overset = [f for f in check_findings(checked.stdout) if f["code"] == "layout.overset"]
    assert [f["article"] for f in overset] == ["15-academy-courses"]


def _mark_up_for_review(path):
    """Leave a tracked insertion, a tracked deletion and a comment in a real manuscript."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document(str(path))
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    paragraphs[2]._p.append(parse_xml(
        f'<w:ins {w} w:id="901" w:author="Ред"><w:r><w:t xml:space="preserve"> Кошулган сүйлөм.</w:t></w:r></w:ins>'))
    paragraphs[2]._p.append(parse_xml(
        f'<w:del {w} w:id="902" w:author="Ред"><w:r><w:delText>Өчүрүлгөнсөз</w:delText></w:r></w:del>'))
    paragraphs[4]._p.append(parse_xml(f'<w:r {w}><w:commentReference w:id="903"/></w:r>'))
    paragraphs[5].style = document.styles.add_style("ЖаңыСтиль", WD_STYLE_TYPE.PARAGRAPH)
    document.save(str(path))


def test_review_marks_are_reported_by_check_and_set_as_accepted_by_build(magazine_copy, tmp_path):
    _mark_up_for_review(magazine_copy / "issues/147/manuscripts/ky/03-participatory-budget.docx")
    checked = run_munpress("check", "147", "--lang", "ky", "--json", "--root", str(magazine_copy))
    assert checked.returncode == 1
    found = {d["code"]: d for d in check_findings(checked.stdout)}
    changes, comments = found["docx.tracked-changes"], found["docx.comments"]
    assert changes["severity"] == "error" and changes["article"] == "03-participatory-budget"
    assert (changes["insertions"], changes["deletions"]) == (1, 1) and changes["first_places"] == [3]
    assert "paragraph 3" in changes["message"] and "sets them as accepted" in changes["message"]
    assert comments["severity"] == "warning" and comments["comments"] == 1 and comments["first_places"] == [5]
    style = found["docx.unknown-style"]  # a reader's finding, told which edition it is in
    assert (style["lang"], style["article"], style["severity"]) == ("ky", "03-participatory-budget", "warning")
    assert "ЖаңыСтиль" in style["message"]

    built = run_munpress("build", "147", "--lang", "ky", "--root", str(magazine_copy), "--out", str(tmp_path))
    assert built.returncode == 0, built.stderr
    assert "ky · 03-participatory-budget: 2 tracked changes set as accepted" in built.stderr
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(next(tmp_path.glob("*.pdf"))).pages).split())
    assert "Кошулган сүйлөм." in text and "Өчүрүлгөнсөз" not in text


def test_a_character_no_font_has_stops_the_build_naming_it_and_check_reports_it(magazine_copy, tmp_path):
    import docx

    path = magazine_copy / "issues/147/manuscripts/ru/09-waste-plan.docx"
    document = docx.Document(str(path))
    document.add_paragraph("Коэффициент α = 0,8 принят по методике.")
    document.save(str(path))
    out = tmp_path / "out"
    built = run_munpress("build", "147", "--lang", "ru", "--root", str(magazine_copy), "--out", str(out))
    assert built.returncode == 1 and not out.exists()
    assert "09-waste-plan" in built.stderr and "«α» U+03B1" in built.stderr and "Traceback" not in built.stderr
    checked = run_munpress("check", "147", "--lang", "ru", "--json", "--root", str(magazine_copy))
    [finding] = [d for d in check_findings(checked.stdout) if d["code"] == "layout.missing-glyph"]
    assert finding["article"] == "09-waste-plan" and finding["characters"] == ["α"]


def test_a_low_resolution_picture_is_a_preflight_warning_naming_the_article_and_page(magazine_copy, tmp_path):
    import docx
    from docx.shared import Mm
    from PIL import Image

    picture = tmp_path / "small.png"
    Image.new("RGB", (120, 80), (200, 40, 40)).save(picture)
    path = magazine_copy / "issues/147/manuscripts/ru/09-waste-plan.docx"
    document = docx.Document(str(path))
    document.add_picture(str(picture), width=Mm(60))
    document.save(str(path))
    checked = run_munpress("check", "147", "--lang", "ru", "--json", "--root", str(magazine_copy))
    [low] = [d for d in check_findings(checked.stdout) if d["code"] == "images.low-resolution"]
    assert low["article"] == "09-waste-plan" and low["severity"] == "warning" and low["page"] >= 18
    assert 30 <= low["ppi"] <= 40  # 120 pixels over the 86 mm column it is set to


def test_flatplan_writes_one_sheet_per_edition_with_every_folio(tmp_path):
    result = run_munpress("flatplan", "147", "--lang", "ky", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    [sheet] = tmp_path.glob("*.pdf")
    assert sheet.name == "municipalitet-147-ky-flatplan.pdf"
    reader = PdfReader(sheet)
    text = reader.pages[0].extract_text()
    assert len(reader.pages) == 1 and "Мазмуну" in text
    assert all(str(folio) in text for folio in range(2, 28))


def _munpress(*args: str, **options) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "munpress", *args], cwd=REPO, timeout=300, **options)


@pytest.mark.parametrize("encoding", ["cp1251", "ascii"])
def test_a_console_that_is_not_utf8_gets_the_table_with_question_marks_not_a_crash(encoding):
    done = _munpress("toc", "147", "--lang", "ky", capture_output=True,
                     env={**os.environ, "PYTHONIOENCODING": encoding})
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    text = done.stdout.decode(encoding)
    assert "Мазмуну" not in text or encoding == "cp1251"
    assert "?" in text and "19" in text  # ң ө ү shown as «?», the page numbers as they are


def test_an_output_that_cannot_be_written_is_exit_74_with_one_line():
    with open("/dev/full", "w") as full:
        done = _munpress("fonts", stdout=full, stderr=subprocess.PIPE, text=True)
    assert done.returncode == 74, done.stderr
    assert done.stderr.strip() == "error: the output cannot be written: No space left on device; " \
                                  "free some space or write it elsewhere"


@pytest.mark.parametrize("command", [("fonts",), ("toc", "147", "--lang", "ky", "--toml")])
def test_a_reader_that_goes_away_is_exit_141_as_for_a_shells_own_tools(command):
    child = subprocess.Popen([sys.executable, "-m", "munpress", *command], cwd=REPO, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    child.stdout.close()  # `| head -0`: gone before anything is written
    _, stderr = child.communicate(timeout=300)
    assert child.returncode == 141, stderr.decode()
    assert b"Traceback" not in stderr and b"internal error" not in stderr
