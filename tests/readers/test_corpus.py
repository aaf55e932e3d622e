"""Every real-world file of the robustness corpus is read or refused cleanly, never a traceback."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from munpress.diagnostics import InputError, Sink
from munpress.model.nodes import Document, ListItem, block_text
from tests.conftest import SHARED

CORPUS = SHARED / "corpus" / "docx"

if not CORPUS.is_dir():
    pytest.skip(f"the .docx corpus is not at {CORPUS}", allow_module_level=True)

from munpress.readers import read_manuscript  # noqa: E402

FILES = sorted(CORPUS.glob("*.docx"))
REFUSED = {
    "poi__bug53475-password-is-pass.docx": "encrypted",
    "poi__truncated62886.docx": "not a readable .docx",
    "poi__clusterfuzz-testcase-minimized-POIXWPFFuzzer-5313273089884160.docx": "not a readable .docx",
    "poi__stress025.docx": "no Word document",
    "mammoth__strict-format.docx": "Strict Open XML",
}


@cache
def outcome(name: str) -> tuple[Document | None, InputError | None, Sink]:
    sink = Sink()
    try:
        return read_manuscript(CORPUS / name, lang="ru", sink=sink), None, sink
    except InputError as error:
        return None, error, sink


def all_text(name: str) -> str:
    document, _, _ = outcome(name)
    assert document is not None
    return " ".join(block_text(block) for block in document.blocks)


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_each_corpus_file_is_read_or_refused_with_one_line_naming_it(path: Path) -> None:
    document, error, _ = outcome(path.name)
    if error is not None:
        assert "\n" not in error.one_line()
        assert path.name in str(error)
    else:
        assert isinstance(document, Document) and document.source == path.name


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_known_bad_files_are_refused_for_the_right_reason(name: str) -> None:
    _, error, _ = outcome(name)
    assert error is not None and REFUSED[name] in str(error)


def test_text_of_a_tracked_insertion_survives() -> None:
    assert "two exciting insertions" in all_text("pandoc__track_changes_insertion.docx")


def test_text_inside_smart_tags_survives() -> None:
    assert "Carnegie Mellon University School" in all_text("poi__smarttag-snippet.docx")


def test_all_three_bodies_of_a_broken_document_are_read() -> None:
    text = all_text("poi__MultipleBodyBug.docx")
    assert all(f"END BODY {number}" in text for number in (1, 2, 3))


def test_soft_and_non_breaking_hyphens_survive() -> None:
    text = all_text("pandoc__special_punctuation.docx")
    assert "[\u00ad]" in text and "[\u2011]" in text


def test_text_boxes_are_kept() -> None:
    assert "Datum plane" in all_text("mammoth__text-box.docx")


def test_deleted_text_is_gone() -> None:
    assert "deletion" in all_text("pandoc__track_changes_deletion.docx")
    document, _, _ = outcome("pandoc__track_changes_deletion.docx")
    assert document is not None and document.review_marks.deletions >= 1


def test_the_external_entity_is_not_resolved_and_the_text_after_it_stays() -> None:
    text = all_text("poi__ExternalEntityInText.docx")
    assert "poi.apache.org" not in text and text.rstrip().endswith('""')


def test_restarted_list_numbers_follow_word() -> None:
    document, _, _ = outcome("pandoc__lists_restart_8367.docx")
    assert document is not None
    labels = [block.label for block in document.blocks if isinstance(block, ListItem)]
    assert labels == ["1.", "2.", "3.", "1.", "2.", "3.", "4."]


def test_an_externally_linked_picture_is_reported_not_fatal() -> None:
    _, _, sink = outcome("mammoth__external-picture.docx")
    assert [error.code for error in sink.errors] == ["docx.missing-image"]
