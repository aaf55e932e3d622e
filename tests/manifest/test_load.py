"""The manifest loader: the real inputs load, and every broken input gives one precise line."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from munpress.diagnostics import InputError
from munpress.manifest import Localized, find_root, load_magazine, load_manifest

REPO = Path(__file__).resolve().parents[2]

MINIMAL_ISSUE = """\
number = 1
number_in_year = 1
date = 2024-01-15
languages = ["ky", "ru"]

[[sections]]
title = { ky = "БӨЛҮМ", ru = "РАЗДЕЛ" }

  [[sections.articles]]
  manuscript = { ky = "manuscripts/ky/01-first.docx", ru = "manuscripts/ru/01-first.docx" }
  page = 4
"""


def failure(call, *args, **kwargs) -> InputError:
    with pytest.raises(InputError) as caught:
        call(*args, **kwargs)
    error = caught.value
    assert "\n" not in error.one_line(), "a message is one line"
    return error


def issue_error(magazine, text: str, *, check_files: bool = False) -> InputError:
    magazine.issue(text)
    return failure(load_manifest, magazine.root, 1, check_files=check_files)


def with_article(extra: str = "", manuscript: str | None = None, page: str = "4") -> str:
    """The minimal issue with its one article rewritten."""
    lines = [
        "number = 1", "number_in_year = 1", "date = 2024-01-15", 'languages = ["ky", "ru"]',
        "[[sections]]", 'title = "РАЗДЕЛ"', "[[sections.articles]]",
        manuscript or 'manuscript = { ky = "manuscripts/ky/a.docx", ru = "manuscripts/ru/a.docx" }',
        f"page = {page}" if page else "", extra,
    ]
    return "\n".join(lines) + "\n"


# --- the real magazine ------------------------------------------------------------------


def test_the_real_magazine_and_issue_147_load_without_manuscripts():
    manifest = load_manifest(REPO, 147, check_files=False)
    issue = manifest.issue
    entries = issue.entries()
    assert len(entries) == 17
    assert [e.id for e in entries if not e.in_edition("ky")] == ["17-subscription"]
    assert all(e.in_edition("ru") for e in entries)
    assert issue.languages == ("ky", "ru")
    assert (issue.number, issue.number_in_year, issue.date) == (147, 1, dt.date(2024, 1, 15))
    assert len(issue.sections) == 6 and len(issue.headlines) == 3
    assert entries[0].id == "01-new-year" and entries[0].planned_page("ru") == 4
    assert entries[0].key_path == "sections[0].articles[0]"
    assert [e.id for e in entries if e.starts_new_page("ru") and not e.starts_new_page("ky")] == [
        "02-deputies-training", "07-drinking-water"]
    assert entries[10].id == "10-land-lease"
    assert (entries[10].planned_page("ky"), entries[10].planned_page("ru")) == (19, 20)
    assert entries[10].starts_new_page("ky") and entries[10].starts_new_page("ru")
    assert [entry.kind for entry in entries[-2:]] == ["advertisement", "next-issue"]
    assert issue.sections[2].title("ru") == "НОВОЕ В ЗАКОНОДАТЕЛЬСТВЕ"


def test_manuscripts_become_absolute_paths_inside_the_issue_folder():
    entry = load_manifest(REPO, "147", check_files=False).issue.entries()[4]
    path = entry.manuscript("ky")
    assert path.is_absolute()
    assert path == REPO.resolve() / "issues/147/manuscripts/ky/05-apricot-brand.docx"


def test_the_real_magazine_file_gives_every_field():
    magazine = load_magazine(REPO)
    assert magazine.root == REPO.resolve()
    assert magazine.slug == "municipalitet" and magazine.issn == "1694-7053"
    assert magazine.title("ky") == magazine.title("ru") == "МУНИЦИПАЛИТЕТ"
    assert magazine.kind_line("ru") == "НАУЧНО-ПОПУЛЯРНЫЙ ЖУРНАЛ"
    assert len(magazine.masthead) == 5 and magazine.masthead[0].role("ky") == "Башкы редактор"
    assert magazine.contacts.email == "journal@dpi.kg" and len(magazine.contacts.phones) == 2
    assert magazine.contacts.fax == "(0312) 97-65-29"
    layout = magazine.layout
    assert (layout.trim, layout.trim_mm, layout.columns) == ("A4", (210.0, 297.0), 2)
    assert (layout.margins.inner, layout.gutter_mm, layout.body_size_pt) == (18.0, 5.0, 10.0)
    assert (layout.fonts.body, layout.fonts.heading) == ("PT Serif", "PT Sans")
    assert magazine.styles == ()


# --- a good issue in a temporary magazine ----------------------------------------------


def test_a_complete_issue_loads_when_every_manuscript_exists(magazine):
    magazine.issue(MINIMAL_ISSUE)
    magazine.manuscript("manuscripts/ky/01-first.docx")
    magazine.manuscript("manuscripts/ru/01-first.docx")
    manifest = load_manifest(magazine.root, 1)
    (entry,) = manifest.issue.entries()
    assert entry.id == "01-first" and entry.kind == "article" and not entry.starts_new_page("ky")
    assert entry.title is None and entry.manuscript("ru").is_file()
    assert manifest.issue.headlines == () and manifest.issue.sections[0].key_path == "sections[0]"


def test_a_one_language_issue_takes_a_plain_manuscript_path_and_plain_page(magazine):
    text = with_article('title = { ky = "Аталыш", ru = "Заголовок" }',
                        manuscript='manuscript = "manuscripts/ky/solo.docx"')
    magazine.issue(text.replace('["ky", "ru"]', '["ky"]'))
    (entry,) = load_manifest(magazine.root, 1, check_files=False).issue.entries()
    assert entry.id == "solo" and entry.planned_pages == (("ky", 4),)
    assert entry.title.get("ky") == "Аталыш"


def test_pages_may_differ_by_language_and_id_and_kind_may_be_given(magazine):
    magazine.issue(with_article('id = "ad-academy"\nkind = "advertisement"\nnew_page = true',
                                page="{ ky = 26, ru = 27 }"))
    (entry,) = load_manifest(magazine.root, 1, check_files=False).issue.entries()
    assert entry.planned_page("ky") == 26 and entry.planned_page("ru") == 27
    assert (entry.id, entry.kind, entry.starts_new_page("ky"), entry.starts_new_page("ru")) == (
        "ad-academy", "advertisement", True, True)


def test_a_plain_string_title_is_the_same_in_every_language(magazine):
    magazine.issue(with_article('title = "Жаңылыктар / Новости"'))
    (entry,) = load_manifest(magazine.root, 1, check_files=False).issue.entries()
    assert entry.title == Localized.same("Жаңылыктар / Новости")
    assert entry.title("ky") == entry.title("ru") == "Жаңылыктар / Новости"


def test_a_manuscript_symlink_inside_the_magazine_is_accepted(magazine):
    magazine.issue(with_article())
    target = magazine.manuscript("shared/a.docx")
    for lang in ("ky", "ru"):
        link = magazine.root / f"issues/1/manuscripts/{lang}/a.docx"
        link.parent.mkdir(parents=True)
        link.symlink_to(target if lang == "ky" else magazine.manuscript("shared/b.docx"))
    (entry,) = load_manifest(magazine.root, 1).issue.entries()
    assert entry.manuscript("ky") == magazine.root.resolve() / "issues/1/manuscripts/ky/a.docx"


def test_a_utf8_byte_order_mark_from_notepad_is_accepted(magazine):
    folder = magazine.issue(MINIMAL_ISSUE)
    (folder / "issue.toml").write_bytes(b"\xef\xbb\xbf" + MINIMAL_ISSUE.encode())
    assert load_manifest(magazine.root, 1, check_files=False).issue.number == 1


# --- finding the magazine and the issue -----------------------------------------------


def test_find_root_walks_up_from_a_nested_folder(magazine):
    nested = magazine.issue(MINIMAL_ISSUE).joinpath("manuscripts", "ky")
    nested.mkdir(parents=True)
    assert find_root(nested) == magazine.root.resolve()
    assert find_root(magazine.root / "munpress.toml") == magazine.root.resolve()


def test_find_root_outside_a_magazine_says_to_pass_root(tmp_path):
    error = failure(find_root, tmp_path)
    assert error.code == "manifest.no-root"
    assert "munpress.toml" in error.message and "--root" in error.one_line()


def test_a_folder_without_munpress_toml_is_no_root(tmp_path):
    assert failure(load_magazine, tmp_path).code == "manifest.no-root"


def test_a_missing_issue_names_the_folder_and_lists_the_issues(magazine):
    magazine.issue(number="146")
    magazine.issue(number="147")
    error = failure(load_manifest, magazine.root, 148)
    assert error.code == "manifest.no-issue"
    assert "issues/148/" in error.message and "146, 147" in error.one_line()


def test_an_issue_folder_without_issue_toml_is_no_issue(magazine):
    (magazine.root / "issues/150").mkdir(parents=True)
    error = failure(load_manifest, magazine.root, 150)
    assert error.code == "manifest.no-issue" and "issue.toml" in error.message


def test_an_issue_name_cannot_climb_out_of_the_issues_folder(magazine):
    magazine.issue(MINIMAL_ISSUE)
    assert failure(load_manifest, magazine.root, "../issues/1").code == "manifest.no-issue"


# --- syntax and encoding -----------------------------------------------------------------


def test_a_toml_syntax_error_gives_line_and_column(magazine):
    error = issue_error(magazine, 'number = 1\nnumber_in_year = 1\nlanguages = ["ky" "ru"]\n')
    assert error.code == "manifest.syntax" and error.file == "issues/1/issue.toml"
    assert error.message.startswith("line 3, column ") and '["ky" "ru"]' in error.message


def test_a_syntax_error_in_munpress_toml_names_that_file(magazine):
    magazine.edit('slug = "municipalitet"', "slug = municipalitet")
    error = failure(load_magazine, magazine.root)
    assert (error.code, error.file) == ("manifest.syntax", "munpress.toml")
    assert "line 5, column" in error.message


def test_a_file_saved_in_windows_1251_is_an_encoding_error(magazine):
    folder = magazine.issue(MINIMAL_ISSUE)
    (folder / "issue.toml").write_bytes(MINIMAL_ISSUE.encode("cp1251", errors="replace")
                                        .replace(b"1\n", "# Муниципалитет\n".encode("cp1251"), 1))
    error = failure(load_manifest, magazine.root, 1)
    assert error.code == "manifest.encoding" and "UTF-8" in error.one_line()


# --- unknown keys, types, missing keys ---------------------------------------------------


def test_an_unknown_article_key_suggests_the_known_one(magazine):
    error = issue_error(magazine, with_article(manuscript='manuscrpt = "manuscripts/a.docx"'))
    assert error.code == "manifest.unknown-key"
    assert error.message == "sections[0].articles[0].manuscrpt: unknown key; did you mean 'manuscript'?"


def test_an_unknown_top_level_key_suggests_the_known_one(magazine):
    error = issue_error(magazine, "numbr_in_year = 1\n" + MINIMAL_ISSUE)
    assert error.code == "manifest.unknown-key"
    assert error.message.startswith("numbr_in_year: unknown key; did you mean 'number_in_year'?")


def test_an_unknown_language_in_localized_text_suggests_the_code(magazine):
    error = issue_error(magazine, MINIMAL_ISSUE.replace('ky = "БӨЛҮМ"', 'kg = "БӨЛҮМ"'))
    assert error.code == "manifest.unknown-key"
    assert "sections[0].title.kg" in error.message and "did you mean 'ky'?" in error.message


def test_a_quoted_number_is_a_type_error(magazine):
    error = issue_error(magazine, MINIMAL_ISSUE.replace("number = 1", 'number = "147"'))
    assert error.code == "manifest.type"
    assert error.message == 'number: expected an integer, found a string ("147")'
    assert "without quotes" in error.hint


def test_true_is_not_a_page_number(magazine):
    error = issue_error(magazine, with_article(page="true"))
    assert error.code == "manifest.type" and error.message.startswith("sections[0].articles[0].page:")


def test_new_page_must_be_true_or_false(magazine):
    error = issue_error(magazine, with_article('new_page = "yes"'))
    assert error.code == "manifest.type" and "sections[0].articles[0].new_page" in error.message


def test_an_article_may_set_its_own_columns_from_1_to_3(magazine):
    magazine.issue(with_article("columns = 1"))
    [entry] = load_manifest(magazine.root, 1, check_files=False).issue.entries()
    assert entry.columns == 1
    error = issue_error(magazine, with_article("columns = 4"))
    assert error.code == "manifest.value" and error.message.startswith("sections[0].articles[0].columns:")
    error = issue_error(magazine, with_article('columns = 1\nkind = "advertisement"'))
    assert error.code == "manifest.value" and "an advertisement page has no columns" in error.message


def test_print_run_and_signed_to_print_are_read_and_checked(magazine):
    magazine.issue(MINIMAL_ISSUE.replace("date = 2024-01-15", "date = 2024-01-15\nprint_run = 1500\n"
                                                              "signed_to_print = 2024-01-10"))
    issue = load_manifest(magazine.root, 1, check_files=False).issue
    assert (issue.print_run, str(issue.signed_to_print)) == (1500, "2024-01-10")
    error = issue_error(magazine, MINIMAL_ISSUE.replace("date = 2024-01-15", "date = 2024-01-15\nprint_run = 0"))
    assert error.code == "manifest.value" and error.message.startswith("print_run:")
    error = issue_error(magazine, MINIMAL_ISSUE.replace("date = 2024-01-15",
                                                        "date = 2024-01-15\nsigned_to_print = 2024-02-01"))
    assert error.code == "manifest.value" and "after the issue's date" in error.message


def test_a_date_time_is_not_a_date(magazine):
    error = issue_error(magazine, MINIMAL_ISSUE.replace("2024-01-15", "2024-01-15T10:00:00"))
    assert error.code == "manifest.type"
    assert error.message.startswith("date: expected a date, found a date-time")


def test_a_quoted_date_is_a_type_error(magazine):
    error = issue_error(magazine, MINIMAL_ISSUE.replace("2024-01-15", '"2024-01-15"'))
    assert error.code == "manifest.type" and "without quotes" in error.hint


def test_sections_must_be_an_array_of_tables(magazine):
    error = issue_error(magazine, "\n".join(MINIMAL_ISSUE.splitlines()[:4]) + '\nsections = "all"\n')
    assert error.code == "manifest.type" and error.message.startswith("sections: expected an array")


def test_a_missing_date_is_a_missing_key(magazine):
    error = issue_error(magazine, MINIMAL_ISSUE.replace("date = 2024-01-15\n", ""))
    assert error.code == "manifest.missing-key" and error.message.startswith("date: ")


def test_an_article_without_a_page_is_a_missing_key(magazine):
    error = issue_error(magazine, with_article(page=""))
    assert error.code == "manifest.missing-key"
    assert error.message.startswith("sections[0].articles[0].page: ")


def test_a_section_without_a_title_is_a_missing_key(magazine):
    error = issue_error(magazine, MINIMAL_ISSUE.replace('title = { ky = "БӨЛҮМ", ru = "РАЗДЕЛ" }', ""))
    assert error.code == "manifest.missing-key" and error.message.startswith("sections[0].title: ")


# --- values ------------------------------------------------------------------------------


def test_a_language_outside_ky_and_ru_is_refused(magazine):
    error = issue_error(magazine, MINIMAL_ISSUE.replace('["ky", "ru"]', '["ky", "en"]'))
    assert error.code == "manifest.value" and error.message.startswith("languages[1]: 'en'")


def test_a_language_listed_twice_is_refused(magazine):
    error = issue_error(magazine, MINIMAL_ISSUE.replace('["ky", "ru"]', '["ru", "ru"]'))
    assert error.code == "manifest.value" and error.message.startswith("languages[1]: ")


@pytest.mark.parametrize("key", ["number", "number_in_year"])
def test_issue_numbers_start_at_one(magazine, key):
    error = issue_error(magazine, MINIMAL_ISSUE.replace(f"\n{key} = 1", f"\n{key} = 0")
                        if key != "number" else MINIMAL_ISSUE.replace("number = 1", "number = 0"))
    limit = "at least 1" if key == "number" else "from 1 to 99"  # the barcode's EAN-2 add-on has two digits
    assert error.code == "manifest.value" and error.message == f"{key}: must be {limit}, found 0"


def test_a_page_for_one_language_must_be_positive(magazine):
    error = issue_error(magazine, with_article(page="{ ky = 4, ru = 0 }"))
    assert error.code == "manifest.value"
    assert error.message.startswith("sections[0].articles[0].page.ru: must be at least 1")


def test_an_unknown_kind_suggests_a_known_kind(magazine):
    error = issue_error(magazine, with_article('kind = "advert"'))
    assert error.code == "manifest.value"
    assert "sections[0].articles[0].kind" in error.message
    assert "did you mean 'advertisement'?" in error.message


def test_an_empty_section_is_refused(magazine):
    error = issue_error(magazine, "\n".join(MINIMAL_ISSUE.splitlines()[:7]) + "\narticles = []\n")
    assert error.code == "manifest.value" and error.message.startswith("sections[0].articles: ")
    assert "«БӨЛҮМ» has no articles" in error.message


def test_a_rubric_left_as_munpress_new_leaves_it_is_named_with_what_to_do(magazine):
    error = issue_error(magazine, "\n".join(MINIMAL_ISSUE.splitlines()[:7]) + "\n")
    assert error.code == "manifest.missing-key" and error.message.startswith("sections[0].articles: ")
    assert "the rubric «БӨЛҮМ» has no articles yet" in error.message
    assert "add a [[sections.articles]] table under it, or remove the section" in error.one_line()


# --- localized text ------------------------------------------------------------------


def test_a_section_title_must_have_every_issue_language(magazine):
    error = issue_error(magazine, MINIMAL_ISSUE.replace(', ru = "РАЗДЕЛ"', ""))
    assert error.code == "manifest.missing-key"
    assert error.message.startswith("sections[0].title.ru: no text for language 'ru'")


def test_a_headline_must_have_every_issue_language(magazine):
    headlines = 'headlines = [ "Жаңы жыл / Новый год", { ky = "Жайыт" } ]\n'
    error = issue_error(magazine, headlines + MINIMAL_ISSUE)
    assert error.code == "manifest.missing-key" and error.message.startswith("headlines[1].ru: ")


def test_a_one_language_issue_needs_text_only_in_its_language(magazine):
    text = MINIMAL_ISSUE.replace('["ky", "ru"]', '["ru"]').replace('ky = "БӨЛҮМ", ', "")
    magazine.issue(text.replace('ky = "manuscripts/ky/01-first.docx", ', ""))
    issue = load_manifest(magazine.root, 1, check_files=False).issue
    assert issue.languages == ("ru",) and issue.sections[0].title("ru") == "РАЗДЕЛ"


def test_a_localized_text_must_be_a_string_or_a_table(magazine):
    error = issue_error(magazine, MINIMAL_ISSUE.replace('{ ky = "БӨЛҮМ", ru = "РАЗДЕЛ" }', "7"))
    assert error.code == "manifest.type" and error.message.startswith("sections[0].title: expected")


# --- manuscripts -------------------------------------------------------------------------


def test_a_plain_manuscript_path_in_a_two_language_issue_is_a_type_error(magazine):
    error = issue_error(magazine, with_article(manuscript='manuscript = "manuscripts/a.docx"'))
    assert error.code == "manifest.type"
    assert error.message.startswith("sections[0].articles[0].manuscript: expected a table")


def test_a_manuscript_table_needs_every_issue_language(magazine):
    error = issue_error(magazine, with_article(manuscript='manuscript = { ky = "ky/a.docx" }'))
    assert error.code == "manifest.missing-key"
    assert error.message.startswith("sections[0].articles[0].manuscript.ru: ")


def test_a_manuscript_in_a_language_the_issue_lacks_is_an_unknown_key(magazine):
    text = with_article().replace('["ky", "ru"]', '["ky"]')
    error = issue_error(magazine, text)
    assert error.code == "manifest.unknown-key"
    assert error.message.startswith("sections[0].articles[0].manuscript.ru: 'ru' is not a language")


def test_a_missing_manuscript_names_the_key_path_and_the_path(magazine):
    sections = "".join(f'\n[[sections]]\ntitle = "S{n}"\n[[sections.articles]]\nmanuscript = '
                       f'{{ ky = "manuscripts/ky/{n}.docx", ru = "manuscripts/ru/{n}.docx" }}\n'
                       f"page = {n}\n" for n in range(1, 3))
    magazine.issue(MINIMAL_ISSUE + sections)
    for name in ("ky/01-first", "ru/01-first", "ky/1", "ru/1", "ky/2"):
        magazine.manuscript(f"manuscripts/{name}.docx")
    error = failure(load_manifest, magazine.root, 1)
    assert error.code == "manifest.missing-file"
    assert error.one_line() == (
        "issues/1/issue.toml:22:46: sections[2].articles[0].manuscript.ru: file not found: "
        "manuscripts/ru/2.docx (check the path; it is relative to issues/1/)")


def test_several_missing_manuscripts_are_listed_in_one_line(magazine):
    sections = "".join(f'\n[[sections]]\ntitle = "S{n}"\n[[sections.articles]]\nmanuscript = '
                       f'{{ ky = "manuscripts/ky/{n}.docx", ru = "manuscripts/ru/{n}.docx" }}\n'
                       f"page = {n}\n" for n in range(1, 3))
    magazine.issue(MINIMAL_ISSUE + sections)
    for name in ("ky/01-first", "ru/01-first", "ru/1"):
        magazine.manuscript(f"manuscripts/{name}.docx")
    error = failure(load_manifest, magazine.root, 1)
    assert error.code == "manifest.missing-file"
    assert error.one_line() == (
        "issues/1/issue.toml:16:16: sections[1].articles[0].manuscript.ky: file not found: manuscripts/ky/1.docx "
        "(and 2 more: manuscripts/ky/2.docx, manuscripts/ru/2.docx) (check the path; it is relative to issues/1/)")


def test_missing_manuscripts_are_fine_when_files_are_not_checked(magazine):
    magazine.issue(MINIMAL_ISSUE)
    assert len(load_manifest(magazine.root, 1, check_files=False).issue.entries()) == 1


def test_a_path_climbing_out_of_the_magazine_is_refused(magazine):
    error = issue_error(magazine, with_article(
        manuscript='manuscript = { ky = "../../../../etc/passwd", ru = "manuscripts/ru/a.docx" }'))
    assert error.code == "manifest.path-escape"
    assert error.message.startswith("sections[0].articles[0].manuscript.ky: ../../../../etc/passwd")


def test_an_absolute_path_outside_the_magazine_is_refused(magazine):
    error = issue_error(magazine, with_article(
        manuscript='manuscript = { ky = "/etc/passwd.docx", ru = "manuscripts/ru/a.docx" }'))
    assert error.code == "manifest.path-escape"


@pytest.mark.parametrize("check_files", [True, False])
def test_a_symlink_pointing_outside_the_magazine_is_refused(magazine, tmp_path, check_files):
    outside = tmp_path / "elsewhere" / "secret.docx"
    outside.parent.mkdir()
    outside.write_bytes(b"PK")
    magazine.issue(with_article())
    link = magazine.root / "issues/1/manuscripts/ky/a.docx"
    link.parent.mkdir(parents=True)
    link.symlink_to(outside)
    magazine.manuscript("manuscripts/ru/a.docx")
    error = failure(load_manifest, magazine.root, 1, check_files=check_files)
    assert error.code == "manifest.path-escape"
    assert error.message.startswith("sections[0].articles[0].manuscript.ky: manuscripts/ky/a.docx")


def test_a_symlinked_folder_pointing_outside_the_magazine_is_refused(magazine, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    magazine.issue(with_article())
    (magazine.root / "issues/1/manuscripts").symlink_to(tmp_path / "elsewhere")
    error = failure(load_manifest, magazine.root, 1, check_files=False)
    assert error.code == "manifest.path-escape"


def test_an_absolute_path_inside_the_magazine_is_still_refused(magazine):
    inside = magazine.root.resolve() / "issues/1/manuscripts/ky/a.docx"
    error = issue_error(magazine, with_article(
        manuscript=f'manuscript = {{ ky = "{inside}", ru = "manuscripts/ru/a.docx" }}'))
    assert error.code == "manifest.path-absolute"


def test_an_old_word_doc_file_is_refused(magazine):
    error = issue_error(magazine, with_article(
        manuscript='manuscript = { ky = "manuscripts/ky/a.doc", ru = "manuscripts/ru/a.docx" }'))
    assert error.code == "manifest.file-type" and "Save As" in error.hint


def test_windows_backslashes_in_a_path_are_read_as_folders(magazine):
    magazine.issue(with_article(
        manuscript="manuscript = { ky = 'manuscripts\\ky\\a.docx', ru = 'manuscripts\\ru\\a.docx' }"))
    magazine.manuscript("manuscripts/ky/a.docx")
    magazine.manuscript("manuscripts/ru/a.docx")
    (entry,) = load_manifest(magazine.root, 1).issue.entries()
    assert entry.manuscript("ru").name == "a.docx" and entry.id == "a"


# --- duplicates --------------------------------------------------------------------------


def test_a_manuscript_used_by_two_articles_is_a_duplicate(magazine):
    second = MINIMAL_ISSUE.split("  [[sections.articles]]")[1].replace("page = 4", "page = 5")
    error = issue_error(magazine, MINIMAL_ISSUE + "  [[sections.articles]]" + second)
    assert error.code == "manifest.duplicate-article"
    assert error.message == ("sections[0].articles[1].manuscript.ky: manuscripts/ky/01-first.docx "
                             "is already used by sections[0].articles[0].manuscript.ky")


def test_the_same_file_for_both_languages_is_a_duplicate(magazine):
    error = issue_error(magazine, with_article(
        manuscript='manuscript = { ky = "manuscripts/a.docx", ru = "./manuscripts/a.docx" }'))
    assert error.code == "manifest.duplicate-article"
    assert error.message.startswith("sections[0].articles[0].manuscript.ru: ")


def test_two_articles_with_the_same_id_are_duplicates(magazine):
    text = MINIMAL_ISSUE + (
        '  [[sections.articles]]\n  id = "01-first"\n'
        '  manuscript = { ky = "manuscripts/ky/other.docx", ru = "manuscripts/ru/other.docx" }\n'
        "  page = 6\n")
    error = issue_error(magazine, text)
    assert error.code == "manifest.duplicate-article"
    assert error.message.startswith("sections[0].articles[1].id: the article id '01-first'")


def test_files_with_the_same_name_in_other_folders_give_the_same_id(magazine):
    text = MINIMAL_ISSUE + (
        '  [[sections.articles]]\n'
        '  manuscript = { ky = "extra/ky/01-first.docx", ru = "extra/ru/01-first.docx" }\n'
        "  page = 6\n")
    error = issue_error(magazine, text)
    assert error.code == "manifest.duplicate-article"
    assert error.message.startswith("sections[0].articles[1]: the article id '01-first'")


# --- munpress.toml -------------------------------------------------------------------


def test_a_numeric_issn_is_a_type_error_with_a_quoting_hint(magazine):
    magazine.edit('issn = "1694-7053"', "issn = 16947053")
    error = failure(load_magazine, magazine.root)
    assert (error.code, error.file) == ("manifest.type", "munpress.toml")
    assert error.message.startswith("issn: expected a string") and '"16947053"' in error.hint


def test_a_magazine_text_must_have_every_language(magazine):
    magazine.edit(', ru = "НАУЧНО-ПОПУЛЯРНЫЙ ЖУРНАЛ"', "")
    error = failure(load_magazine, magazine.root)
    assert error.code == "manifest.missing-key" and error.message.startswith("kind_line.ru: ")


def test_a_missing_magazine_field_is_a_missing_key(magazine):
    magazine.edit('registration_number = "1785"\n', "")
    error = failure(load_magazine, magazine.root)
    assert error.code == "manifest.missing-key" and error.message.startswith("registration_number: ")


def test_a_masthead_entry_needs_a_name(magazine):
    magazine.edit('name = { ky = "Бакыт ТОКТОГУЛОВ", ru = "Бакыт ТОКТОГУЛОВ" }', "")
    error = failure(load_magazine, magazine.root)
    assert error.code == "manifest.missing-key" and error.message.startswith("masthead[1].name: ")


def test_contact_phones_must_be_an_array(magazine):
    magazine.edit('phones = ["(0312) 97-65-30", "(0312) 97-65-31"]', 'phones = "(0312) 97-65-30"')
    error = failure(load_magazine, magazine.root)
    assert error.code == "manifest.type"
    assert error.message.startswith("contacts.phones: expected an array")


def test_the_fax_is_optional(magazine):
    magazine.edit('fax = "(0312) 97-65-29"\n', "")
    assert load_magazine(magazine.root).contacts.fax == ""


def test_a_magazine_without_layout_gets_the_defaults(magazine):
    text = magazine.toml.read_text("utf-8")
    magazine.toml.write_text(text[: text.index("[layout]")], "utf-8")
    layout = load_magazine(magazine.root).layout
    assert (layout.trim_mm, layout.columns, layout.margins.top, layout.fonts.body) == (
        (210.0, 297.0), 2, 18.0, "PT Serif")


@pytest.mark.parametrize("trim, size", [('"A5"', (148.0, 210.0)), ('"a4"', (210.0, 297.0)),
                                        ("[170, 240.5]", (170.0, 240.5))])
def test_the_trim_is_a_named_size_or_width_and_height(magazine, trim, size):
    magazine.edit('trim = "A4"', f"trim = {trim}")
    assert load_magazine(magazine.root).layout.trim_mm == size


def test_an_unknown_trim_suggests_a_known_size(magazine):
    magazine.edit('trim = "A4"', 'trim = "A3"')
    error = failure(load_magazine, magazine.root)
    assert error.code == "manifest.value" and error.message.startswith("layout.trim: unknown page size")


def test_columns_go_from_one_to_three(magazine):
    magazine.edit("columns = 2", "columns = 4")
    error = failure(load_magazine, magazine.root)
    assert error.code == "manifest.value"
    assert error.message == "layout.columns: must be from 1 to 3, found 4"


def test_margins_wider_than_the_page_are_refused(magazine):
    magazine.edit("inner = 18.0", "inner = 200")
    error = failure(load_magazine, magazine.root)
    assert error.code == "manifest.value" and error.message.startswith("layout.margins: ")


def test_an_unknown_font_role_suggests_a_known_one(magazine):
    magazine.edit('heading = "PT Sans"', 'headings = "PT Sans"')
    error = failure(load_magazine, magazine.root)
    assert error.code == "manifest.unknown-key"
    assert error.message == "layout.fonts.headings: unknown key; did you mean 'heading'?"


def test_word_styles_map_to_roles_in_file_order(magazine):
    magazine.toml.write_text(magazine.toml.read_text("utf-8")
                             + '\n[styles]\n"Заголовок статьи" = "title"\n"Цитата" = "quote"\n', "utf-8")
    assert load_magazine(magazine.root).styles == (("Заголовок статьи", "title"), ("Цитата", "quote"))


def test_an_unknown_style_role_names_the_quoted_style(magazine):
    magazine.toml.write_text(magazine.toml.read_text("utf-8")
                             + '\n[styles]\n"Подпись автора" = "signatur"\n', "utf-8")
    error = failure(load_magazine, magazine.root)
    assert error.code == "manifest.value"
    assert error.message.startswith('styles."Подпись автора": \'signatur\' is not allowed')
    assert "did you mean 'signature'?" in error.message


# --- docs/manifest.md stays true ------------------------------------------------------

DOCS = REPO / "docs" / "manifest.md"


def toml_examples() -> list[str]:
    return re.findall(r"```toml\n(.*?)```", DOCS.read_text("utf-8"), flags=re.DOTALL)


def test_the_full_munpress_toml_in_the_docs_loads(magazine):
    full = next(block for block in toml_examples() if block.startswith("# «Муниципалитет»"))
    magazine.toml.write_text(full, "utf-8")
    loaded = load_magazine(magazine.root)
    assert loaded.masthead[0].name("ky") == "Айнура СЫДЫКОВА"
    assert loaded.styles == (("Заголовок статьи", "title"), ("Подпись автора", "signature"))


def test_the_issue_examples_in_the_docs_load(magazine):
    issues = [block for block in toml_examples() if block.lstrip("# ").startswith(("Issue", "number"))]
    assert len(issues) == 2
    # written here into issues/1/: the number must be the folder's (a differing one is refused)
    issues = [re.sub(r"^number = \d+", "number = 1", text, flags=re.M) for text in issues]
    for text in issues:
        magazine.issue(text)
        issue = load_manifest(magazine.root, 1, check_files=False).issue
        assert issue.entries()
    magazine.issue(issues[0])
    entries = load_manifest(magazine.root, 1, check_files=False).issue.entries()
    assert [entry.id for entry in entries][:3] == ["01-new-year", "02-deputies-training", "apricot"]
    assert entries[1].planned_page("ru") == 6 and entries[-1].kind == "next-issue"


def test_the_docs_list_exactly_the_error_codes_the_loader_raises():
    source = (REPO / "munpress" / "manifest" / "load.py").read_text("utf-8")
    raised = set(re.findall(r'"(manifest\.[a-z-]+)"', source))
    documented = set(re.findall(r"^\| `(manifest\.[a-z-]+)` \|", DOCS.read_text("utf-8"), flags=re.M))
    assert raised == documented


def test_the_magazine_lists_the_words_it_never_divides(magazine):
    assert "Бишкек" in load_magazine(magazine.root).typography.unbreakable
    magazine.edit('unbreakable = ["Муниципалитет"', 'unbreakable = [7, "Муниципалитет"')
    with pytest.raises(InputError) as error:
        load_magazine(magazine.root)
    assert "typography.unbreakable[0]" in error.value.message
