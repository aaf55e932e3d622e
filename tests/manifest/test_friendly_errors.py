"""Mistakes editors make in issue.toml, answered with the fix itself (issue 14): a date
written day first, a typo in a file name, an absolute path, a name without .docx."""

from __future__ import annotations

import pytest

from tests.manifest.test_load import issue_error, with_article


@pytest.mark.parametrize("written", ["15.02.2024", "15/02/2024", "5.2.2024"])
def test_a_date_written_day_first_says_how_to_write_it(magazine, written):
    error = issue_error(magazine, with_article().replace("date = 2024-01-15", f"date = {written}"))
    assert error.code == "manifest.syntax" and "line 3" in error.message
    day, month = written.replace("/", ".").split(".")[:2]
    assert error.hint.endswith(f"date = 2024-{int(month):02d}-{int(day):02d}")


def test_a_file_name_with_a_typo_gives_the_file_that_is_there(magazine):
    magazine.manuscript("manuscripts/ky/02-training.docx")
    magazine.manuscript("manuscripts/ru/a.docx")
    text = with_article(manuscript='manuscript = { ky = "manuscripts/ky/02-trainig.docx", ru = "manuscripts/ru/a.docx" }')
    error = issue_error(magazine, text, check_files=True)
    assert error.code == "manifest.missing-file"
    assert error.hint == 'write "manuscripts/ky/02-training.docx": that file is there'


def test_a_missing_file_with_nothing_like_it_keeps_the_general_hint(magazine):
    magazine.manuscript("manuscripts/ru/a.docx")
    error = issue_error(magazine, with_article(), check_files=True)
    assert error.code == "manifest.missing-file" and error.hint.startswith("check the path")


def test_an_absolute_path_inside_the_issue_gives_the_relative_one(magazine):
    inside = magazine.manuscript("manuscripts/ky/a.docx")
    text = with_article(manuscript=f'manuscript = {{ ky = "{inside}", ru = "manuscripts/ru/a.docx" }}')
    error = issue_error(magazine, text)
    assert error.code == "manifest.path-absolute" and error.hint == 'write "manuscripts/ky/a.docx"'


def test_a_name_without_docx_gives_the_file_with_it(magazine):
    magazine.manuscript("manuscripts/ky/a.docx")
    text = with_article(manuscript='manuscript = { ky = "manuscripts/ky/a", ru = "manuscripts/ru/a.docx" }')
    error = issue_error(magazine, text)
    assert error.code == "manifest.file-type" and error.hint == 'write "manuscripts/ky/a.docx": that file is there'


def test_every_problem_of_an_issue_is_reported_in_one_run_with_its_line_and_column(magazine):
    from munpress.manifest import load_manifest
    from tests.manifest.test_load import failure

    text = with_article(extra='columns = "two"\nnew_page = "yes"').replace(
        "date = 2024-01-15", 'date = 2024-01-15\ncolour = "blue"')
    magazine.issue(text)
    error = failure(load_manifest, magazine.root, 1, check_files=False)
    lines = [problem.one_line() for problem in (error, *error.more)]
    assert sorted(line.split(": ")[0] for line in lines) == [
        "issues/1/issue.toml:11:1", "issues/1/issue.toml:12:1", "issues/1/issue.toml:4:1"], lines
    assert {problem.key for problem in (error, *error.more)} == {
        "colour", "sections[0].articles[0].columns", "sections[0].articles[0].new_page"}


def test_a_problem_that_ends_the_search_is_the_last_one_reported(magazine):
    from munpress.manifest import load_manifest
    from tests.manifest.test_load import failure

    magazine.issue(with_article(manuscript='file = { ky = "manuscripts/ky/a.docx", ru = "manuscripts/ru/a.docx" }'))
    error = failure(load_manifest, magazine.root, 1, check_files=False)
    assert [problem.code for problem in (error, *error.more)] == ["manifest.unknown-key", "manifest.missing-key"]
    assert error.one_line().startswith("issues/1/issue.toml:8:1: sections[0].articles[0].file: unknown key")


def test_a_misspelt_required_key_is_said_once_not_again_as_missing(magazine):
    from munpress.manifest import load_manifest
    from tests.manifest.test_load import failure

    magazine.issue(with_article(manuscript='manuscrpt = { ky = "manuscripts/ky/a.docx", ru = "manuscripts/ru/a.docx" }'))
    error = failure(load_manifest, magazine.root, 1, check_files=False)
    assert [problem.code for problem in (error, *error.more)] == ["manifest.unknown-key"]
    assert "did you mean 'manuscript'?" in error.one_line()
