"""write_planned_pages: only the `page` values change; every comment and line stays."""

from __future__ import annotations

import difflib
import os

import pytest

from munpress.diagnostics import InputError
from munpress.manifest import load_manifest
from munpress.manifest.edit import PageChange, write_planned_pages

ISSUE = """\
# Issue 1: planned by the editors on 2024-01-10
number = 1
number_in_year = 1
date = 2024-01-15
languages = ["ky", "ru"]

[[sections]]
title = { ky = "БӨЛҮМ", ru = "РАЗДЕЛ" }

  [[sections.articles]]
  manuscript = { ky = "manuscripts/ky/01-first.docx", ru = "manuscripts/ru/01-first.docx" }
  page = 4          # the opening article

  [[sections.articles]]
  manuscript = { ky = "manuscripts/ky/02-second.docx", ru = "manuscripts/ru/02-second.docx" }
  page = { ky = 6, ru = 7 }

  [[sections.articles]]
  id = "third"
  manuscript = { ky = "manuscripts/ky/03-third.docx", ru = "manuscripts/ru/03-third.docx" }
  page = 9
"""


@pytest.fixture
def issue(magazine):
    folder = magazine.issue(ISSUE)
    for lang in ("ky", "ru"):
        for name in ("01-first", "02-second", "03-third"):
            magazine.manuscript(f"manuscripts/{lang}/{name}.docx")
    return magazine, folder


def real(magazine, pages: dict[str, dict[str, int]]) -> dict:
    """`pages` by article id, keyed by the loader's key paths, as the pipeline passes them."""
    entries = load_manifest(magazine.root, "1").issue.entries()
    return {e.key_path: (e.id, pages[e.id], tuple(lang for lang, _ in e.manuscripts))
            for e in entries if e.id in pages}


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"]


def test_only_the_page_values_change_and_comments_stay(issue):
    magazine, folder = issue
    changes = write_planned_pages(folder, real(magazine, {
        "01-first": {"ky": 5, "ru": 5}, "02-second": {"ky": 6, "ru": 8}, "third": {"ky": 9, "ru": 9}}))
    assert changes == [PageChange("01-first", "ky", 4, 5), PageChange("01-first", "ru", 4, 5),
                       PageChange("02-second", "ru", 7, 8)]
    after = (folder / "issue.toml").read_text("utf-8")
    assert changed_lines(ISSUE, after) == [
        "-   page = 4          # the opening article", "+   page = 5          # the opening article",
        "-   page = { ky = 6, ru = 7 }", "+   page = { ky = 6, ru = 8 }"]
    planned = {e.id: dict(e.planned_pages) for e in load_manifest(magazine.root, "1").issue.entries()}
    assert planned == {"01-first": {"ky": 5, "ru": 5}, "02-second": {"ky": 6, "ru": 8}, "third": {"ky": 9, "ru": 9}}


def test_a_number_for_both_editions_splits_when_they_part(issue):
    magazine, folder = issue
    write_planned_pages(folder, real(magazine, {"third": {"ky": 9, "ru": 10}}))
    planned = {e.id: dict(e.planned_pages) for e in load_manifest(magazine.root, "1").issue.entries()}
    assert planned["third"] == {"ky": 9, "ru": 10}
    assert "  page = { ky = 9, ru = 10 }" in (folder / "issue.toml").read_text("utf-8").splitlines()


def test_one_edition_laid_out_leaves_the_others_page(issue):
    magazine, folder = issue
    write_planned_pages(folder, real(magazine, {"01-first": {"ky": 6}}))
    planned = {e.id: dict(e.planned_pages) for e in load_manifest(magazine.root, "1").issue.entries()}
    assert planned["01-first"] == {"ky": 6, "ru": 4}


def test_nothing_to_change_leaves_the_file_untouched(issue):
    magazine, folder = issue
    path = folder / "issue.toml"
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    assert write_planned_pages(folder, real(magazine, {"01-first": {"ky": 4, "ru": 4}})) == []
    assert path.stat().st_mtime_ns == 1_000_000_000 and path.read_text("utf-8") == ISSUE


def test_a_file_that_cannot_be_replaced_is_one_line_and_stays_whole(issue, monkeypatch):
    magazine, folder = issue
    actual = real(magazine, {"01-first": {"ky": 5, "ru": 5}})

    def refuse(source, target):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(InputError) as caught:
        write_planned_pages(folder, actual)
    assert "issue.toml" in caught.value.one_line() and "Permission denied" in caught.value.one_line()
    assert (folder / "issue.toml").read_text("utf-8") == ISSUE
    assert sorted(p.name for p in folder.iterdir()) == ["issue.toml", "manuscripts"]  # no .part left


def test_windows_line_ends_and_byte_order_mark_stay(magazine):
    folder = magazine.issue("\ufeff" + ISSUE.replace("\n", "\r\n"))
    for lang in ("ky", "ru"):
        for name in ("01-first", "02-second", "03-third"):
            magazine.manuscript(f"manuscripts/{lang}/{name}.docx")
    write_planned_pages(folder, real(magazine, {"01-first": {"ky": 5, "ru": 5}}))
    data = (folder / "issue.toml").read_bytes()
    assert data == ("\ufeff" + ISSUE.replace("page = 4 ", "page = 5 ").replace("\n", "\r\n")).encode("utf-8")
