"""Damage the mutation fuzz (tests/fuzz/test_docx_mutation.py) found: each case is now read or
refused in one line, never a traceback, a MemoryError or a model the layout cannot set."""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import pytest

from munpress.diagnostics import InputError
from munpress.model.nodes import ListItem, Paragraph, Table, block_text
from munpress.readers.docx import ooxml
from munpress.readers.docx.symbols import symbol_character
from tests.readers.docx_builder import Manuscript, paragraph, read
from tests.readers.test_docx_lists import abstract, instance, item, level

CENTRAL, LOCAL = b"PK\x01\x02", b"PK\x03\x04"
NAME_AT = {CENTRAL: 46, LOCAL: 30}


def patched(path: Path, member: str, changes: dict[bytes, tuple[int, bytes]]) -> Path:
    """The package with bytes of one member's central and/or local header overwritten."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    for signature, (offset, value) in changes.items():
        start = data.find(signature)
        while start != -1:
            name_at = start + NAME_AT[signature]
            if data[name_at:name_at + len(name)] == name:
                data[start + offset:start + offset + len(value)] = value
            start = data.find(signature, start + 4)
    damaged = path.with_name("damaged.docx")
    damaged.write_bytes(bytes(data))
    return damaged


def refusal(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read(path)
    line = caught.value.one_line()
    assert "\n" not in line and path.name in line
    return line


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return Manuscript().body(paragraph("Бишкек шаары")).save(tmp_path, "good.docx")


# --- the zip: zipfile raised RuntimeError or NotImplementedError past check_zip ----------------


def test_a_part_flagged_encrypted_is_refused_as_encrypted(good: Path) -> None:
    damaged = patched(good, "_rels/.rels", {CENTRAL: (8, b"\x01\x00"), LOCAL: (6, b"\x01\x00")})
    assert "has an encrypted part (_rels/.rels)" in refusal(damaged)


def test_a_part_packed_with_an_unknown_method_is_refused(good: Path) -> None:
    method = (99).to_bytes(2, "little")  # AES: zipfile raised NotImplementedError
    damaged = patched(good, "_rels/.rels", {CENTRAL: (10, method), LOCAL: (8, method)})
    assert "packed in a way Word never uses" in refusal(damaged)


def test_a_part_packed_with_bzip2_is_refused_like_word_does(good: Path, tmp_path: Path) -> None:
    repacked = tmp_path / "bzip2.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(repacked, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info), compress_type=zipfile.ZIP_BZIP2)
    assert "packed in a way Word never uses" in refusal(repacked)


def test_a_zip_needing_a_newer_zip_version_is_refused(good: Path) -> None:
    damaged = patched(good, "_rels/.rels", {CENTRAL: (6, (137).to_bytes(2, "little"))})  # "version 13.7"
    assert "not a readable .docx" in refusal(damaged)


@pytest.mark.parametrize("flags", [b"\x20\x00", b"\x40\x00"])  # patched data, strong encryption
def test_a_part_flagged_with_a_zip_feature_word_never_uses_is_refused(good: Path, flags: bytes) -> None:
    damaged = patched(good, "_rels/.rels", {CENTRAL: (8, flags)})
    assert "not a readable .docx" in refusal(damaged)


def test_a_part_name_with_a_line_break_is_shown_on_one_line(good: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "renamed.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(renamed, "w") as target:
        for info in source.infolist():
            if info.filename == "word/settings.xml":
                target.writestr("word/\nmedia.xml", source.read(info), compress_type=zipfile.ZIP_BZIP2)
            else:
                target.writestr(info, source.read(info))
    assert "(word/\\nmedia.xml)" in refusal(renamed)


def test_a_name_held_twice_beside_a_dangling_relationship_is_read_without_a_warning(good: Path,
                                                                                   tmp_path: Path) -> None:
    """The repair copy of the package (dangling relationships dropped) wrote the name twice."""
    lost_picture = (b'<Relationship Id="rIdLost" Target="media/lost.png" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/image"/></Relationships>')
    damaged = tmp_path / "twice.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", lost_picture)
            target.writestr(info.filename, data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            target.writestr("docProps/app.xml", source.read("docProps/app.xml"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert [block_text(block) for block in read(damaged).blocks] == ["Бишкек шаары"]


# --- numbers: "1e309" raised OverflowError; 10**12 in letters a MemoryError --------------------


@pytest.mark.parametrize("text", ["1e309", "-1e309", "9" * 5000, "nan", "abc", ""])
def test_a_number_attribute_that_is_not_a_finite_number_is_the_default(text: str) -> None:
    assert ooxml.integer(text, 7) == 7


def test_infinite_outline_level_and_span_are_ignored(tmp_path: Path) -> None:
    body = (paragraph("Тексти", properties='<w:outlineLvl w:val="1e309"/>')
            + '<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="1e309"/></w:tcPr>'
            + paragraph("уячасы") + "</w:tc></w:tr></w:tbl>")
    first, table = read(Manuscript().body(body).save(tmp_path)).blocks
    assert isinstance(first, Paragraph) and block_text(first) == "Тексти"
    assert isinstance(table, Table) and table.rows[0].cells[0].colspan == 1


@pytest.mark.parametrize(("number_format", "label"), [
    ("lowerLetter", "g" * 1261 + "."),  # 32767 in Word's repeated letters
    ("upperRoman", "M" * 32 + "DCCLXVII."),
    ("decimal", "32767."),
])
def test_a_list_start_beyond_words_largest_is_words_largest(tmp_path: Path, number_format: str,
                                                           label: str) -> None:
    numbering = abstract(1, level(0, number_format, "%1.", start=10**12)) + instance(1, 1)
    [entry] = read(Manuscript().numbering(numbering).body(item("пункт", 1, 0)).save(tmp_path)).blocks
    assert isinstance(entry, ListItem) and entry.label == label


def test_a_start_override_beyond_words_largest_is_words_largest(tmp_path: Path) -> None:
    override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="99999999999999999999"/></w:lvlOverride>'
    numbering = abstract(1, level(0, "lowerRoman", "%1)")) + instance(1, 1, override)
    [entry] = read(Manuscript().numbering(numbering).body(item("пункт", 1, 0)).save(tmp_path)).blocks
    assert isinstance(entry, ListItem) and entry.label == "m" * 32 + "dcclxvii)"


# --- tables: a span of 2**31 columns reached the layout's grid --------------------------------


def test_cell_spans_and_grid_padding_are_at_most_words_widest_table(tmp_path: Path) -> None:
    body = ('<w:tbl><w:tr><w:trPr><w:gridBefore w:val="99999999999999999999"/><w:gridAfter w:val="4294967296"/>'
            '</w:trPr><w:tc><w:tcPr><w:gridSpan w:val="2147483647"/></w:tcPr>' + paragraph("кең")
            + "</w:tc></w:tr></w:tbl>")
    [table] = read(Manuscript().body(body).save(tmp_path)).blocks
    assert isinstance(table, Table)
    assert [cell.colspan for cell in table.rows[0].cells] == [63, 63, 63]


# --- symbols: w:sym gave a lone surrogate (no PDF can carry it) or raised OverflowError --------


@pytest.mark.parametrize("code", [0xD800, 0xDFFF, 0x110000, 16**20, -1])
def test_a_symbol_code_that_is_no_character_is_refused_by_value_error(code: int) -> None:
    with pytest.raises(ValueError):
        symbol_character(code, "Symbol")


def test_a_symbol_that_is_no_character_is_left_out_and_the_text_kept(tmp_path: Path) -> None:
    run = ('<w:p><w:r><w:t xml:space="preserve">Ош </w:t><w:sym w:char="D800"/>'
           '<w:sym w:font="Wingdings" w:char="FFFFFFFFFFFFFFFFFFFF"/><w:t>шаары</w:t></w:r></w:p>')
    [block] = read(Manuscript().body(run).save(tmp_path)).blocks
    assert block_text(block) == "Ош шаары"
