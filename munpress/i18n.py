"""munpress's own messages (findings, errors, hints, the CLI's lines) in the editors' language.

gettext catalogs managed by Babel live in `munpress/messages/<lang>/LC_MESSAGES/munpress.po`
and are compiled to `.mo` when the package is built or installed (setup.py); a source tree
without the `.mo` compiles the `.po` in memory. English is the source language and the
default. Finding codes, keys, paths and numbers are values put into a message, never part of
what is translated.

Which language: the gettext convention as Python's gettext reads it, then the magazine's
`[cli] messages` in munpress.toml:
1. LANGUAGE, a colon-separated list: its first entry that is en, ky or ru;
2. the first of LC_ALL, LC_MESSAGES, LANG that is set, when it names ky or ru;
3. `[cli] messages` of the magazine (applied once the magazine folder is known);
4. English.
A system's LANG=en_US or C is not a choice against the magazine's setting; LANGUAGE=en is.
"""

from __future__ import annotations

import gettext
import io
import os
from functools import cache
from importlib import resources
from typing import Mapping

DOMAIN = "munpress"
SOURCE_LANGUAGE = "en"
LANGUAGES = ("en", "ky", "ru")
TRANSLATED = ("ky", "ru")

_current: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE_LANGUAGE
_chosen_by_environment = False


def _(message: str, /, **values: object) -> str:
    """The message in the chosen language, with `{name}` places filled from `values`."""
    text = _current.gettext(message)
    return text.format(**values) if values else text


def _n(singular: str, plural: str, count: int, /, **values: object) -> str:
    """A message with a count: the plural form the language's rule picks for `count` (Russian
    has three), with `{count}` and the other places filled."""
    return _current.ngettext(singular, plural, count).format(count=count, **values)


def N_(message: str, /) -> str:
    """Marks a message to be translated later, where it is used (module constants are made
    before the language is chosen)."""
    return message


def language() -> str:
    return _language


def _base(name: str) -> str:
    """"ru_RU.UTF-8@euro" → "ru"; "C" and "POSIX" are English."""
    base = name.split(".")[0].split("@")[0].split("_")[0].split("-")[0].lower()
    return SOURCE_LANGUAGE if base in ("c", "posix") else base


def environment_language(environ: Mapping[str, str] | None = None) -> str | None:
    """The language the environment chooses (rules 1 and 2 above), or None when it chooses none."""
    environ = os.environ if environ is None else environ
    for entry in environ.get("LANGUAGE", "").split(":"):
        if entry and _base(entry) in LANGUAGES:
            return _base(entry)
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if value := environ.get(variable):
            return _base(value) if _base(value) in TRANSLATED else None
    return None


def use(lang: str) -> None:
    """Say everything from now on in `lang` (en, ky or ru)."""
    global _current, _language
    if lang not in LANGUAGES:
        raise ValueError(f"no messages in {lang!r}")
    _current = gettext.NullTranslations() if lang == SOURCE_LANGUAGE else catalog(lang)
    _language = lang


def use_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language from the environment, or English; remembered so that a magazine's own
    setting applies only when the environment chose nothing."""
    global _chosen_by_environment
    chosen = environment_language(environ)
    _chosen_by_environment = chosen is not None
    use(chosen or SOURCE_LANGUAGE)
    return language()


def use_magazine_setting(lang: str | None) -> None:
    """`[cli] messages` of munpress.toml, unless the environment already chose."""
    if lang and not _chosen_by_environment and lang in LANGUAGES:
        use(lang)


@cache
def catalog(lang: str) -> gettext.GNUTranslations:
    folder = resources.files("munpress.messages").joinpath(lang, "LC_MESSAGES")
    compiled = folder.joinpath(f"{DOMAIN}.mo")
    source = folder.joinpath(f"{DOMAIN}.po")
    if compiled.is_file() and not _older(compiled, source):
        return gettext.GNUTranslations(io.BytesIO(compiled.read_bytes()))
    return gettext.GNUTranslations(io.BytesIO(compile_po(source.read_bytes(), lang)))


def _older(compiled, source) -> bool:
    try:
        return os.stat(str(compiled)).st_mtime < os.stat(str(source)).st_mtime
    except OSError:  # inside a zip: trust what was built
        return False


def compile_po(text: bytes, lang: str) -> bytes:
    """A .po file's bytes as a .mo file's, with Babel (what `pybabel compile` does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    out = io.BytesIO()
    write_mo(out, read_po(io.BytesIO(text), locale=lang))
    return out.getvalue()
