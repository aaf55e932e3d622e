"""Files that are not usable .docx are refused with one clear line, before anything inflates."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from munpress.diagnostics import InputError, Sink
from munpress.readers import read_manuscript
from tests.readers.docx_builder import Manuscript, paragraph, read


def refusal(path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        read(path)
    error = caught.value
    assert "\n" not in error.one_line()
    assert path.name in str(error)
    return error


def test_a_file_that_is_not_docx_is_refused_with_a_hint_to_save_it_as_docx(tmp_path: Path) -> None:
    path = tmp_path / "article.doc"
    path.write_bytes(b"whatever")
    with pytest.raises(InputError) as caught:
        read_manuscript(path, lang="ru", sink=Sink())
    assert "article.doc" in str(caught.value)
    assert "save it as .docx" in str(caught.value)


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    assert "empty" in str(refusal(path))


def test_text_renamed_to_docx_is_refused_as_not_a_word_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_text("Бул Word файлы эмес", encoding="utf-8")
    assert "not a readable .docx" in str(refusal(path))


def test_an_encrypted_or_old_doc_file_is_refused_by_its_ole_signature(tmp_path: Path) -> None:
    path = tmp_path / "secret.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    message = str(refusal(path))
    assert "encrypted (password-protected) or an old Word .doc" in message
    assert "save it as an unprotected .docx" in message


def test_a_truncated_zip_is_refused_as_damaged(tmp_path: Path) -> None:
    whole = Manuscript().body(paragraph("Толук текст")).save(tmp_path, "whole.docx")
    cut = tmp_path / "cut.docx"
    cut.write_bytes(whole.read_bytes()[:-200])
    assert "damaged" in str(refusal(cut))


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (24 * 1024 * 1024))
    started = time.monotonic()
    assert "zip bomb" in str(refusal(path))
    assert time.monotonic() - started < 1.0


def test_a_zip_without_a_word_document_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "theme.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("theme/theme1.xml", "<theme/>")
    assert "no Word document" in str(refusal(path))


def test_a_strict_open_xml_file_is_refused_with_a_way_out(tmp_path: Path) -> None:
    path = tmp_path / "strict.docx"
    relationships = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", relationships)
        archive.writestr("word/document.xml", "<document/>")
    assert "Strict Open XML" in str(refusal(path))


def test_broken_xml_inside_the_package_is_refused_in_one_line(tmp_path: Path) -> None:
    good = Manuscript().body(paragraph("Текст")).save(tmp_path, "good.docx")
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    assert "not a readable .docx" in str(refusal(broken))


def test_the_refusal_names_the_article_when_one_is_given(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    with pytest.raises(InputError) as caught:
        read(path, article="new-year")
    assert caught.value.article == "new-year"


def test_a_document_is_read_through_its_relationships_not_a_fixed_part_name(tmp_path: Path) -> None:
    original = Manuscript().body(paragraph("Башкы бөлүк башка жерде")).save(tmp_path, "original.docx")
    moved = tmp_path / "moved.docx"
    with zipfile.ZipFile(original) as source, zipfile.ZipFile(moved, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            name = item.filename.replace("word/document.xml", "word/main.xml")
            name = name.replace("word/_rels/document.xml.rels", "word/_rels/main.xml.rels")
            if item.filename in ("[Content_Types].xml", "_rels/.rels"):
                data = data.replace(b"/word/document.xml", b"/word/main.xml").replace(
                    b"word/document.xml", b"word/main.xml")
            target.writestr(name, data)
    document = read(moved)
    assert [block.inlines[0].text for block in document.blocks] == ["Башкы бөлүк башка жерде"]
