"""What CI and scripts rely on: check's versioned JSON (also when the manifest cannot be read),
GitHub annotations, --strict saying why it failed, every manifest problem in one run, and the
global flags accepted after the command as the docs write them."""

from __future__ import annotations

import json
import re

from tests.conftest import REPO, check_document, run_munpress

ISSUE = "issues/147/issue.toml"


def _move_first_article(magazine) -> None:
    path = magazine / ISSUE
    text = path.read_text("utf-8")
    assert text.count("\n  page = 4\n") == 1
    path.write_text(text.replace("\n  page = 4\n", "\n  page = 5\n"), "utf-8")


def _two_mistakes(magazine) -> None:
    path = magazine / ISSUE
    text = path.read_text("utf-8").replace("print_run = 1000 ", 'print_run = "1000"')
    path.write_text(text.replace("manuscript = ", "manuscrpt = ", 1), "utf-8")


def test_check_json_is_one_versioned_document_whose_summary_matches_the_exit_code(magazine_copy):
    _move_first_article(magazine_copy)
    result = run_munpress("check", "147", "--lang", "ky", "--json", "--root", str(magazine_copy))
    document = check_document(result.stdout)  # validated against munpress/data/check.schema.json
    assert document["version"] == 1
    summary = document["summary"]
    assert summary["exit_code"] == result.returncode == 1
    assert summary["errors"] == sum(f["severity"] == "error" for f in document["findings"]) >= 1
    assert summary["articles"] == 16 and summary["strict"] is False
    assert {f["code"] for f in document["findings"]} >= {"toc.page-mismatch"}


def test_check_json_reports_an_unreadable_manifest_as_findings_with_their_lines(magazine_copy):
    _two_mistakes(magazine_copy)
    result = run_munpress("check", "147", "--json", "--root", str(magazine_copy))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    document = check_document(result.stdout)
    assert document["summary"] == {"errors": 2, "warnings": 0, "infos": 0, "articles": None, "strict": False,
                                   "exit_code": 2}
    lines = (magazine_copy / ISSUE).read_text("utf-8").splitlines()
    for finding in document["findings"]:
        assert finding["file"] == ISSUE and finding["severity"] == "error"
        assert finding["key"].split(".")[-1].split("[")[0] in lines[finding["line"] - 1], finding
    assert {f["key"] for f in document["findings"]} == {"print_run", "sections[0].articles[0].manuscrpt"}


def test_every_problem_of_a_manifest_is_printed_in_one_run_each_with_its_line(magazine_copy):
    _two_mistakes(magazine_copy)
    result = run_munpress("check", "147", "--root", str(magazine_copy))
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 2, result.stderr
    assert all(re.match(rf"error: {re.escape(ISSUE)}:\d+:\d+: ", line) for line in errors), errors
    assert result.stderr.splitlines()[-1] == f"2 problems in {ISSUE}"


def test_github_format_annotates_the_line_of_issue_toml_to_fix(magazine_copy):
    _move_first_article(magazine_copy)
    result = run_munpress("check", "147", "--lang", "ky", "--format", "github", "--root", str(magazine_copy))
    assert result.returncode == 1
    annotations = result.stdout.splitlines()
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in annotations), annotations
    [mismatch] = [line for line in annotations if "toc.page-mismatch" in line]
    page_line = (magazine_copy / ISSUE).read_text("utf-8").splitlines().index("  page = 5") + 1
    assert mismatch.startswith(f"::error file={ISSUE},line={page_line},col=3,title=toc.page-mismatch · ky · 01-new-year::")
    message = mismatch.split("::", 2)[2]
    assert "%0A→ set page = { ky = 4" in message  # the hint on the annotation's second line


def test_github_format_annotates_an_unreadable_manifest_too(magazine_copy):
    _two_mistakes(magazine_copy)
    result = run_munpress("check", "147", "--format", "github", "--root", str(magazine_copy))
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and all(re.match(rf"::error file={re.escape(ISSUE)},line=\d+,col=\d+,title=manifest\.", line)
                                   for line in lines), lines


def test_strict_says_that_warnings_failed_the_check(magazine_copy):
    from tests.test_cli_experience import _leave_a_comment

    _leave_a_comment(magazine_copy)
    relaxed = run_munpress("check", "147", "--lang", "ru", "--root", str(magazine_copy))
    strict = run_munpress("check", "147", "--lang", "ru", "--strict", "--root", str(magazine_copy))
    assert relaxed.returncode == 0 and "--strict" not in relaxed.stderr
    assert strict.returncode == 1
    assert "--strict: 1 warning fails the check (exit 1); without --strict it would pass" in strict.stderr
    as_json = check_document(run_munpress("check", "147", "--lang", "ru", "--strict", "--json",
                                          "--root", str(magazine_copy)).stdout)
    assert as_json["summary"]["strict"] is True and as_json["summary"]["exit_code"] == 1


def test_an_unknown_format_is_a_usage_error():
    result = run_munpress("check", "147", "--format", "xml")
    assert result.returncode == 2 and "unknown format 'xml'" in result.stderr and "--format github" in result.stderr


def test_global_flags_work_after_the_command_as_the_docs_write_them(magazine_copy):
    _move_first_article(magazine_copy)
    after = run_munpress("check", "147", "--lang", "ky", "-q", "--root", str(magazine_copy))
    before = run_munpress("-q", "check", "147", "--lang", "ky", "--root", str(magazine_copy))
    assert after.returncode == before.returncode == 1 and after.stdout == before.stdout
    assert "→" not in after.stdout  # quiet: no hints
    verbose = run_munpress("check", "147", "--lang", "ky", "--verbose", "--root", str(magazine_copy))
    assert "Planned and real start pages" in verbose.stdout and re.search(r"\[\s*\d+\.\d s\]", verbose.stderr)


def test_ci_runs_the_strict_check_of_every_issue():
    run = (REPO / ".ci" / "run").read_text("utf-8")
    makefile = (REPO / "Makefile").read_text("utf-8")
    assert "make checks" in run and "make checks" in (REPO / "README.md").read_text("utf-8")
    target = makefile.split("\nchecks:", 1)[1].split("\n\n", 1)[0]
    assert "for issue in issues/*/" in target and "check" in target and "--strict" in target


def test_the_schema_is_shipped_in_the_package():
    from importlib import resources

    schema = json.loads(resources.files("munpress.data").joinpath("check.schema.json").read_text("utf-8"))
    assert schema["properties"]["version"] == {"const": 1}
