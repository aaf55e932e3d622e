"""Inputs the manifest property tests (tests/fuzz/test_manifest_properties.py) found raising
something other than one InputError line: each is now refused with the file and key path."""

from __future__ import annotations

import os

import pytest

from munpress.diagnostics import InputError
from munpress.manifest import load_manifest
from tests.manifest.test_load import failure, issue_error, with_article


def test_arrays_nested_too_deeply_are_a_syntax_error_not_a_recursion_error(magazine):
    error = issue_error(magazine, with_article() + "deep = " + "[" * 5000 + "\n")
    assert error.code == "manifest.syntax" and error.file == "issues/1/issue.toml"
    assert "nested too deeply" in error.message


@pytest.mark.parametrize("issue", ["0" * 300, "ж" * 200])
def test_an_issue_name_too_long_for_the_system_is_no_such_issue(magazine, issue):
    magazine.issue(with_article())
    error = failure(load_manifest, magazine.root, issue, check_files=False)
    assert error.code == "manifest.no-issue" and "issues here: 1" in error.one_line()
    assert len(error.one_line()) < 300


def test_an_issue_name_with_a_line_break_gives_one_line(magazine):
    magazine.issue(with_article())
    error = failure(load_manifest, magazine.root, "1\n2", check_files=False)
    assert error.code == "manifest.no-issue" and "1\\n2" in error.one_line()


def test_a_manuscript_path_with_a_control_character_is_named_by_its_key(magazine):
    text = with_article(manuscript='manuscript = { ky = "manuscripts/ky/a\\u0000.docx", ru = "manuscripts/ru/a.docx" }')
    error = issue_error(magazine, text)
    assert error.code == "manifest.value"
    assert error.message.startswith("sections[0].articles[0].manuscript.ky: manuscripts/ky/a\\x00.docx holds")


def test_a_manuscript_name_too_long_for_the_system_is_a_missing_file(magazine):
    long = "ж" * 300 + ".docx"
    text = with_article(manuscript=f'manuscript = {{ ky = "manuscripts/ky/{long}", ru = "manuscripts/ru/a.docx" }}')
    magazine.manuscript("manuscripts/ky/a.docx")  # the folder exists: the system refuses the name itself
    error = issue_error(magazine, text, check_files=True)
    assert error.code == "manifest.missing-file"
    assert error.message.startswith("sections[0].articles[0].manuscript.ky: file not found")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_manuscript_behind_a_symbolic_link_loop_is_named_by_its_key(magazine):
    looped = 'manuscript = { ky = "loop/a.docx", ru = "manuscripts/ru/a.docx" }'
    folder = magazine.issue(with_article(manuscript=looped))
    os.symlink(folder / "loop", folder / "loop")
    error = failure(load_manifest, magazine.root, 1, check_files=False)
    assert isinstance(error, InputError) and error.code == "manifest.missing-file"
    assert error.message.startswith("sections[0].articles[0].manuscript.ky: loop/a.docx cannot be followed")
