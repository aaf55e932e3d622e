"""The magazine's fillers ([[fillers]] in munpress.toml) and an article's pull_quotes in issue.toml:
what loads, and the one line every broken input gives."""

from __future__ import annotations

import pytest

from munpress.manifest import load_magazine, load_manifest
from tests.conftest import run_munpress
from tests.manifest.test_load import MINIMAL_ISSUE, REPO, failure, issue_error, toml_examples, with_article

FILLERS_START = "# Fillers:"


def with_fillers(magazine, text: str) -> None:
    """The real munpress.toml with its [[fillers]] replaced by `text`."""
    toml = magazine.toml.read_text("utf-8")
    assert FILLERS_START in toml, "test setup: munpress.toml has no fillers section"
    magazine.toml.write_text(toml[: toml.index(FILLERS_START)] + FILLERS_START + " rewritten by the test\n" + text,
                             "utf-8")


def filler(manuscript: str, kind: str = "note", extra: str = "") -> str:
    return f'\n[[fillers]]\nkind = "{kind}"\nmanuscript = {manuscript}\n{extra}\n'


def docx(magazine, relative: str) -> None:
    path = magazine.root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"PK stand-in for a .docx")


# --- what loads ---------------------------------------------------------------------------


def test_the_real_magazine_declares_its_fillers_in_order_with_both_languages():
    fillers = load_magazine(REPO, check_files=True).fillers
    assert [(f.id, f.kind) for f in fillers] == [
        ("subscription", "house-ad"), ("share-your-story", "notice"), ("seminar", "note"),
        ("council-guide", "note"), ("grant-competition", "note"), ("hotline", "notice"),
        ("hearings-reminder", "note"), ("school-essays", "note"), ("online", "notice")]
    assert [f.key_path for f in fillers][:2] == ["fillers[0]", "fillers[1]"]
    first = fillers[0]
    assert first.in_edition("ky") and first.in_edition("ru")
    assert first.manuscript("ru") == REPO.resolve() / "fillers/ru/subscription.docx"
    assert all(f.manuscript(lang).is_file() for f in fillers for lang in ("ky", "ru"))


def test_a_filler_may_have_one_language_and_its_own_id(magazine):
    with_fillers(magazine, filler('{ ru = "fillers/ru/only.docx" }', "notice", 'id = "  notice-ru "'))
    docx(magazine, "fillers/ru/only.docx")
    (found,) = load_magazine(magazine.root, check_files=True).fillers
    assert (found.id, found.kind) == ("notice-ru", "notice")
    assert found.in_edition("ru") and not found.in_edition("ky")
    assert found.manuscript("ru") == magazine.root.resolve() / "fillers/ru/only.docx"


def test_a_magazine_without_fillers_has_none(magazine):
    with_fillers(magazine, "")
    assert load_magazine(magazine.root).fillers == ()


def test_missing_filler_files_are_fine_until_an_issue_is_built(magazine):
    with_fillers(magazine, filler('{ ky = "fillers/ky/later.docx" }'))
    (found,) = load_magazine(magazine.root).fillers  # planning: nothing on disk needed
    assert found.id == "later"
    magazine.issue(with_article())
    assert load_manifest(magazine.root, 1, check_files=False).magazine.fillers == (found,)


# --- broken fillers: one line each ---------------------------------------------------------


def test_an_unknown_filler_key_suggests_the_known_one(magazine):
    with_fillers(magazine, filler('{ ky = "fillers/ky/a.docx" }').replace("kind =", "kinds ="))
    error = failure(load_magazine, magazine.root)
    assert (error.code, error.file) == ("manifest.unknown-key", "munpress.toml")
    assert error.message == "fillers[0].kinds: unknown key; did you mean 'kind'?"
    assert error.hint == "keys allowed here: kind, manuscript, id"


def test_a_filler_kind_must_be_one_of_the_three(magazine):
    with_fillers(magazine, filler('{ ky = "fillers/ky/a.docx" }', "house-add"))
    error = failure(load_magazine, magazine.root)
    assert error.code == "manifest.value"
    assert error.one_line() == ("munpress.toml:69:1: fillers[0].kind: 'house-add' is not allowed; did you mean "
                                "'house-ad'? (use one of: house-ad, notice, note)")


def test_a_filler_needs_a_kind(magazine):
    with_fillers(magazine, '\n[[fillers]]\nmanuscript = { ky = "fillers/ky/a.docx" }\n')
    error = failure(load_magazine, magazine.root)
    assert error.code == "manifest.missing-key" and error.message.startswith("fillers[0].kind: ")


def test_a_missing_filler_file_is_one_line_naming_its_key_path(magazine):
    with_fillers(magazine, filler('{ ky = "fillers/ky/seminar.docx", ru = "fillers/ru/gone.docx" }'))
    error = failure(load_magazine, magazine.root, check_files=True)
    assert error.code == "manifest.missing-file"
    assert error.one_line() == ("munpress.toml:70:48: fillers[0].manuscript.ru: file not found: fillers/ru/gone.docx "
                                "(check the path; it is relative to the magazine folder)")
    magazine.issue(with_article())
    assert failure(load_manifest, magazine.root, 1).code == "manifest.missing-file"
    assert load_manifest(magazine.root, 1, check_files=False).magazine.fillers  # planning needs no files


def test_a_build_with_a_missing_filler_stops_with_exit_code_2(magazine_copy):
    (magazine_copy / "fillers/ky/seminar.docx").unlink()
    result = run_munpress("build", "147", "--root", str(magazine_copy), "--out", str(magazine_copy / "out"))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "fillers[2].manuscript.ky: file not found: fillers/ky/seminar.docx" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not (magazine_copy / "out").exists()


@pytest.mark.parametrize("path", ["../outside.docx", "fillers/../../../etc/passwd.docx", "/etc/filler.docx"])
def test_a_filler_path_leading_outside_the_magazine_is_refused(magazine, path):
    with_fillers(magazine, filler(f'{{ ru = "{path}" }}'))
    error = failure(load_magazine, magazine.root)
    assert error.code == "manifest.path-escape"
    assert error.message == f"fillers[0].manuscript.ru: {path} leads outside the magazine folder"
    assert "relative to the magazine folder" in error.hint


def test_a_filler_symlink_pointing_outside_the_magazine_is_refused(magazine, tmp_path):
    outside = tmp_path / "elsewhere.docx"
    outside.write_bytes(b"PK")
    (magazine.root / "fillers/ru").mkdir(parents=True, exist_ok=True)
    (magazine.root / "fillers/ru/link.docx").symlink_to(outside)
    with_fillers(magazine, filler('{ ru = "fillers/ru/link.docx" }'))
    assert failure(load_magazine, magazine.root).code == "manifest.path-escape"


def test_an_absolute_filler_path_inside_the_magazine_is_still_refused(magazine):
    inside = magazine.root.resolve() / "fillers/ru/a.docx"
    with_fillers(magazine, filler(f'{{ ru = "{inside}" }}'))
    error = failure(load_magazine, magazine.root)
    assert error.code == "manifest.path-absolute"
    assert error.hint == 'write "fillers/ru/a.docx"'  # the same file, written from the magazine folder


def test_a_filler_must_be_a_docx(magazine):
    with_fillers(magazine, filler('{ ru = "fillers/ru/a.doc" }'))
    error = failure(load_magazine, magazine.root)
    assert error.code == "manifest.file-type" and "Save As" in error.hint


@pytest.mark.parametrize("manuscript, code, start", [
    ('"fillers/ru/a.docx"', "manifest.type", "fillers[0].manuscript: expected a table with a file per language"),
    ("{}", "manifest.value", "fillers[0].manuscript: no manuscript given"),
    ('{ kg = "fillers/ky/a.docx" }', "manifest.unknown-key", "fillers[0].manuscript.kg: unknown key; did you mean 'ky'?"),
])
def test_a_filler_manuscript_is_a_table_of_languages(magazine, manuscript, code, start):
    with_fillers(magazine, filler(manuscript))
    error = failure(load_magazine, magazine.root)
    assert error.code == code and error.message.startswith(start)


def test_fillers_must_be_an_array_of_tables(magazine):
    with_fillers(magazine, "")
    magazine.toml.write_text('fillers = "subscription.docx"\n' + magazine.toml.read_text("utf-8"), "utf-8")
    error = failure(load_magazine, magazine.root)
    assert error.code == "manifest.type" and error.message.startswith("fillers: expected an array of tables")


def test_two_fillers_may_not_share_a_file_or_an_id(magazine):
    with_fillers(magazine, filler('{ ru = "fillers/ru/a.docx" }') + filler('{ ru = "./fillers/ru/a.docx" }'))
    error = failure(load_magazine, magazine.root)
    assert error.code == "manifest.duplicate-filler"
    assert error.message == "fillers[1].manuscript.ru: ./fillers/ru/a.docx is already used by fillers[0].manuscript.ru"
    with_fillers(magazine, filler('{ ru = "fillers/ru/a.docx" }') + filler('{ ky = "fillers/ky/a.docx" }'))
    error = failure(load_magazine, magazine.root)
    assert error.code == "manifest.duplicate-filler"
    assert error.message.startswith("fillers[1]: the filler id 'a' is already used by fillers[0]")


# --- pull_quotes in issue.toml ---------------------------------------------------------------


def test_an_article_names_its_pull_quotes_per_language_or_once_for_all(magazine):
    magazine.issue(with_article('pull_quotes = [{ ky = "Ишеним маанилүү.", ru = "Доверие важнее." }, "МСУ"]'))
    (entry,) = load_manifest(magazine.root, 1, check_files=False).issue.entries()
    first, second = entry.pull_quotes
    assert (first("ky"), first("ru"), second("ky"), second("ru")) == ("Ишеним маанилүү.", "Доверие важнее.", "МСУ", "МСУ")


def test_the_real_issue_names_a_pull_quote_for_the_drinking_water_article():
    entries = {entry.id: entry for entry in load_manifest(REPO, 147, check_files=False).issue.entries()}
    (quote,) = entries["07-drinking-water"].pull_quotes
    assert quote("ru") == "Доверие оказалось важнее труб."
    assert "07-drinking-water" in [entry_id for entry_id, entry in entries.items() if entry.pull_quotes]


def test_a_pull_quote_needs_every_language_of_its_article(magazine):
    error = issue_error(magazine, with_article('pull_quotes = [{ ky = "Ишеним маанилүү." }]'))
    assert error.code == "manifest.missing-key"
    assert error.message == "sections[0].articles[0].pull_quotes[0].ru: no text for language 'ru'"


def test_pull_quotes_must_be_an_array_of_texts(magazine):
    error = issue_error(magazine, with_article('pull_quotes = "Доверие важнее."'))
    assert error.code == "manifest.type"
    assert error.message.startswith("sections[0].articles[0].pull_quotes: expected an array of texts")


def test_an_empty_pull_quote_is_refused(magazine):
    error = issue_error(magazine, with_article('pull_quotes = [{ ky = "Ишеним.", ru = " " }]'))
    assert error.code == "manifest.value"
    assert error.message == "sections[0].articles[0].pull_quotes[0].ru: must not be empty"


def test_an_advertisement_has_no_pull_quotes(magazine):
    error = issue_error(magazine, with_article('kind = "advertisement"\npull_quotes = ["Купите!"]'))
    assert error.code == "manifest.value"
    assert error.message == "sections[0].articles[0].pull_quotes: an advertisement page has no pull quotes"


# --- docs/manifest.md stays true ---------------------------------------------------------------


def test_the_fillers_example_in_the_docs_loads(magazine):
    (example,) = [block for block in toml_examples() if block.startswith("# At the end of munpress.toml")]
    with_fillers(magazine, example)
    fillers = load_magazine(magazine.root, check_files=True).fillers
    assert [(f.id, f.kind, tuple(lang for lang, _ in f.manuscripts)) for f in fillers] == [
        ("subscription", "house-ad", ("ky", "ru")), ("stories", "notice", ("ky", "ru")), ("seminar", "note", ("ru",))]


def test_the_pull_quotes_example_in_the_docs_loads_and_is_in_the_article(magazine):
    (example,) = [block for block in toml_examples() if block.startswith("# In issues/147/issue.toml")]
    header = "\n".join(MINIMAL_ISSUE.splitlines()[:7]) + "\n"  # number … the first [[sections]] title
    magazine.issue(header + example)
    (entry,) = load_manifest(magazine.root, 1, check_files=False).issue.entries()
    real = {e.id: e for e in load_manifest(REPO, 147, check_files=False).issue.entries()}
    assert entry.pull_quotes == real["07-drinking-water"].pull_quotes
