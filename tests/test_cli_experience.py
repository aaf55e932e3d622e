"""The command line people use: quiet when fine, precise when not, and the helper commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import tomllib

import pytest

from tests.conftest import REPO, run_munpress, start_watch

COMMANDS = ("build", "check", "report", "flatplan", "new", "toc", "fonts", "watch")


def _leave_a_comment(magazine) -> None:
    import docx
    from docx.oxml import parse_xml

    path = magazine / "issues/147/manuscripts/ru/05-apricot-brand.docx"
    document = docx.Document(str(path))
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document.paragraphs[3]._p.append(parse_xml(f'<w:r {w}><w:commentReference w:id="7"/></w:r>'))
    document.save(str(path))


def test_check_groups_findings_by_article_with_a_one_line_summary_and_strict_fails_on_warnings(magazine_copy):
    _leave_a_comment(magazine_copy)
    relaxed = run_munpress("check", "147", "--lang", "ru", "--root", str(magazine_copy))
    assert relaxed.returncode == 0, relaxed.stdout
    lines = relaxed.stdout.splitlines()
    heading = lines.index("ru · 05-apricot-brand")
    assert "docx.comments" in lines[heading + 1] and lines[heading + 1].lstrip().startswith("warning")
    assert lines[-1] == "0 errors, 1 warning in 17 articles"
    strict = run_munpress("check", "147", "--lang", "ru", "--strict", "--root", str(magazine_copy))
    assert strict.returncode == 1


def test_check_shows_an_article_off_its_planned_page_once_with_the_fix(magazine_copy):
    manifest = magazine_copy / "issues/147/issue.toml"
    text = manifest.read_text("utf-8")
    assert text.count("\n  page = 9\n") == 1
    manifest.write_text(text.replace("\n  page = 9\n", "\n  page = 11\n"), "utf-8")
    result = run_munpress("check", "147", "--lang", "ky", "--root", str(magazine_copy))
    assert result.returncode == 1
    lines = [line.strip() for line in result.stdout.splitlines()]
    finding = lines.index("error   toc.page-mismatch: planned on page 11, starts on page 9 (-2)")
    # only ky was checked: the fix keeps ru's page as planned, and says so
    assert lines[finding + 1] == "→ set page = { ky = 9, ru = 11 } (ru not checked) in issue.toml, or change the layout"
    assert lines[-1] == "1 error, 0 warnings in 16 articles"
    differences = [line for line in lines if line.startswith("│ ky")]
    assert len(differences) == 1 and "04-women-deputies-club" in differences[0]  # only the one that moved


@pytest.mark.slow
def test_toc_write_accepts_the_layout_keeping_the_manifest_as_written(magazine_copy):
    manifest = magazine_copy / "issues/147/issue.toml"
    text = manifest.read_text("utf-8")
    assert text.count("\n  page = 9\n") == 1 and text.count("\n  page = { ky = 13, ru = 14 }\n") == 1
    moved = text.replace("\n  page = 9\n", "\n  page = 11  # moved\n").replace(
        "\n  page = { ky = 13, ru = 14 }\n", "\n  page = { ky = 15, ru = 14 }\n")
    manifest.write_text(moved, "utf-8")
    before = run_munpress("check", "147", "--root", str(magazine_copy))
    assert before.returncode == 1 and "munpress toc 147 --write" in before.stdout
    # each fix is right for both editions: one page where they agree, a table where they differ
    assert "→ set page = 9 in issue.toml" in before.stdout
    assert "→ set page = { ky = 13, ru = 14 } in issue.toml" in before.stdout
    written = run_munpress("toc", "147", "--write", "--root", str(magazine_copy))
    assert written.returncode == 0, written.stderr
    assert written.stdout.splitlines() == [
        "ky · 04-women-deputies-club: page 11 → 9", "ru · 04-women-deputies-club: page 11 → 9",
        "ky · 07-drinking-water: page 15 → 13", "issues/147/issue.toml: 3 planned pages set to the real ones"]
    assert manifest.read_text("utf-8") == text.replace("\n  page = 9\n", "\n  page = 9  # moved\n")
    assert run_munpress("check", "147", "--root", str(magazine_copy)).returncode == 0
    again = run_munpress("toc", "147", "--write", "--root", str(magazine_copy))
    assert again.stdout.strip() == "issues/147/issue.toml: every planned page already matches the layout"


def test_toc_write_refuses_an_issue_it_cannot_lay_out_and_changes_nothing(magazine_copy):
    manifest = magazine_copy / "issues/147/issue.toml"
    text = manifest.read_text("utf-8").replace("\n  page = 9\n", "\n  page = 11\n")
    manifest.write_text(text, "utf-8")
    (magazine_copy / "issues/147/manuscripts/ru/05-apricot-brand.docx").write_bytes(b"")
    refused = run_munpress("toc", "147", "--write", "--root", str(magazine_copy))
    assert refused.returncode == 2 and "05-apricot-brand.docx" in refused.stderr
    assert manifest.read_text("utf-8") == text


def test_check_counts_an_unreadable_manuscript_and_names_it_by_its_place(magazine_copy):
    manuscript = "issues/147/manuscripts/ru/05-apricot-brand.docx"
    (magazine_copy / manuscript).write_bytes(b"not a zip")
    result = run_munpress("check", "147", "--lang", "ru", "--root", str(magazine_copy))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "ru · 05-apricot-brand" in lines
    assert manuscript in " ".join(lines)  # where to find it, not just its name
    assert lines[-1] == "1 error, 0 warnings in 17 articles"  # the unread one is counted too


def test_quiet_says_nothing_when_all_is_well_and_verbose_says_every_step(tmp_path):
    quiet = run_munpress("--quiet", "build", "147", "--lang", "ky", "--variant", "screen", "--out", str(tmp_path))
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
    assert list(tmp_path.glob("*.pdf"))
    verbose = run_munpress("--verbose", "--no-cache", "build", "147", "--lang", "ky", "--variant", "screen",
                           "--out", str(tmp_path / "v"))
    steps = verbose.stderr.splitlines()
    assert any("ky: reading the manuscripts" in step for step in steps)
    assert any("ky: laying out" in step for step in steps) and all(step.startswith("[") for step in steps)
    cached = run_munpress("--verbose", "build", "147", "--lang", "ky", "--variant", "screen",
                          "--out", str(tmp_path / "c"))  # the quiet build filled the cache
    assert any("ky: unchanged since the last run, taken from .munpress-cache" in step
               for step in cached.stderr.splitlines()), cached.stderr


def test_colours_follow_the_terminal_and_no_color_turns_them_off(magazine_copy):
    _leave_a_comment(magazine_copy)
    arguments = [sys.executable, "-m", "munpress", "check", "147", "--lang", "ru", "--root", str(magazine_copy)]
    coloured = subprocess.run(arguments, cwd=REPO, capture_output=True, text=True,
                              env={**os.environ, "FORCE_COLOR": "1", "NO_COLOR": ""}, timeout=120)
    plain = subprocess.run(arguments, cwd=REPO, capture_output=True, text=True,
                           env={**os.environ, "FORCE_COLOR": "1", "NO_COLOR": "1"}, timeout=120)
    yellow = "\x1b[33m"  # the warning's colour; NO_COLOR keeps bold and dim, which are not colours
    assert yellow in coloured.stdout and yellow not in plain.stdout


def test_new_scaffolds_the_next_issue_and_never_overwrites_one(magazine_copy):
    made = run_munpress("new", "148", "--from", "147", "--root", str(magazine_copy))
    assert made.returncode == 0, made.stderr
    folder = magazine_copy / "issues/148"
    issue = tomllib.loads((folder / "issue.toml").read_text("utf-8"))
    assert (issue["number"], issue["number_in_year"], str(issue["date"])) == (148, 2, "2024-02-15")
    assert issue["headlines"] == [] and len(issue["sections"]) == 6
    assert issue["print_run"] == 1000 and "signed_to_print" not in issue  # the run stays, the day is new
    assert "articles" not in issue["sections"][0]  # emptied: the editors fill them in
    assert (folder / "manuscripts/ky").is_dir() and (folder / "manuscripts/ru").is_dir()
    again = run_munpress("new", "148", "--from", "147", "--root", str(magazine_copy))
    assert again.returncode == 2 and len(again.stderr.strip().splitlines()) == 1
    assert "already exists" in again.stderr and "Traceback" not in again.stderr


def test_new_without_from_copies_the_latest_issue_before_it(magazine_copy):
    made = run_munpress("new", "150", "--root", str(magazine_copy))
    assert made.returncode == 0, made.stderr
    issue = tomllib.loads((magazine_copy / "issues/150/issue.toml").read_text("utf-8"))
    assert (issue["number"], issue["number_in_year"]) == (150, 2)  # made from 147, the only one before
    none_before = run_munpress("new", "100", "--root", str(magazine_copy))
    assert none_before.returncode == 2 and "--from" in none_before.stderr
    assert not (magazine_copy / "issues/100").exists()


def test_toc_prints_the_real_pages_as_toml_editors_can_paste():
    pasted = run_munpress("toc", "147", "--toml")
    assert pasted.returncode == 0, pasted.stderr
    pages = {}
    for comment, line in zip(pasted.stdout.splitlines()[::2], pasted.stdout.splitlines()[1::2]):
        pages[comment.split(":")[0].lstrip("# ")] = tomllib.loads(line)["page"]
    assert pages["01-new-year"] == 4 and pages["02-deputies-training"] == {"ky": 5, "ru": 6}
    issue = tomllib.loads((REPO / "issues/147/issue.toml").read_text("utf-8"))
    planned = [a["page"] for s in issue["sections"] for a in s["articles"]]
    assert [p for p in pages.values()] == planned  # the sample plan is the real one
    table = run_munpress("toc", "147", "--lang", "ru")
    assert "ЮРИДИЧЕСКАЯ КОНСУЛЬТАЦИЯ" in table.stdout and "rubric" in table.stdout


def test_fonts_lists_each_role_its_source_and_its_coverage():
    result = run_munpress("fonts")
    assert result.returncode == 0, result.stderr
    assert "PT Serif" in result.stdout and "PT Sans" in result.stdout
    assert result.stdout.count("all covered") == 2 and "PyPI package" in result.stdout


@pytest.mark.slow
def test_watch_rebuilds_the_proof_when_a_manuscript_changes(magazine_copy):
    process = start_watch(magazine_copy, "--lang", "ky", "--builds", "2", "--interval", "0.2")
    first = process.stdout.readline()
    assert "built 1 proof in" in first and "error" not in first, first + process.stderr.read()
    time.sleep(0.05)
    manifest = magazine_copy / "issues/147/issue.toml"
    text = manifest.read_text("utf-8")
    assert text.count("\n  page = 9\n") == 1
    manifest.write_text(text.replace("\n  page = 9\n", "\n  page = 11\n"), "utf-8")  # a plan now off
    output, errors = process.communicate(timeout=120)
    assert process.returncode == 0, errors
    assert "built 1 proof in" in output and (magazine_copy / "build/147/municipalitet-147-ky-proof.pdf").is_file()
    assert "1 error, 0 warnings: munpress check 147 for details" in output


@pytest.mark.slow
def test_ctrl_c_stops_watch_as_the_normal_way_out(magazine_copy):
    import signal

    process = start_watch(magazine_copy, "--lang", "ky", "--interval", "0.2")
    first = process.stdout.readline()
    assert "built 1 proof in" in first, first + process.stderr.read()
    proof = magazine_copy / "build/147/municipalitet-147-ky-proof.pdf"
    built = proof.read_bytes()
    process.send_signal(signal.SIGINT)
    output, errors = process.communicate(timeout=60)
    assert process.returncode == 0, errors
    assert errors.splitlines()[0] == "watching 53 files of issue 147; Ctrl-C stops"  # 33 manuscripts, 18 fillers, 2 TOML
    assert errors.splitlines()[-1] == "stopped watching" and "interrupted" not in errors
    assert proof.read_bytes() == built


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = run_munpress(command, "--help")
    assert result.returncode == 0 and "Example:" in result.stdout


def complete(words: str, cwd) -> str:
    """What the shell's tab completion would offer after `words` (typer's zsh protocol)."""
    env = {**os.environ, "_MUNPRESS_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": words}
    return subprocess.run([sys.executable, "-m", "munpress"], cwd=cwd, capture_output=True, text=True, env=env,
                          timeout=60).stdout


def test_tab_completes_the_magazines_issues_editions_and_variants(magazine_copy):
    (magazine_copy / "issues/150").mkdir()  # a folder without issue.toml is not an issue
    assert run_munpress("new", "148", "--root", str(magazine_copy)).returncode == 0
    issues = complete("munpress build 1", magazine_copy / "issues/147/manuscripts")  # found upward, as commands are
    assert '"148":"issue of 2024-02-15"' in issues and '"147":"issue of 2024-01-15"' in issues
    assert issues.index('"148"') < issues.index('"147"') and '"150"' not in issues  # newest first
    assert '"148"' not in complete("munpress check 147 --lang k", magazine_copy)
    assert '"ky":"Кыргызча"' in complete("munpress check 147 --lang k", magazine_copy)
    variants = complete("munpress build 147 --variant p", magazine_copy)
    assert '"print"' in variants and '"proof"' in variants and '"screen"' not in variants


def test_the_variants_the_cli_describes_are_the_layouts_variants():
    from munpress.cli import VARIANTS
    from munpress.layout.variant import VARIANT_NAMES

    assert [name for name, _ in VARIANTS] == list(VARIANT_NAMES)


def test_version_and_completion():
    assert run_munpress("--version").stdout.startswith("munpress ")
    assert "--install-completion" in run_munpress("--help").stdout


@pytest.mark.parametrize(("args", "said"), [
    pytest.param(("buidl", "147"), "Did you mean 'build'?", id="misspelt-command"),
    pytest.param(("build", "147", "--lnag", "ky"), "--lnag", id="unknown-option"),
    pytest.param(("build",), "Missing argument", id="missing-issue"),
    pytest.param(("watch", "147", "--interval", "-1"), "--interval", id="negative-interval"),
    pytest.param(("toc", "147", "--write", "--toml"), "choose one", id="write-and-toml"),
])
def test_a_usage_mistake_gets_clicks_message_and_exit_2_not_an_internal_error(args, said):
    result = run_munpress(*args)
    assert result.returncode == 2, result.stderr
    assert said in result.stderr and "internal error" not in result.stderr


def test_no_command_shows_the_commands():
    result = run_munpress()
    assert "build" in result.stdout + result.stderr and "internal error" not in result.stderr


def test_report_fits_an_80_column_terminal_without_cutting_a_name_or_a_number():
    result = subprocess.run([sys.executable, "-m", "munpress", "report", "147", "--lang", "ky"], cwd=REPO,
                            capture_output=True, text=True, env={**os.environ, "COLUMNS": "80"}, timeout=300)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80
    assert "…" not in result.stdout
    manuscripts = sorted(path.stem for path in (REPO / "issues/147/manuscripts/ky").glob("*.docx"))
    split = next(i for i, line in enumerate(lines) if "page composition" in line)
    for table, columns in ((lines[:split], {9}), (lines[split:], {5, 7})):
        rows = {line.split()[0]: line.split()[1:] for line in table
                if line[:2].isdigit() and "-" in line.split()[0] or line.startswith("(")}
        assert sorted(set(rows) - {"(edition)"}) == manuscripts
        assert all(len(numbers) in columns for numbers in rows.values()), rows
    assert "where to look" in result.stdout


def test_fonts_names_each_file_whole_on_an_80_column_terminal():
    result = subprocess.run([sys.executable, "-m", "munpress", "fonts"], cwd=REPO, capture_output=True, text=True,
                            env={**os.environ, "COLUMNS": "80"}, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "PT_Serif-Web-Regular.ttf" in result.stdout and "PT_Sans-Web-BoldItalic.ttf" in result.stdout


def test_watch_looks_at_the_toml_files_the_manuscripts_and_the_magazines_fonts(magazine_copy):
    from munpress.pipeline import watched_files

    (magazine_copy / "fonts").mkdir(exist_ok=True)
    (magazine_copy / "fonts" / "Magazine-Regular.ttf").write_bytes(b"")
    (magazine_copy / "fonts" / "README.txt").write_text("licences")
    watched = {path.relative_to(magazine_copy).as_posix() for path in watched_files(magazine_copy, "147")}
    assert {"munpress.toml", "issues/147/issue.toml", "fonts/Magazine-Regular.ttf"} <= watched
    assert "issues/147/manuscripts/ky/01-new-year.docx" in watched and "fonts/README.txt" not in watched
    assert len([path for path in watched if path.endswith(".docx")]) == 33 + 18  # the manuscripts, the fillers
    assert "fillers/ru/seminar.docx" in watched
    (magazine_copy / "issues/147/manuscripts/ky/~$-new-year.docx").write_bytes(b"owner")  # Word has it open
    assert watched_files(magazine_copy, "147").keys() == {magazine_copy / path for path in watched}


@pytest.mark.parametrize("command", [("toc",), pytest.param(("toc", "--toml"), marks=pytest.mark.slow), ("report",),
                                     pytest.param(("report", "--json"), marks=pytest.mark.slow)])
def test_toc_and_report_refuse_an_issue_they_cannot_lay_out_instead_of_an_empty_table(magazine_copy, command):
    (magazine_copy / "issues/147/manuscripts/ky/05-apricot-brand.docx").write_bytes(b"not a zip")
    result = run_munpress(*command, "147", "--root", str(magazine_copy))
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "issues/147/manuscripts/ky/05-apricot-brand.docx" in result.stderr


def test_findings_of_a_whole_edition_are_headed_as_such():
    from munpress.cli import _print_findings, out
    from munpress.diagnostics import Diagnostic, Severity

    findings = [Diagnostic(Severity.ERROR, "pages.not-multiple-of-4", "the edition has 27 pages", lang="ky"),
                Diagnostic(Severity.ERROR, "issn.format", "the ISSN is not 8 digits"),
                Diagnostic(Severity.WARNING, "docx.comments", "2 comments", article="05-apricot-brand", lang="ru")]
    with out.capture() as captured:
        _print_findings(findings, 17, "147")
    headings = [line for line in captured.get().splitlines() if not line.startswith(" ")]
    assert headings == ["the issue", "ky · the edition", "ru · 05-apricot-brand", "2 errors, 1 warning in 17 articles"]


def test_an_articles_columns_in_issue_toml_reach_the_page(magazine_copy):
    def lines_of_the_first_article() -> int:
        result = run_munpress("report", "147", "--lang", "ky", "--json", "--root", str(magazine_copy))
        assert result.returncode == 0, result.stderr
        return next(row["lines"] for row in json.loads(result.stdout) if row["article"] == "01-new-year")

    two_columns = lines_of_the_first_article()
    manifest = magazine_copy / "issues/147/issue.toml"
    text = manifest.read_text("utf-8")
    assert text.count("\n  page = 4\n") == 1
    manifest.write_text(text.replace("\n  page = 4\n", "\n  page = 4\n  columns = 1\n"), "utf-8")
    assert lines_of_the_first_article() < two_columns * 0.7  # a measure twice as wide: about half the lines
