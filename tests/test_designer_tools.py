"""The designer's tools through the real command line: some pages of an edition (--article,
--pages), --open with the system's viewer, the loosest lines in report, toc and fonts as JSON."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from tests.conftest import REPO, run_munpress

EPOCH = {"SOURCE_DATE_EPOCH": "1704067200"}  # the proof's build time fixed: the same bytes each build
ARTICLE = "03-participatory-budget"


def texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


@pytest.fixture(scope="module")
def whole_proof(tmp_path_factory) -> Path:
    """The Kyrgyz proof of the whole of issue 147."""
    out = tmp_path_factory.mktemp("whole")
    result = run_munpress("build", "147", "--lang", "ky", "--variant", "proof", "--out", str(out), env=EPOCH)
    assert result.returncode == 0, result.stderr
    return out / "municipalitet-147-ky-proof.pdf"


def test_an_article_alone_is_its_pages_of_the_whole_edition_in_a_file_of_its_own(whole_proof):
    before = whole_proof.read_bytes()
    result = run_munpress("build", "147", "--lang", "ky", "--variant", "proof", "--article", ARTICLE,
                          "--out", str(whole_proof.parent), env=EPOCH)
    assert result.returncode == 0, result.stderr
    excerpt = whole_proof.parent / f"municipalitet-147-ky-proof-{ARTICLE}.pdf"
    assert result.stdout.splitlines() == [str(excerpt)]
    assert whole_proof.read_bytes() == before  # the whole edition's proof is not replaced
    whole = texts(whole_proof)
    # each proof page's slug lists the articles on it by number: 03 is on the pages it spans
    spans = [number for number, text in enumerate(whole, 1) if re.search(r"sha256 .*\b03:", text)]
    assert len(spans) >= 2 and spans == list(range(spans[0], spans[-1] + 1)), spans
    reader = PdfReader(excerpt)
    assert reader.page_labels == [str(number) for number in spans]  # a viewer numbers them as the edition
    assert texts(excerpt) == [whole[number - 1] for number in spans]  # folios, heads, slug: the edition's
    assert all(re.search(rf"(?m)^{number}$", whole[number - 1]) for number in spans)  # the folio printed
    # the bookmarks left point at pages kept: the article's own, under its rubric
    marks = list(_bookmarks(reader.outline))
    assert marks and all(reader.get_destination_page_number(mark) < len(spans) for mark in marks)
    written = excerpt.read_bytes()
    again = run_munpress("build", "147", "--lang", "ky", "--variant", "proof", "--article", ARTICLE,
                         "--article", ARTICLE, "--out", str(whole_proof.parent), env=EPOCH)
    assert again.returncode == 0 and excerpt.read_bytes() == written


def _bookmarks(outline):
    for item in outline:
        if isinstance(item, list):
            yield from _bookmarks(item)
        else:
            yield item


@pytest.mark.slow
def test_pages_of_the_print_pdf_stay_pdfx_and_come_out_the_same_bytes_each_time(tmp_path):
    runs = []
    for folder in ("one", "two"):
        out = tmp_path / folder
        result = run_munpress("build", "147", "--lang", "ru", "--variant", "print", "--pages", "9,4-6",
                              "--out", str(out))
        assert result.returncode == 0, result.stderr
        assert [path.name for path in out.iterdir()] == ["municipalitet-147-ru-print-pages-4-6+9.pdf"]
        runs.append(next(out.iterdir()))
    assert runs[0].read_bytes() == runs[1].read_bytes()
    reader = PdfReader(runs[0])
    assert reader.page_labels == ["4", "5", "6", "9"] and reader.pdf_header == "%PDF-1.3"
    root = reader.trailer["/Root"]
    assert root["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFX"
    assert all("/TrimBox" in page and "/BleedBox" in page for page in reader.pages)
    for folio, text in zip((4, 5, 6, 9), texts(runs[0])):
        assert re.search(rf"(?m)^{folio}$", text), (folio, text[-200:])


def test_one_page_of_the_screen_pdf(tmp_path):
    result = run_munpress("build", "147", "--lang", "ky", "--variant", "screen", "--pages", "5", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    written = tmp_path / "municipalitet-147-ky-screen-pages-5.pdf"
    assert [path.name for path in tmp_path.iterdir()] == [written.name]
    assert PdfReader(written).page_labels == ["5"]


@pytest.mark.parametrize(("args", "said"), [
    pytest.param(("--article", "03-land-qa"), "--article 03-participatory-budget", id="unknown-article"),
    pytest.param(("--article", "17-subscription", "--lang", "ky"), "--lang ru", id="article-not-in-the-edition"),
    pytest.param(("--pages", "6-4"), "--pages 4-6,9", id="pages-backwards"),
    pytest.param(("--pages", "4,x"), "--pages 4-6,9", id="pages-not-numbers"),
    pytest.param(("--pages", "26-30", "--lang", "ky"), "1 to 28", id="pages-beyond-the-edition"),
])
def test_a_selection_that_is_not_there_is_one_line_and_exit_2(tmp_path, args, said):
    result = run_munpress("build", "147", "--variant", "screen", *args, "--out", str(tmp_path))
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and said in result.stderr, result.stderr
    assert result.stdout == "" and not list(tmp_path.iterdir())


def _fake_viewer(tmp_path: Path) -> tuple[Path, Path]:
    """A folder with an `xdg-open` that writes down what it was asked to open."""
    folder = tmp_path / "bin"
    folder.mkdir()
    record = tmp_path / "opened.txt"
    script = folder / "xdg-open"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" >> "{record}"\n')
    script.chmod(0o755)
    return folder, record


def _viewer_environment(folder: Path, **more) -> dict:
    return {"PATH": f"{folder}{os.pathsep}{os.environ.get('PATH', '')}", "CI": None, "DISPLAY": ":0",
            "WAYLAND_DISPLAY": None, **more}


def _wait_for(record: Path, lines: int) -> list[str]:
    deadline = time.monotonic() + 20  # the viewer is not waited for: it may write a moment later
    while time.monotonic() < deadline:
        if record.exists() and len(record.read_text().splitlines()) >= lines:
            break
        time.sleep(0.05)
    return record.read_text().splitlines() if record.exists() else []


def test_build_open_shows_each_written_pdf_in_the_viewer(tmp_path):
    folder, record = _fake_viewer(tmp_path)
    out = tmp_path / "out"
    result = run_munpress("build", "147", "--pages", "1", "--variant", "screen", "--open", "--out", str(out),
                          env=_viewer_environment(folder))
    assert result.returncode == 0, result.stderr
    written = sorted(result.stdout.splitlines())
    assert written == [str(out / f"municipalitet-147-{lang}-screen-pages-1.pdf") for lang in ("ky", "ru")]
    assert sorted(_wait_for(record, 2)) == written
    assert result.stderr == ""


@pytest.mark.parametrize(("environment", "reason"), [
    pytest.param({"CI": "true"}, "CI is set", id="ci"),
    pytest.param({"DISPLAY": None}, "there is no display", id="no-display"),
    pytest.param({"PATH": ""}, "xdg-open is not on the PATH", id="no-xdg-open"),
])
def test_each_reason_there_is_no_viewer_is_found(tmp_path, environment, reason):
    from munpress.viewer import viewer_missing

    folder, _record = _fake_viewer(tmp_path)
    environ = {name: value for name, value in _viewer_environment(folder, **environment).items() if value is not None}
    assert reason in viewer_missing(environ, "linux")
    assert viewer_missing({name: value for name, value in _viewer_environment(folder).items() if value is not None},
                          "linux") is None


@pytest.mark.parametrize("environment", [pytest.param({"CI": "true"}, id="ci")])  # the others: the test above
def test_build_open_without_a_viewer_says_so_in_one_line_and_still_succeeds(tmp_path, environment):
    folder, record = _fake_viewer(tmp_path)
    out = tmp_path / "out"
    result = run_munpress("build", "147", "--lang", "ky", "--pages", "2", "--variant", "screen", "--open",
                          "--out", str(out), env=_viewer_environment(folder, **environment))
    assert result.returncode == 0, result.stderr
    assert (out / "municipalitet-147-ky-screen-pages-2.pdf").is_file()
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("--open: no PDF viewer"), result.stderr
    time.sleep(0.3)
    assert not record.exists()


def test_watch_open_shows_the_proof_after_the_first_build(magazine_copy, tmp_path):
    folder, record = _fake_viewer(tmp_path)
    result = run_munpress("watch", "147", "--lang", "ky", "--builds", "1", "--interval", "0.2", "--open",
                          "--root", str(magazine_copy), env=_viewer_environment(folder))
    assert result.returncode == 0, result.stderr
    assert "built 1 proof in" in result.stdout
    assert _wait_for(record, 1) == [str(magazine_copy / "build/147/municipalitet-147-ky-proof.pdf")]


def test_report_points_at_the_loosest_lines_of_each_edition(whole_proof):
    result = run_munpress("report", "147", "--json", "--worst", "3")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert all("gap_p95" in row for row in rows)  # the rows as before
    editions = {row["lang"]: row for row in rows if row["article"] == "(edition)"}
    articles = {row["article"] for row in rows}
    assert set(editions) == {"ky", "ru"}
    for row in editions.values():
        loosest = row["loosest"]
        assert len(loosest) == 3 and set(loosest[0]) == {"page", "column", "line", "article", "gap", "first_words"}
        assert [line["gap"] for line in loosest] == sorted((line["gap"] for line in loosest), reverse=True)
        assert loosest[0]["gap"] == pytest.approx(row["gap_max"], abs=1e-3)  # the widest space measured
        assert all(line["article"] in articles and line["line"] >= 1 and line["column"] in (1, 2, 3)
                   for line in loosest)
    # each line is where the report says: on that page, in that column
    with pdfplumber.open(whole_proof) as pdf:
        for line in editions["ky"]["loosest"]:
            page = pdf.pages[line["page"] - 1]
            middle = float(page.width) / 2
            left = line["column"] == 1
            half = page.crop((0, 0, middle, page.height) if left else (middle, 0, page.width, page.height))
            start = " ".join(line["first_words"].split()[:2])
            assert start in (half.extract_text() or "").replace("\n", " "), line


def test_report_shows_the_loosest_lines_in_80_columns(tmp_path):
    result = run_munpress("report", "147", "--lang", "ky", "--worst", "2", env={"COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    title = next(i for i, line in enumerate(lines) if line.startswith("ky: the loosest lines"))
    assert "page" in lines[title + 1] and "first words" in lines[title + 1]
    rows = [line for line in lines[title + 3:] if line[:4].strip().isdigit()]
    assert len(rows) == 2 and max(len(line.rstrip()) for line in lines) <= 80
    none = run_munpress("report", "147", "--lang", "ky", "--worst", "0")
    assert none.returncode == 0 and "loosest lines" not in none.stdout


def test_toc_json_gives_each_editions_contents_with_planned_and_real_pages():
    result = run_munpress("toc", "147", "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["issue"] == 147 and set(document["editions"]) == {"ky", "ru"}
    for lang, entries in document["editions"].items():
        assert all(set(entry) == {"rubric", "title", "article", "kind", "planned", "real"} for entry in entries)
        first = entries[0]
        assert (first["article"], first["planned"], first["real"], first["kind"]) == ("01-new-year", 4, 4, "article")
        assert first["rubric"] and first["title"]
    assert "17-subscription" in {entry["article"] for entry in document["editions"]["ru"]}
    assert "17-subscription" not in {entry["article"] for entry in document["editions"]["ky"]}
    assert "ң" in result.stdout or "ө" in result.stdout  # ensure_ascii=False: the letters as they are
    refused = run_munpress("toc", "147", "--json", "--toml")
    assert refused.returncode == 2 and refused.stdout == "" and "--json" in refused.stderr


def test_fonts_json_gives_each_roles_family_origin_files_and_missing_letters():
    result = run_munpress("fonts", "--json")
    assert result.returncode == 0, result.stderr
    roles = json.loads(result.stdout)["roles"]
    assert set(roles) == {"body", "heading"}
    assert (roles["body"]["family"], roles["heading"]["family"]) == ("PT Serif", "PT Sans")
    for role in roles.values():
        assert role["origin"] == "PyPI package" and role["missing"] == []
        assert role["files"] and all(Path(path).is_file() and path.endswith(".ttf") for path in role["files"])
    assert "PT_Serif-Web-Regular.ttf" in result.stdout


def test_the_selection_is_named_the_same_however_it_is_typed():
    from munpress.selection import Selection, page_ranges, parse_pages

    assert parse_pages("4-6,9") == parse_pages(" 9 , 4 - 6") == (4, 5, 6, 9)
    assert page_ranges(parse_pages("1,2,3,7,9,10")) == "1-3+7+9-10"
    assert Selection(("03-land-qa",), ()).suffix() == "03-land-qa"
    assert Selection(("03-land-qa",), (2,)).suffix() == "03-land-qa+pages-2"
    assert Selection(("a/b c",)).suffix() == "a_b_c"


def test_the_viewer_is_the_systems_own():
    from munpress.viewer import viewer_missing

    path = str(REPO)  # no xdg-open here
    assert viewer_missing({"PATH": path}, "darwin") is None
    assert viewer_missing({"PATH": path}, "win32") is None
    assert viewer_missing({"PATH": path, "CI": "true"}, "darwin") == "CI is set"
    assert "xdg-open" in viewer_missing({"PATH": path, "DISPLAY": ":0"}, "linux")
