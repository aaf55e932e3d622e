"""munpress's messages in Kyrgyz and Russian: every message of the code has a real translation
in both catalogs, with the same places to fill, and in the magazine's terms."""

from __future__ import annotations

import re
import string
from functools import cache

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from munpress import i18n
from tests.conftest import REPO

CATALOGS = REPO / "munpress" / "messages"
KEYWORDS = {"_": None, "_n": (1, 2), "N_": None}
CYRILLIC = re.compile("[а-яёөүң]", re.IGNORECASE)
# The magazine's words (see the issue): an English message about an article is about a макала
# in Kyrgyz and a статья in Russian; a page is a бет and a страница.
GLOSSARY = {
    "article": {"ky": "макала", "ru": "стат"},
    "rubric": {"ky": "рубрика", "ru": "рубрик"},
    "page": {"ky": "бет", "ru": "стр"},
}


@cache
def code_messages() -> dict[str, tuple[str, ...]]:
    """Every message the code gives _(), _n() or N_(): its id -> the ids of its forms."""
    found: dict[str, tuple[str, ...]] = {}
    for _filename, _line, message, _comments, _context in extract_from_dir(
            str(REPO / "munpress"), method_map=[("**.py", "python")], keywords=KEYWORDS):
        forms = message if isinstance(message, tuple) else (message,)
        found[forms[0]] = forms
    return found


@cache
def catalog(lang: str):
    with (CATALOGS / lang / "LC_MESSAGES" / "munpress.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def forms(value) -> tuple[str, ...]:
    """A catalog entry's id or text as its forms: one, or a plural's several."""
    return value if isinstance(value, tuple) else (value,)


def translated(lang: str):
    """(ids, texts, plural) of each entry of the catalog that has a translation."""
    for message in catalog(lang):
        if message.id and message.string:
            yield forms(message.id), forms(message.string), isinstance(message.id, tuple)


def places(text: str) -> set[str]:
    return {name for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name is not None}


def test_the_code_has_messages_to_translate():
    assert len(code_messages()) > 300  # the findings, errors, hints and CLI lines


@pytest.mark.parametrize("lang", i18n.TRANSLATED)
def test_every_message_is_translated(lang):
    entries = {forms(message.id)[0]: message for message in catalog(lang) if message.id}
    missing = [key for key in code_messages() if key not in entries]
    untranslated = [key for key in code_messages() if key in entries and (
        entries[key].fuzzy or not all(forms(entries[key].string)))]
    assert not missing, f"{len(missing)} messages not in the {lang} catalog (run make messages): {missing[:5]}"
    assert not untranslated, f"{len(untranslated)} messages without a {lang} translation: {untranslated[:5]}"


@pytest.mark.parametrize("lang", i18n.TRANSLATED)
def test_the_catalog_holds_only_the_codes_messages(lang):
    stale = [message.id for message in catalog(lang) if message.id and forms(message.id)[0] not in code_messages()]
    assert not stale, f"{lang}: messages the code no longer has (run make messages): {stale[:5]}"


@pytest.mark.parametrize("lang", i18n.TRANSLATED)
def test_translations_fill_the_same_places_and_are_in_cyrillic(lang):
    wrong = []
    for ids, texts, plural in translated(lang):
        expected = set().union(*(places(text) for text in ids))
        for text in texts:
            given = places(text)
            if given - expected or (not plural and given != expected):
                wrong.append((ids[0], text, "places"))
            words = re.sub(r"\{[^}]*\}", "", ids[0])
            if re.search("[A-Za-z]{3,}", words) and not CYRILLIC.search(text):
                wrong.append((ids[0], text, "not translated"))
    assert not wrong, wrong[:5]


@pytest.mark.parametrize("lang", i18n.TRANSLATED)
def test_translations_use_the_magazines_terms(lang):
    wrong = []
    for ids, texts, _plural in translated(lang):
        english = re.sub(r"\{[^}]*\}", "", ids[0]).lower()
        text = texts[0].lower()
        for word, terms in GLOSSARY.items():
            if re.search(rf"\b{word}s?\b", english) and terms[lang] not in text:
                wrong.append((english, text, terms[lang]))
    assert not wrong, f"{len(wrong)} translations without the magazine's term: {wrong[:5]}"


@pytest.mark.parametrize(("environment", "magazine", "expected"), [
    ({}, None, "en"),
    ({"LANG": "ky_KG.UTF-8"}, None, "ky"),
    ({"LC_ALL": "ru_RU.UTF-8", "LANG": "ky_KG.UTF-8"}, None, "ru"),
    ({"LANGUAGE": "de:ru", "LANG": "ky_KG.UTF-8"}, None, "ru"),
    ({"LANG": "en_US.UTF-8"}, "ky", "ky"),  # a system default is not a choice against the magazine's
    ({"LANG": "C"}, "ru", "ru"),
    ({"LANGUAGE": "en", "LANG": "ky_KG.UTF-8"}, "ky", "en"),  # LANGUAGE is
    ({"LANG": "ky_KG.UTF-8"}, "ru", "ky"),
])
def test_the_language_follows_gettext_then_the_magazine(environment, magazine, expected):
    i18n.use_environment(environment)
    i18n.use_magazine_setting(magazine)
    assert i18n.language() == expected


def test_a_message_is_said_in_the_chosen_language():
    some = next(key for key, forms in code_messages().items() if len(forms) == 1 and not places(key))
    i18n.use("ru")
    russian = i18n._(some)
    i18n.use("ky")
    kyrgyz = i18n._(some)
    i18n.use("en")
    assert i18n._(some) == some
    assert CYRILLIC.search(russian) and CYRILLIC.search(kyrgyz) and russian != kyrgyz


def test_plural_forms_follow_the_language():
    singular, plural = "{count} error", "{count} errors"
    assert code_messages().get(singular) == (singular, plural)
    i18n.use("ru")
    forms = [i18n._n(singular, plural, n) for n in (1, 3, 5, 21)]
    assert forms[0] != forms[1] != forms[2] and forms[3].endswith(forms[0].split()[-1]), forms


def test_a_source_tree_without_compiled_catalogs_still_speaks(tmp_path):
    source = (CATALOGS / "ky" / "LC_MESSAGES" / "munpress.po").read_bytes()
    compiled = i18n.compile_po(source, "ky")
    assert compiled[:4] in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")  # the .mo magic number


def test_no_message_is_an_f_string():
    """An f-string's text is made before gettext sees it: it can never be translated."""
    found = [f"{path.relative_to(REPO)}:{number}" for path in sorted((REPO / "munpress").rglob("*.py"))
             for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
             if re.search(r"\b(_|_n|N_)\(\s*f['\"]", line)]
    assert not found, found
