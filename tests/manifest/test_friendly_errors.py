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
