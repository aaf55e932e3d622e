"""Property tests of the manifest loader: whatever issue.toml or munpress.toml says, the loader
returns a Manifest or raises one InputError whose line names the file (and, for a key, its
full key path); a valid generated manifest gives back exactly the values it was written with.

Examples per test are sized for CI (the file runs in well under 30 s);
MUNPRESS_FUZZ_EXAMPLES=2000 runs longer.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import os
import re
import shutil
import tomllib
from collections.abc import Callable
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from munpress.diagnostics import InputError
from munpress.model.text import clean
from munpress.manifest import (
    ENTRY_KINDS,
    STYLE_ROLES,
    Manifest,
    load_magazine,
    load_manifest,
)
from munpress.manifest.load import ISSUE_KEYS, MAGAZINE_STRINGS, MAGAZINE_TEXTS, join
from munpress.model.meta import LANGUAGES
from tests.manifest.conftest import REPO, Magazine

EXAMPLES = int(os.environ.get("MUNPRESS_FUZZ_EXAMPLES", "0"))
ISSUE_FILE = "issues/1/issue.toml"
POOL = 12  # manuscripts per language in the test magazine: enough for 3 sections × 3 articles
KEY_CODES = frozenset({"manifest.type", "manifest.unknown-key", "manifest.missing-key", "manifest.value",
                       "manifest.duplicate-article", "manifest.path-escape", "manifest.path-absolute",
                       "manifest.file-type", "manifest.missing-file"})
KEY_PATH = re.compile(r'(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*")(?:\.(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*")|\[\d+\])*: ')


def examples(default: int) -> settings:
    return settings(max_examples=EXAMPLES or default, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def manuscript_name(lang: str, number: int) -> str:
    return f"{number:02d}-макала-{lang}.docx"


@pytest.fixture(scope="module")
def magazine(tmp_path_factory: pytest.TempPathFactory) -> Magazine:
    """The real munpress.toml and POOL stand-in manuscripts per language in issues/1/."""
    root = tmp_path_factory.mktemp("magazine")
    shutil.copy(REPO / "munpress.toml", root / "munpress.toml")
    shutil.copytree(REPO / "fillers", root / "fillers")  # munpress.toml names them
    found = Magazine(root)
    for lang in LANGUAGES:
        for number in range(POOL):
            found.manuscript(f"manuscripts/{lang}/{manuscript_name(lang, number)}")
    return found


# --- writing TOML ---------------------------------------------------------------------------


def toml_string(text: str) -> str:
    escaped = (f"\\u{ord(c):04x}" if c < " " or c == "\x7f" else "\\\\" if c == "\\" else '\\"' if c == '"'
               else c for c in text)
    return '"' + "".join(escaped) + '"'


def toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else toml_string(key)


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return "nan" if math.isnan(value) else repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, (dt.date, dt.time)):  # datetime is a date
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    return "{" + ", ".join(f"{toml_key(key)} = {toml_value(item)}" for key, item in value.items()) + "}"


def toml_document(data: dict[str, Any]) -> str:
    """One `key = value` line per top-level key; tables and arrays of tables are written inline."""
    return "".join(f"{toml_key(key)} = {toml_value(value)}\n" for key, value in data.items())


# --- strategies -------------------------------------------------------------------------------

WORDS = ("Муниципалитет", "Бишкек", "жергиликтүү", "өз алдынча", "башкаруу", "Түп", "Ысык-Көл", "ңөү",
         "«Жаңылыктар»", "НОВОСТИ", "пастбищный", "ё", '"цитата"', "\\", "\t", "#", "=", "[x]", "{", "'")
TEXT = st.one_of(st.lists(st.sampled_from(WORDS), max_size=5).map(" ".join), st.text(max_size=15))
NUMBER = st.integers(1, 2**63 - 1)
ISSUE_LANGUAGES = st.sampled_from([("ky", "ru"), ("ru", "ky"), ("ky",), ("ru",)])
TIMEZONES = st.sampled_from([None, dt.timezone.utc, dt.timezone(dt.timedelta(hours=6)),
                             dt.timezone(dt.timedelta(hours=-3, minutes=-30))])
SCALARS = st.one_of(
    st.booleans(), st.integers(-(2**63), 2**63 - 1), st.floats(), st.text(max_size=10),
    st.dates(), st.datetimes(timezones=TIMEZONES), st.times(),
)
TOML_VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)), max_leaves=8)


def localized(languages: tuple[str, ...]) -> st.SearchStrategy[Any]:
    """A plain string (every language) or a table with a text per language."""
    return st.one_of(TEXT, st.fixed_dictionaries({lang: TEXT for lang in languages}))


def per_language(languages: tuple[str, ...], values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(values, st.fixed_dictionaries({lang: values for lang in languages}))


def spelled(path: str) -> st.SearchStrategy[str]:
    """Ways an editor writes the same manuscript path."""
    folder, name = path.rsplit("/", 1)
    return st.sampled_from([path, "./" + path, path.replace("/", "\\"), f"  {path} ",
                            f"{folder}/../{folder.rsplit('/', 1)[1]}/{name}", f"manuscripts/./{path[12:]}"])


@st.composite
def articles(draw: Callable[..., Any], number: int, languages: tuple[str, ...]) -> dict[str, Any]:
    article: dict[str, Any] = {}
    chosen = draw(st.none() | st.lists(st.sampled_from(languages), min_size=1, unique=True))
    entry_languages = tuple(lang for lang in languages if lang in chosen) if chosen else languages
    files = {lang: draw(spelled(f"manuscripts/{lang}/{manuscript_name(lang, number)}")) for lang in entry_languages}
    plain = len(entry_languages) == 1 and draw(st.booleans())
    article["manuscript"] = files[entry_languages[0]] if plain else files
    article["page"] = draw(per_language(entry_languages, NUMBER))
    if draw(st.booleans()):
        article["title"] = draw(localized(entry_languages))
    if draw(st.booleans()):
        article["new_page"] = draw(per_language(entry_languages, st.booleans()))
    if draw(st.booleans()):
        article["kind"] = draw(st.sampled_from(ENTRY_KINDS))
    if draw(st.booleans()):
        article["id"] = f"статья-{number}"
    if chosen:
        article["languages"] = chosen
    return article


@st.composite
def issues(draw: Callable[..., Any]) -> dict[str, Any]:
    """A valid issue.toml as data: every manuscript exists, ids and files are unique."""
    languages = draw(ISSUE_LANGUAGES)
    # number 1: the issue lives in issues/1/, and a number that differs from its folder is refused
    issue: dict[str, Any] = {"number": 1, "number_in_year": draw(st.integers(1, 99)), "date": draw(st.dates()),
                             "languages": list(languages)}
    if draw(st.booleans()):
        issue["headlines"] = draw(st.lists(localized(languages), max_size=3))
    numbers = count()
    issue["sections"] = [
        {"title": draw(localized(languages)),
         "articles": [draw(articles(next(numbers), languages)) for _ in range(draw(st.integers(1, 3)))]}
        for _ in range(draw(st.integers(1, 3)))
    ]
    return issue


def texts(value: Any, languages: tuple[str, ...]) -> dict[str, str]:
    """The texts as munpress reads them back: composed (NFC), invisible characters gone."""
    return {lang: clean(value if isinstance(value, str) else value[lang]) for lang in languages}


def per_lang(value: Any, languages: tuple[str, ...]) -> dict[str, Any]:
    return {lang: value[lang] if isinstance(value, dict) else value for lang in languages}


# --- the properties -----------------------------------------------------------------------------


def outcome(call: Callable[[], Any], label: str) -> Any:
    """The loader's result, or its InputError checked: one line that names the file."""
    try:
        return call()
    except InputError as error:
        line = error.one_line()
        assert "\n" not in line and "\r" not in line, line
        assert error.file == label and re.match(rf"{re.escape(label)}(:\d+:\d+)?: ", line), line
        if error.code in KEY_CODES:
            assert KEY_PATH.match(error.message), f"no key path at the start: {error.message}"
        return error


def load_issue(magazine: Magazine, text: str | bytes, check_files: bool = True) -> Any:
    folder = magazine.root / "issues" / "1"
    (folder / "issue.toml").write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return outcome(lambda: load_manifest(magazine.root, 1, check_files=check_files), ISSUE_FILE)


@examples(150)
@given(issue=issues())
def test_a_valid_issue_gives_back_every_value_it_was_written_with(magazine: Magazine, issue: dict) -> None:
    manifest = load_issue(magazine, toml_document(issue))
    assert isinstance(manifest, Manifest), manifest.one_line()
    loaded, languages = manifest.issue, tuple(issue["languages"])
    assert (loaded.number, loaded.number_in_year, loaded.date) == (issue["number"], issue["number_in_year"],
                                                                    issue["date"])
    assert loaded.languages == languages
    assert [{lang: h(lang) for lang in languages} for h in loaded.headlines] == [
        texts(h, languages) for h in issue.get("headlines", [])]
    folder = magazine.root.resolve() / "issues" / "1" / "manuscripts"
    numbers = count()  # the generator numbers the articles' manuscripts in reading order
    for i, (section, written) in enumerate(zip(loaded.sections, issue["sections"], strict=True)):
        assert {lang: section.title(lang) for lang in languages} == texts(written["title"], languages)
        for j, (entry, article) in enumerate(zip(section.articles, written["articles"], strict=True)):
            chosen, number = article.get("languages"), next(numbers)
            entry_languages = tuple(lang for lang in languages if not chosen or lang in chosen)
            assert dict(entry.manuscripts) == {lang: folder / lang / manuscript_name(lang, number)
                                               for lang in entry_languages}
            assert dict(entry.planned_pages) == per_lang(article["page"], entry_languages)
            assert dict(entry.new_page) == per_lang(article.get("new_page", False), entry_languages)
            assert entry.kind == article.get("kind", "article")
            assert entry.id == article.get("id", Path(manuscript_name(entry_languages[0], number)).stem)
            assert entry.key_path == f"sections[{i}].articles[{j}]"
            if "title" in article:
                assert {lang: entry.title(lang) for lang in entry_languages} == texts(article["title"],
                                                                                      entry_languages)
            else:
                assert entry.title is None


def nodes(data: Any, path: tuple[str | int, ...] = ()) -> list[tuple[Any, str | int, tuple[str | int, ...]]]:
    """Every (container, key, key path) below `data`: dict keys and list items."""
    found = []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        found.append((data, key, (*path, key)))
        found.extend(nodes(value, (*path, key)))
    return found


def key_path(keys: tuple[str | int, ...]) -> str:
    """The key path as a message shows it: control characters written as escapes, on one line."""
    return re.sub(r"[\x00-\x1f\x7f]", lambda c: repr(c.group())[1:-1], join("", *keys))


def issue_key_is_required(keys: tuple[str | int, ...]) -> bool:
    *parent, key = keys
    if not parent:
        return key in ISSUE_KEYS
    if len(parent) == 2 and parent[0] == "sections":
        return key in ("title", "articles")
    if len(parent) == 4 and parent[2] == "articles":
        return key in ("manuscript", "page")
    return key in LANGUAGES  # a language of a localized or per-language table


ISSUE_TABLE_KEYS = (*ISSUE_KEYS, "headlines", "title", "articles", "manuscript", "page", "new_page", "kind", "id",
                    "languages", *LANGUAGES)
UNKNOWN_KEYS = st.one_of(st.text(max_size=12), st.sampled_from(["titel", "Page", "manuscripts", "kg", "en",
                                                                "номер", "ru ", "ky\u0000"])
                         ).filter(lambda key: key not in ISSUE_TABLE_KEYS)


@examples(150)
@given(issue=issues(), data=st.data())
def test_a_missing_required_key_is_named_with_its_full_key_path(magazine: Magazine, issue: dict,
                                                                 data: st.DataObject) -> None:
    candidates = [(container, key, keys) for container, key, keys in nodes(issue)
                  if isinstance(container, dict) and issue_key_is_required(keys)]
    container, key, keys = data.draw(st.sampled_from(candidates))
    del container[key]
    error = load_issue(magazine, toml_document(issue), check_files=False)
    assert isinstance(error, InputError) and error.code == "manifest.missing-key", error
    assert error.message.startswith(key_path(keys) + ": "), error.message


@examples(150)
@given(issue=issues(), data=st.data(), unknown=UNKNOWN_KEYS)
def test_an_unknown_key_is_named_with_its_full_key_path(magazine: Magazine, issue: dict, data: st.DataObject,
                                                        unknown: str) -> None:
    tables = [(issue, ())] + [(value[key], keys) for value, key, keys in nodes(issue) if isinstance(value[key], dict)]
    table, keys = data.draw(st.sampled_from(tables))
    table[unknown] = data.draw(TOML_VALUES)
    error = load_issue(magazine, toml_document(issue), check_files=False)
    assert isinstance(error, InputError) and error.code == "manifest.unknown-key", error
    assert error.message.startswith(key_path((*keys, unknown)) + ": "), error.message


@examples(300)
@given(issue=issues(), data=st.data())
def test_any_value_anywhere_is_loaded_or_refused_in_one_line(magazine: Magazine, issue: dict,
                                                             data: st.DataObject) -> None:
    container, key, _ = data.draw(st.sampled_from(nodes(issue)))
    container[key] = data.draw(st.one_of(TOML_VALUES, st.text(max_size=300), st.sampled_from(
        ["", "\x00.docx", "ж" * 300 + ".docx", "/etc/passwd.docx", "C:\\x.docx", "../../../x.docx",
         "manuscripts/ky", ".", "..", "manuscripts/ky/\x00"])))
    load_issue(magazine, toml_document(issue), check_files=data.draw(st.booleans()))


@examples(200)
@given(issue=issues(), data=st.data())
def test_damaged_issue_text_is_loaded_or_refused_in_one_line(magazine: Magazine, issue: dict,
                                                            data: st.DataObject) -> None:
    raw = toml_document(issue).encode("utf-8")
    at = data.draw(st.integers(0, len(raw)))
    damage = data.draw(st.sampled_from(["cut", "insert", "bytes", "bom", "nest"]))
    if damage == "cut":
        raw = raw[:at]
    elif damage == "insert":
        raw = raw[:at] + data.draw(st.text(max_size=8)).encode("utf-8") + raw[at:]
    elif damage == "bytes":
        raw = raw[:at] + data.draw(st.binary(min_size=1, max_size=4)) + raw[at:]
    elif damage == "bom":
        raw = b"\xef\xbb\xbf" + raw
    else:
        raw += b"deep = " + b"[" * data.draw(st.sampled_from([10, 1000, 100_000])) + b"\n"
    load_issue(magazine, raw)


@examples(200)
@given(issue=st.one_of(st.text(max_size=300), st.integers(), st.sampled_from(["1", " 1 ", "01", "..", ".", "/",
                                                                              "1/../1", "\x00", "ж" * 300])))
def test_any_issue_argument_is_loaded_or_refused_in_one_line(magazine: Magazine, issue: str | int) -> None:
    (magazine.root / "issues" / "1" / "issue.toml").write_text(
        'number = 1\nnumber_in_year = 1\ndate = 2024-01-15\nlanguages = ["ru"]\n'
        f'sections = [{{ title = "Т", articles = [{{ manuscript = "manuscripts/ru/{manuscript_name("ru", 0)}", '
        "page = 1 }] }]\n", "utf-8")
    try:
        result = load_manifest(magazine.root, issue, check_files=True)
    except InputError as error:
        assert "\n" not in error.one_line() and error.code == "manifest.no-issue", error.one_line()
    else:
        assert str(issue).strip() == "1" and result.issue.number == 1


# --- munpress.toml ------------------------------------------------------------------------------

MAGAZINE = tomllib.loads((REPO / "munpress.toml").read_text("utf-8"))
LENGTH = st.floats(0, 20)
LAYOUTS = st.fixed_dictionaries({}, optional={
    "trim": st.one_of(st.sampled_from(["A4", "A5", "a4", " a5 "]),
                      st.lists(st.floats(50, 1000), min_size=2, max_size=2)),
    "margins": st.fixed_dictionaries({}, optional={side: LENGTH for side in ("top", "bottom", "inner", "outer")}),
    "columns": st.integers(1, 3), "gutter": LENGTH, "bleed": LENGTH, "body_size": st.floats(1, 30),
    "fonts": st.fixed_dictionaries({}, optional={role: TEXT.filter(str.strip) for role in ("body", "heading")}),
})
STYLE_NAMES = st.one_of(st.sampled_from(["Заголовок статьи", "Макаланын аталышы", "Цитата", "Аннотация", "Heading 1",
                                         "Абзац, список"]), st.text(min_size=1, max_size=20))


@st.composite
def magazines(draw: Callable[..., Any]) -> dict[str, Any]:
    """The real munpress.toml with generated layout, styles and typography."""
    data = {key: copy.deepcopy(value) for key, value in MAGAZINE.items()
            if key not in ("layout", "styles", "typography")}
    data["layout"] = draw(LAYOUTS)
    data["styles"] = draw(st.dictionaries(STYLE_NAMES, st.sampled_from(STYLE_ROLES), max_size=4))
    data["typography"] = {"unbreakable": draw(st.lists(TEXT, max_size=4))}
    return data


def load_magazine_text(root: Path, text: str) -> Any:
    (root / "munpress.toml").write_text(text, "utf-8")
    return outcome(lambda: load_magazine(root), "munpress.toml")


@pytest.fixture(scope="module")
def magazine_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("munpress-toml")


@examples(150)
@given(data=magazines())
def test_a_valid_magazine_file_gives_back_its_layout_styles_and_words(magazine_root: Path, data: dict) -> None:
    magazine = load_magazine_text(magazine_root, toml_document(data))
    assert not isinstance(magazine, InputError), magazine.one_line()
    layout, written = magazine.layout, data["layout"]
    trim = written.get("trim", "A4")
    if isinstance(trim, str):
        assert (layout.trim, layout.trim_mm) == (trim.strip().upper(), {"A4": (210.0, 297.0), "A5": (148.0, 210.0)}[
            trim.strip().upper()])
    else:
        assert (layout.trim, layout.trim_mm) == ("custom", tuple(trim))
    margins = written.get("margins", {})
    assert all(getattr(layout.margins, side) == value for side, value in margins.items())
    assert layout.columns == written.get("columns", 2)
    assert (layout.gutter_mm, layout.bleed_mm, layout.body_size_pt) == (
        written.get("gutter", 5.0), written.get("bleed", 3.0), written.get("body_size", 10.0))
    # every text comes back as written, composed (NFC) as munpress reads all text (model/text.py)
    assert {role: getattr(layout.fonts, role) for role in written.get("fonts", {})} == \
        {role: clean(family) for role, family in written.get("fonts", {}).items()}
    assert magazine.styles == tuple((clean(name), role) for name, role in data["styles"].items())
    assert magazine.typography.unbreakable == tuple(clean(word) for word in data["typography"]["unbreakable"])
    assert magazine.slug == MAGAZINE["slug"] and magazine.contacts.email == MAGAZINE["contacts"]["email"]


def magazine_key_is_required(keys: tuple[str | int, ...]) -> bool:
    *parent, key = keys
    if not parent:
        return key in (*MAGAZINE_STRINGS, *MAGAZINE_TEXTS, "masthead", "contacts")
    if parent == ["contacts"]:
        return key in ("address", "email", "phones")
    if len(parent) == 2 and parent[0] == "masthead":
        return key in ("role", "name")
    return key in LANGUAGES and parent[0] in (*MAGAZINE_TEXTS, "masthead", "contacts")


@examples(200)
@given(data=magazines(), choice=st.data())
def test_any_change_to_the_magazine_file_is_loaded_or_refused_in_one_line(magazine_root: Path, data: dict,
                                                                          choice: st.DataObject) -> None:
    container, key, keys = choice.draw(st.sampled_from(nodes(data)))
    action = choice.draw(st.sampled_from(["delete", "replace", "unknown"]))
    if action == "unknown":
        assume(isinstance(container[key], dict) and keys[0] != "styles")
        unknown = choice.draw(UNKNOWN_KEYS.filter(lambda name: name not in (*MAGAZINE, "margins", "fonts", "trim",
                                                                             "columns", "gutter", "bleed", "body_size",
                                                                             "top", "bottom", "inner", "outer", "body",
                                                                             "heading", "unbreakable", "role", "name",
                                                                             "address", "email", "phones", "fax")))
        container[key][unknown] = choice.draw(TOML_VALUES)
    elif action == "delete":
        assume(isinstance(container, dict))
        del container[key]
    else:
        container[key] = choice.draw(TOML_VALUES)
    result = load_magazine_text(magazine_root, toml_document(data))
    if action == "delete" and magazine_key_is_required(keys):
        assert isinstance(result, InputError) and result.code == "manifest.missing-key", result
        assert result.message.startswith(key_path(keys) + ": "), result.message
    if action == "unknown":
        assert isinstance(result, InputError) and result.code == "manifest.unknown-key", result
        assert result.message.startswith(key_path((*keys, unknown)) + ": "), result.message


@examples(100)
@given(value=TOML_VALUES.filter(lambda v: not (isinstance(v, float) and math.isnan(v))))
def test_the_toml_this_file_writes_reads_back_as_the_same_value(value: Any) -> None:
    assume("nan" not in toml_value(value))
    assert tomllib.loads(f"key = {toml_value(value)}")["key"] == value
