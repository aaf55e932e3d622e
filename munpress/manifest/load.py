"""Read `munpress.toml` and `issues/<N>/issue.toml` into the schema, or say exactly what is wrong.

Every error is one `InputError` naming the file (relative to the magazine root), the full key
path (`sections[2].articles[0].manuscript.ru`) and a stable code; docs/manifest.md lists the
codes. The first problem stops the load: an editor fixes one line at a time.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import json
import math
import os
import re
import tomllib
from pathlib import Path, PurePosixPath
from typing import Any, Callable, NoReturn, TypeVar

from munpress.diagnostics import InputError
from munpress.files import icc_header_problem, not_a_file
from munpress import i18n
from munpress.i18n import N_, _, _n
from munpress.manifest.locate import key_tokens, locate
from munpress.model.text import clean
from munpress.manifest.schema import (
    ENTRY_KINDS,
    FILLER_KINDS,
    ArticleEntry,
    Contacts,
    FillerEntry,
    FontRoles,
    IssueManifest,
    LayoutSettings,
    Localized,
    Magazine,
    Manifest,
    Margins,
    MastheadEntry,
    PrintSettings,
    Section,
    TypographySettings,
)
from munpress.model.meta import LANGUAGES

MAGAZINE_FILE = "munpress.toml"
ISSUE_FILE = "issue.toml"
TRIMS = {"A4": (210.0, 297.0), "A5": (148.0, 210.0)}
STYLE_ROLES = ("body", "title", "subtitle", "quote", "pullquote", "caption", "signature",
               *(f"heading{level}" for level in range(1, 7)), "list")
MAGAZINE_STRINGS = ("slug", "issn", "registration_number")
MAGAZINE_TEXTS = ("title", "tagline", "kind_line", "founder", "publisher", "editorial_policy",
                  "disclaimer", "photo_credits", "subscription")
LAYOUT_KEYS = ("trim", "margins", "columns", "gutter", "body_size", "fonts", "bleed", "copyfit")
MARGIN_KEYS = ("top", "bottom", "inner", "outer")
PRINT_KEYS = ("standard", "profile", "condition")
PDF_STANDARDS = ("PDF/X-1a:2001", "PDF/X-4")
LARGEST_PROFILE = 20 * 1024 * 1024  # bytes: press profiles are 0.5–4 MB
LARGEST_PRINT_RUN = 10_000_000  # copies: more than any magazine prints; a typo's extra zeros are caught
ISSUE_KEYS = ("number", "number_in_year", "date", "languages", "sections")
NO_ROOT_HINT = N_("run munpress inside a magazine folder, or pass --root")

T = TypeVar("T")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_KINDS = ((bool, N_("true/false")), (int, N_("an integer")), (float, N_("a decimal number")),
          (str, N_("a string")), (dt.datetime, N_("a date-time")), (dt.date, N_("a date")),
          (dt.time, N_("a time")), (list, N_("an array")), (dict, N_("a table")))


def join(path: str, *keys: str | int) -> str:
    """The key path below `path`, as TOML writes it: `sections[2].articles[0]."Style name"`."""
    for key in keys:
        if isinstance(key, int):
            path = f"{path}[{key}]"
        else:
            name = key if _BARE_KEY.fullmatch(key) else json.dumps(key, ensure_ascii=False)
            path = f"{path}.{name}" if path else name
    return path


def describe(value: Any) -> str:
    """A value as a message shows it: its TOML type, and the value itself when short."""
    kind = next((_(name) for cls, name in _KINDS if isinstance(value, cls)), type(value).__name__)
    if isinstance(value, (list, dict)):
        return kind
    if isinstance(value, bool):
        return str(value).lower()
    shown = json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)
    return _("{kind} ({value})", kind=kind, value=shown if len(shown) <= 40 else shown[:39] + '…')


def suggest(word: str, known: tuple[str, ...]) -> str | None:
    """The known word closest to a typo, for a message's "did you mean …?"; None when none is close."""
    match = difflib.get_close_matches(word, known, n=1, cutoff=0.5)
    return match[0] if match else None


class TomlFile:
    """One TOML file being validated; every failure names this file and a key path."""

    def __init__(self, path: Path, root: Path) -> None:
        self.label = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        self.data = parse_toml(path, self.label)
        self.text = path.read_bytes().decode("utf-8-sig", errors="replace")  # parsed: it is UTF-8

    def fail(self, path: str, code: str, text: str, hint: str | None = None) -> NoReturn:
        message = escaped(f"{path}: {text}" if path else text)
        error = InputError(message, file=self.label, code=code, hint=hint)
        error.key, error.place = path or None, locate(self.text, path) if path else None
        raise error

    def wrong_type(self, value: Any, path: str, expected: str, hint: str | None = None,
                   **values: object) -> NoReturn:
        """`expected`: an English message marked N_(), its places filled from `values`; it is
        translated here (the tests below read the English)."""
        if hint is None and type(value) in (int, float) and "string" in expected:
            hint = _("put it in quotes: {toml}", toml=f'"{value}"')
        if hint is None and isinstance(value, str) and expected in ("an integer", "a number"):
            hint = _("write the number without quotes")
        self.fail(path, "manifest.type", _("expected {expected}, found {found}", expected=_(expected, **values),
                                           found=describe(value)), hint)

    def table(self, value: Any, path: str, required: tuple[str, ...] = (),
              optional: tuple[str, ...] = ()) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.wrong_type(value, path, N_("a table"))
        known = (*required, *optional)
        for key in value:
            if key not in known:
                match = suggest(key, known)
                self.fail(join(path, key), "manifest.unknown-key",
                          _("unknown key; did you mean '{key}'?", key=match) if match else _("unknown key"),
                          _("keys allowed here: {keys}", keys=", ".join(known)))
        for key in required:
            if key not in value:
                add = f"{key} = …"
                self.fail(join(path, key), "manifest.missing-key", _("required key is missing"),
                          _("add {toml} to {table}; see {doc}", toml=add, table=path, doc="docs/manifest.md") if path
                          else _("add {toml} to the top of the file; see {doc}", toml=add, doc="docs/manifest.md"))
        return value

    def string(self, value: Any, path: str, *, empty: bool = True) -> str:
        if not isinstance(value, str):
            self.wrong_type(value, path, N_("a string"))
        if not empty and not value.strip():
            self.fail(path, "manifest.value", _("must not be empty"))
        return value

    def integer(self, value: Any, path: str, minimum: int = 1, maximum: int | None = None) -> int:
        if type(value) is not int:
            self.wrong_type(value, path, N_("an integer"))
        if value < minimum or (maximum is not None and value > maximum):
            self.fail(path, "manifest.value",
                      _("must be at least {minimum}, found {value}", minimum=minimum, value=value) if maximum is None
                      else _("must be from {minimum} to {maximum}, found {value}", minimum=minimum, maximum=maximum,
                             value=value))
        return value

    def number(self, value: Any, path: str, *, positive: bool = False) -> float:
        if type(value) not in (int, float):
            self.wrong_type(value, path, N_("a number"))
        if not math.isfinite(value) or value < 0 or (positive and value == 0):
            self.fail(path, "manifest.value",
                      _("must be above {minimum}, found {value}", minimum=0, value=value) if positive
                      else _("must be {minimum} or more, found {value}", minimum=0, value=value))
        return float(value)

    def boolean(self, value: Any, path: str) -> bool:
        if not isinstance(value, bool):
            self.wrong_type(value, path, N_("{true} or {false}"),
                            _("write {true} or {false} without quotes", true="true", false="false"),
                            true="true", false="false")
        return value

    def date(self, value: Any, path: str) -> dt.date:
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            example = "date = 2024-01-15"
            self.wrong_type(value, path, N_("a date"),
                            _("write only the date, e.g. {toml}", toml=example) if isinstance(value, dt.datetime)
                            else _("write the date without quotes, e.g. {toml}", toml=example))
        return value

    def array(self, value: Any, path: str, expected: str = N_("an array"), **values: object) -> list[Any]:
        """`expected`, `values`: as `wrong_type` takes them."""
        if not isinstance(value, list):
            self.wrong_type(value, path, expected, **values)
        return value

    def strings(self, value: Any, path: str) -> tuple[str, ...]:
        return tuple(self.string(item, join(path, i)) for i, item in enumerate(self.array(value, path)))

    def choice(self, value: Any, path: str, choices: tuple[str, ...]) -> str:
        if self.string(value, path) not in choices:
            match = suggest(value, choices)
            self.fail(path, "manifest.value",
                      _("'{value}' is not allowed; did you mean '{choice}'?", value=value, choice=match) if match
                      else _("'{value}' is not allowed", value=value),
                      _("use one of: {choices}", choices=", ".join(choices)))
        return value

    def localized(self, value: Any, path: str, languages: tuple[str, ...]) -> Localized:
        """A plain string (the same in every language) or a table with a text per language."""
        if isinstance(value, str):
            return Localized.same(value)
        if not isinstance(value, dict):
            self.wrong_type(value, path, N_("a string or a table {toml}"), toml='{ ky = "…", ru = "…" }')
        self.table(value, path, optional=LANGUAGES)
        for lang in languages:
            if lang not in value:
                self.fail(join(path, lang), "manifest.missing-key", _("no text for language '{lang}'", lang=lang),
                          _("give a text for each of {languages}, or one plain string",
                            languages=", ".join(languages)))
        return Localized(tuple((lang, self.string(value[lang], join(path, lang)))
                               for lang in LANGUAGES if lang in value))

    def per_language(self, value: Any, path: str, languages: tuple[str, ...],
                     read: Callable[[Any, str], T]) -> tuple[tuple[str, T], ...]:
        """One value for all languages, or a table with a value for each issue language."""
        if not isinstance(value, dict):
            item = read(value, path)
            return tuple((lang, item) for lang in languages)
        for key in value:
            if key in LANGUAGES and key not in languages:
                self.fail(join(path, key), "manifest.unknown-key",
                          _("'{lang}' is not a language of this issue ({languages} only)", lang=key,
                            languages=", ".join(languages)),
                          _("remove it, or add the language to {key}", key="`languages`"))
        self.table(value, path, optional=languages)
        for lang in languages:
            if lang not in value:
                self.fail(join(path, lang), "manifest.missing-key", _("nothing for language '{lang}'", lang=lang),
                          _("give one for each of {languages}", languages=", ".join(languages)))
        return tuple((lang, read(value[lang], join(path, lang))) for lang in languages)


def parse_toml(path: Path, label: str) -> dict[str, Any]:
    """The parsed file; bad encoding or TOML syntax becomes one line with line and column."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(_("not UTF-8 text (bad byte at offset {offset})", offset=error.start), file=label,
                         code="manifest.encoding",
                         hint=_("save the file as UTF-8; in Notepad: Save As → Encoding: UTF-8")) from None
    except OSError as error:
        raise InputError(_("cannot read the file: {reason}", reason=error.strerror), file=label,
                         code="manifest.unreadable") from None
    hint = _('TOML: {pair}, text in "quotes", {header} headers; see {doc}', pair="key = value", header="[table]",
             doc="docs/manifest.md")
    try:
        return tomllib.loads(clean(text))  # Mac-decomposed letters composed, invisible characters gone
    except tomllib.TOMLDecodeError as error:
        lines = text.splitlines() or [""]
        raise InputError(syntax_message(str(error), lines), file=label, code="manifest.syntax",
                         hint=date_hint(str(error), lines) or hint) from None
    except RecursionError:  # tomllib parses nested arrays and inline tables recursively
        raise InputError(_("TOML syntax error: arrays or inline tables nested too deeply (damaged file?)"),
                         file=label, code="manifest.syntax", hint=hint) from None


def _status(path: Path) -> os.stat_result | None:
    """The path's status, or None where nothing (or a name the system refuses) is there."""
    try:
        return path.stat()
    except (OSError, ValueError):
        return None


def is_file(path: Path) -> bool:
    """`Path.is_file`, False also for a name the system cannot take (too long: OSError ENAMETOOLONG)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def escaped(text: str) -> str:
    """Control characters written as Python escapes (\\n, \\x00): a message stays one line."""
    return _CONTROL.sub(lambda c: repr(c.group())[1:-1], text)


def shown(text: str, limit: int = 60) -> str:
    """User input as one line of a message: control characters escaped, long text cut."""
    text = escaped(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# 15.02.2024, 15/02/2024: how a date is written by hand in Kyrgyzstan and Russia
LOCAL_DATE = re.compile(r"^(?P<key>\s*[\w\"-]+\s*=\s*)(?P<day>\d{1,2})[./](?P<month>\d{1,2})[./](?P<year>\d{4})\b")


def date_hint(error: str, lines: list[str]) -> str | None:
    """A date written day first is a syntax error to TOML: say how to write it, with its value."""
    found = re.search(r"at line (\d+)", error)
    line = lines[int(found[1]) - 1] if found and 0 < int(found[1]) <= len(lines) else ""
    date = LOCAL_DATE.match(line)
    if date is None:
        return None
    key = date["key"].strip().rstrip("=").strip()
    return _("dates are written year-month-day (YYYY-MM-DD), without quotes: {toml}",
             toml=f"{key} = {date['year']}-{int(date['month']):02d}-{int(date['day']):02d}")


# tomllib's reasons (Python 3.11–3.13), said in the editors' language; one it adds later is shown as it says it
TOML_REASONS = tuple((re.compile(pattern), message) for pattern, message in (
    (r"Cannot overwrite a value", N_("a value is set twice")),
    (r"Escaped character is not a Unicode scalar value", N_("an escape (\\u…) names no character")),
    (r"Expected '=' after a key in a key/value pair", N_("'=' is missing after the key")),
    (r"Expected '\]' at the end of a table declaration", N_("']' is missing at the end of the table's name")),
    (r"Expected '\]\]' at the end of an array declaration", N_("']]' is missing at the end of the table's name")),
    (r"Expected newline or end of document after a statement",
     N_("something follows a value on its line: one key = value per line")),
    (r"Invalid date or datetime", N_("not a valid date")),
    (r"Invalid hex value", N_("not a valid hexadecimal escape")),
    (r"Invalid initial character for a key part", N_("a key cannot start with this character")),
    (r"Invalid statement", N_("not a key = value line or a [table]")),
    (r"Invalid value", N_("not a valid value: text needs quotes")),
    (r"Unclosed array", N_("a list [ … ] is not closed")),
    (r"Unclosed inline table", N_("an inline table is not closed: its closing brace is missing")),
    (r"Unescaped '\\' in a string", N_("a backslash in text must be doubled (\\\\) or the text put in single quotes")),
    (r"Unterminated string", N_("a text's closing quote is missing")),
    (r"Cannot declare (?P<key>.+) twice", N_("{key} is declared twice")),
    (r"Cannot mutate immutable namespace (?P<key>.+)", N_("{key} is already set in full and cannot be added to")),
    (r"Cannot redefine namespace (?P<key>.+)", N_("{key} is already a table")),
    (r"Duplicate inline table key (?P<key>.+)", N_("the key {key} is given twice")),
    (r"Expected (?P<key>'.*')", N_("{key} is expected here")),
    (r"Found invalid character (?P<key>.+)", N_("the character {key} is not allowed here")),
    (r"Illegal character (?P<key>.+)", N_("the character {key} is not allowed here")),
))


def toml_reason(reason: str) -> str:
    """tomllib's English reason in the editors' language."""
    for pattern, message in TOML_REASONS:
        if found := pattern.fullmatch(reason):
            return _(message, **found.groupdict()) if found.groupdict() else _(message)
    return reason


def syntax_message(error: str, lines: list[str]) -> str:
    """`line 3, column 5: TOML syntax error: <reason>: <the line>` from tomllib's message."""
    found = re.search(r" \(at line (\d+), column (\d+)\)$", error)
    line, column = (int(found[1]), int(found[2])) if found else (len(lines), len(lines[-1]) + 1)
    reason = toml_reason(re.sub(r" \(at (line \d+, column \d+|end of document)\)$", "", error))
    source = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    source = source if len(source) <= 60 else source[:59] + "…"
    if found:
        text = (_("line {line}, column {column}: TOML syntax error: {reason}: {source}", line=line, column=column,
                  reason=reason, source=source) if source
                else _("line {line}, column {column}: TOML syntax error: {reason}", line=line, column=column,
                       reason=reason))
    else:
        text = (_("line {line}, column {column} (end of file): TOML syntax error: {reason}: {source}", line=line,
                  column=column, reason=reason, source=source) if source
                else _("line {line}, column {column} (end of file): TOML syntax error: {reason}", line=line,
                       column=column, reason=reason))
    return _CONTROL.sub(" ", text)


# --- munpress.toml ----------------------------------------------------------------------


def find_root(start: Path) -> Path:
    """The nearest folder upward from `start` (itself included) that holds munpress.toml."""
    here = Path(start).resolve()
    here = here.parent if here.is_file() else here
    for folder in (here, *here.parents):
        if (folder / MAGAZINE_FILE).is_file():
            return folder
    raise InputError(_("no {file} in {folder} or any folder above it", file=MAGAZINE_FILE, folder=here),
                     code="manifest.no-root", hint=_(NO_ROOT_HINT))


# How many problems of one file a run reports before it stops looking.
MOST_PROBLEMS = 20


def every_problem(doc: TomlFile, read: Callable[[], T]) -> T:
    """`read()`, or the first of its file's problems with the others in `.more`: after each
    one, its key is taken out of the data and the file read again, so that an editor sees in
    one run what would otherwise take one run each. A problem whose key cannot be taken out
    (a missing key, the file as a whole) ends the search."""
    found: list[InputError] = []
    data, removed = doc.data, []
    try:
        for _attempt in range(MOST_PROBLEMS):
            try:
                result = read()
                if not found:
                    return result
                break  # what is left reads well: the problems taken out are all there is
            except InputError as error:
                if error.key is not None and any(error.key == key or error.key.startswith(key + ".")
                                                 for key in removed):
                    break  # a consequence of taking the earlier key out, not a problem of its own
                if error.code == "manifest.missing-key" and any(
                        earlier.code == "manifest.unknown-key" and _parent(earlier.key) == _parent(error.key)
                        and suggest(_name(earlier.key), (_name(error.key),)) for earlier in found):
                    break  # the key is missing because it is misspelt: that problem is already said
                found.append(error)
                # a missing key cannot be taken out; missing files are listed together already
                if error.key is None or error.code in ("manifest.missing-key", "manifest.missing-file") or \
                        not _take_out(doc, error.key):
                    break
                removed.append(error.key)
        first = found[0]
        first.more = found[1:]
        raise first
    finally:
        doc.data = data


def _parent(key: str | None) -> tuple:
    return key_tokens(key or "")[:-1]


def _name(key: str | None) -> str:
    return str(key_tokens(key or "")[-1])


def _take_out(doc: TomlFile, key: str) -> bool:
    """A copy of the data without the key, for the next read; False when it is not there."""
    tokens = key_tokens(key)
    rest = copy.deepcopy(doc.data)
    node: Any = rest
    for token in tokens[:-1]:
        try:
            node = node[token]
        except (KeyError, IndexError, TypeError):
            return False
    try:
        del node[tokens[-1]]
    except (KeyError, IndexError, TypeError):
        return False
    doc.data = rest
    return True


def load_magazine(root: Path, *, check_files: bool = False) -> Magazine:
    """The magazine's constants from `root/munpress.toml`; with `check_files`, every filler's
    manuscript must exist (building an issue needs them, planning does not)."""
    root = Path(root)
    if not is_file(root / MAGAZINE_FILE):
        raise InputError(_("no {file} in {folder}", file=MAGAZINE_FILE, folder=root), code="manifest.no-root",
                         hint=_(NO_ROOT_HINT))
    doc = TomlFile(root / MAGAZINE_FILE, root)
    return every_problem(doc, lambda: _read_magazine(doc, root, check_files))


def _read_magazine(doc: TomlFile, root: Path, check_files: bool) -> Magazine:
    data = doc.table(doc.data, "", (*MAGAZINE_STRINGS, *MAGAZINE_TEXTS, "masthead", "contacts"),
                     ("layout", "styles", "typography", "printer", "fillers", "print", "cli"))
    return Magazine(
        root=root.resolve(),
        **{key: doc.string(data[key], key, empty=False) for key in MAGAZINE_STRINGS},
        **{key: doc.localized(data[key], key, LANGUAGES) for key in MAGAZINE_TEXTS},
        masthead=read_masthead(doc, data["masthead"]),
        contacts=read_contacts(doc, data["contacts"]),
        layout=read_layout(doc, data.get("layout", {})),
        styles=read_styles(doc, data.get("styles", {})),
        typography=read_typography(doc, data.get("typography", {})),
        printer=doc.localized(data["printer"], "printer", LANGUAGES) if "printer" in data else None,
        print=read_print(doc, data.get("print", {}), root.resolve()),
        fillers=read_fillers(doc, data.get("fillers", []), root.resolve(), check_files),
        messages=read_cli(doc, data.get("cli", {})))


def read_cli(doc: TomlFile, value: Any) -> str | None:
    """`[cli]`: the language munpress speaks to the magazine's editors (see munpress.i18n)."""
    data = doc.table(value, "cli", optional=("messages",))
    return doc.choice(data["messages"], "cli.messages", i18n.LANGUAGES) if "messages" in data else None


def read_print(doc: TomlFile, value: Any, root: Path) -> PrintSettings:
    """`[print]`: the PDF/X standard and the press profile the print house asks for."""
    data = doc.table(value, "print", optional=PRINT_KEYS)
    default = PrintSettings()
    standard = doc.choice(data.get("standard", default.standard), "print.standard", PDF_STANDARDS)
    profile = None
    if "profile" in data:
        written = doc.string(data["profile"], "print.profile", empty=False)
        profile = (root / written).resolve()
        if not profile.is_relative_to(root):
            doc.fail("print.profile", "manifest.value", _("{file} is outside the magazine folder", file=written),
                     _("copy the printer's profile into the magazine folder, e.g. {file}", file="profiles/printer.icc"))
        problem = icc_problem(profile, written)
        if problem:
            doc.fail("print.profile", "manifest.value", problem,
                     _("the print house's CMYK output profile (.icc) is needed"))
    condition = doc.string(data["condition"], "print.condition", empty=False) if "condition" in data else None
    return PrintSettings(standard=standard, profile=profile, condition=condition)


def icc_problem(path: Path, written: str) -> str | None:
    """What is wrong with a file given as a CMYK press profile (`written`, as munpress.toml
    names it): what it is, its size, its header."""
    try:
        status = path.stat()
        if not_a_file(status.st_mode):
            return _("{file} is {kind}, not a file", file=written, kind=not_a_file(status.st_mode))
        with path.open("rb") as stream:
            header = stream.read(128)
    except FileNotFoundError:
        return _("{file} does not exist (ask the print house for its ICC profile, or remove the key for {default})",
                 file=written, default="FOGRA39")
    except OSError as error:
        return _("{file} cannot be read ({reason})", file=written, reason=error.strerror)
    size = status.st_size
    if size > LARGEST_PROFILE:
        return _("{file} is {size} MB, larger than any ICC profile", file=written, size=size // (1024 * 1024))
    if len(header) < 128:  # the whole header
        return _("{file} is not an ICC profile", file=written)
    return icc_header_problem(header, written)


def read_masthead(doc: TomlFile, value: Any) -> tuple[MastheadEntry, ...]:
    entries = []
    for i, item in enumerate(doc.array(value, "masthead", N_("an array of tables {toml}"), toml="[[masthead]]")):
        data = doc.table(item, join("masthead", i), required=("role", "name"))
        role, name = (doc.localized(data[key], join("masthead", i, key), LANGUAGES)
                      for key in ("role", "name"))
        entries.append(MastheadEntry(role=role, name=name))
    return tuple(entries)


def read_contacts(doc: TomlFile, value: Any) -> Contacts:
    data = doc.table(value, "contacts", ("address", "email", "phones"), ("fax",))
    email = doc.string(data["email"], "contacts.email")
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        doc.fail("contacts.email", "manifest.value", _("'{email}' is not an e-mail address", email=email))
    return Contacts(address=doc.localized(data["address"], "contacts.address", LANGUAGES),
                    email=email, phones=doc.strings(data["phones"], "contacts.phones"),
                    fax=doc.string(data.get("fax", ""), "contacts.fax"))


def read_layout(doc: TomlFile, value: Any) -> LayoutSettings:
    data = doc.table(value, "layout", optional=LAYOUT_KEYS)
    default = LayoutSettings()
    trim, trim_mm = read_trim(doc, data.get("trim", default.trim))
    sides = doc.table(data.get("margins", {}), "layout.margins", optional=MARGIN_KEYS)
    margins = Margins(**{side: doc.number(mm, join("layout.margins", side))
                         for side, mm in sides.items()})
    if margins.inner + margins.outer >= trim_mm[0] or margins.top + margins.bottom >= trim_mm[1]:
        doc.fail("layout.margins", "manifest.value",
                 _("the margins leave no room for text on a {width} × {height} mm page",
                   width=f"{trim_mm[0]:g}", height=f"{trim_mm[1]:g}"))
    roles = doc.table(data.get("fonts", {}), "layout.fonts", optional=("body", "heading"))
    fonts = FontRoles(**{role: doc.string(family, join("layout.fonts", role), empty=False)
                         for role, family in roles.items()})
    return LayoutSettings(
        trim=trim, trim_mm=trim_mm, margins=margins, fonts=fonts,
        columns=doc.integer(data.get("columns", default.columns), "layout.columns", 1, 3),
        gutter_mm=doc.number(data.get("gutter", default.gutter_mm), "layout.gutter"),
        bleed_mm=doc.number(data.get("bleed", default.bleed_mm), "layout.bleed"),
        copyfit=doc.boolean(data.get("copyfit", default.copyfit), "layout.copyfit"),
        body_size_pt=doc.number(data.get("body_size", default.body_size_pt), "layout.body_size",
                                positive=True))


def read_trim(doc: TomlFile, value: Any) -> tuple[str, tuple[float, float]]:
    """"A4", "A5" (any case) or an explicit [width, height] in millimetres ("custom")."""
    if isinstance(value, str):
        if value.strip().upper() not in TRIMS:
            match = suggest(value.strip().upper(), tuple(TRIMS))
            doc.fail("layout.trim", "manifest.value",
                     _("unknown page size '{value}'; did you mean '{size}'?", value=value, size=match) if match
                     else _("unknown page size '{value}'", value=value),
                     _("use {sizes} or [width, height] in mm, e.g. {example}", sizes='"A4", "A5"',
                       example="[170, 240]"))
        return value.strip().upper(), TRIMS[value.strip().upper()]
    if not isinstance(value, list) or len(value) != 2:
        doc.wrong_type(value, "layout.trim", N_("{sizes} or an array [width, height] in mm"), sizes='"A4", "A5"')
    width, height = (doc.number(mm, join("layout.trim", i), positive=True)
                     for i, mm in enumerate(value))
    return "custom", (width, height)


def read_styles(doc: TomlFile, value: Any) -> tuple[tuple[str, str], ...]:
    """Word style name → role, in file order; extends munpress's built-in style map."""
    if not isinstance(value, dict):
        doc.wrong_type(value, "styles", N_("a table such as {toml}"), toml='"Заголовок статьи" = "title"')
    return tuple((name, doc.choice(role, join("styles", name), STYLE_ROLES))
                 for name, role in value.items())


def read_typography(doc: TomlFile, value: Any) -> TypographySettings:
    data = doc.table(value, "typography", optional=("unbreakable",))
    return TypographySettings(unbreakable=doc.strings(data.get("unbreakable", []), "typography.unbreakable"))


def read_fillers(doc: TomlFile, value: Any, root: Path, check_files: bool) -> tuple[FillerEntry, ...]:
    """`[[fillers]]`: the magazine's house advertisements, notices and notes, in file order.
    A filler exists in the languages its `manuscript` table names."""
    items = doc.array(value, "fillers", N_("an array of tables {toml}"), toml="[[fillers]]")
    paths = DocxPaths(doc, root, root, check_files,
                      check=_("check the path; it is relative to the magazine folder"),
                      outside=_("copy the file into the magazine folder instead; it is relative to the magazine folder"),
                      absolute=_("write the path from the magazine folder, e.g. {example}; it is relative to the "
                                 "magazine folder", example="fillers/ru/subscription.docx"),
                      duplicate_code="manifest.duplicate-filler",
                      duplicate=_("each filler has its own file per language"))
    fillers, ids = [], {}
    for i, item in enumerate(items):
        path = join("fillers", i)
        data = doc.table(item, path, ("kind", "manuscript"), ("id",))  # id: the file name by default
        kind = doc.choice(data["kind"], join(path, "kind"), FILLER_KINDS)
        where = join(path, "manuscript")
        table = data["manuscript"]
        if not isinstance(table, dict):
            doc.wrong_type(table, where, N_("a table with a file per language"),
                           _("write {toml}, or only the languages the filler has",
                             toml='manuscript = { ky = "fillers/ky/….docx", ru = "fillers/ru/….docx" }'))
        doc.table(table, where, optional=LANGUAGES)
        if not table:
            doc.fail(where, "manifest.value", _("no manuscript given"),
                     _("give the file of each language the filler has: {toml}", toml='{ ru = "fillers/ru/….docx" }'))
        manuscripts = tuple((lang, paths.read(table[lang], join(where, lang))) for lang in LANGUAGES if lang in table)
        filler_id = manuscripts[0][1].stem
        if "id" in data:
            filler_id = doc.string(data["id"], join(path, "id"), empty=False).strip()
        if filler_id in ids:
            doc.fail(join(path, "id") if "id" in data else path, "manifest.duplicate-filler",
                     _("the filler id '{id}' is already used by {key}", id=filler_id, key=ids[filler_id]),
                     _("give one of them its own {toml}; without one, the id is the file name", toml='id = "…"'))
        ids[filler_id] = path
        fillers.append(FillerEntry(id=filler_id, key_path=path, kind=kind, manuscripts=manuscripts))
    paths.report_missing()
    return tuple(fillers)


class DocxPaths:
    """The Word files one TOML file names: each a .docx inside the magazine folder, written
    relative to `base`, used once. Missing files are told all at once, by `report_missing`.
    The hints, each a whole sentence: `check` (a path that leads nowhere), `outside` (out of the
    magazine folder), `absolute` (how to write a path instead), `duplicate` (a file used twice)."""

    def __init__(self, doc: TomlFile, base: Path, root: Path, check_files: bool, *, check: str, outside: str,
                 absolute: str, duplicate_code: str, duplicate: str) -> None:
        self.doc, self.base, self.root, self.check_files = doc, base, root, check_files
        self.check, self.outside, self.absolute = check, outside, absolute
        self.duplicate, self.duplicate_code = duplicate, duplicate_code
        self.files: dict[Path | tuple[int, int], str] = {}  # by path, and by the file itself (hard links)
        self.missing: list[tuple[str, str]] = []  # (key path, path as written)

    def read(self, value: Any, path: str) -> Path:
        """A path relative to `base` that stays inside the magazine, absolute and normalised."""
        doc = self.doc
        text = doc.string(value, path, empty=False).strip().replace("\\", "/")
        if _CONTROL.search(text):
            doc.fail(path, "manifest.value", _("{path} holds a control character", path=text),
                     _("type the path again; a pasted name can carry invisible characters"))
        written = self.base / text
        try:
            real = written.resolve()
        except (OSError, RuntimeError):  # RuntimeError: a symbolic link that leads back to itself
            doc.fail(path, "manifest.missing-file", _("{path} cannot be followed (a link loop?)", path=text),
                     self.check)
        if not real.is_relative_to(self.root):
            doc.fail(path, "manifest.path-escape", _("{path} leads outside the magazine folder", path=text),
                     self.outside)
        if PurePosixPath(text).is_absolute() or re.match(r"[A-Za-z]:/", text):
            relative = Path(os.path.relpath(real, self.base)).as_posix() if real.is_relative_to(self.base) else None
            doc.fail(path, "manifest.path-absolute", _("{path} is an absolute path", path=text),
                     _('write "{path}"', path=relative) if relative else self.absolute)
        if not text.lower().endswith(".docx"):
            with_suffix = f"{text}.docx"
            doc.fail(path, "manifest.file-type", _("{path} is not a .docx file", path=text),
                     _('write "{path}": that file is there', path=with_suffix)
                     if _status((self.base / with_suffix).resolve())
                     else _("munpress reads Word .docx: open it in Word, Save As → Word Document (.docx)"))
        status = _status(real)  # one look: what it is, whether it is there, which file it is
        kind = not_a_file(status.st_mode) if status else ""
        if self.check_files and kind:
            doc.fail(path, "manifest.not-a-file", _("{path} is {kind}, not a Word file", path=text, kind=kind),
                     _("name the .docx file itself, not a folder or a device"))
        if self.check_files and status is None:
            self.missing.append((path, text))
        # the file itself, whatever its name: two hard links to one file are one manuscript
        identity = (status.st_dev, status.st_ino) if status and not kind else None
        same = self.files.get(real) or self.files.get(identity)
        if same:
            doc.fail(path, self.duplicate_code,
                     _("{path} is already used by {key}", path=text, key=same) if real in self.files
                     else _("{path} is already used by {key} (the same file under another name: a hard link)",
                            path=text, key=same), self.duplicate)
        self.files[real] = path
        if identity is not None:
            self.files[identity] = path
        return Path(os.path.normpath(written))

    def report_missing(self) -> None:
        """One line for every missing file: the first by its key path, the others by name."""
        if self.missing:  # an issue being filled in lacks several: the editors get the whole list
            (path, text), rest = self.missing[0], [text for _key, text in self.missing[1:]]
            close = [(text, found) for _key, text in self.missing if (found := self.nearest(text))]
            if len(close) == 1:
                hint = (_('write "{path}": that file is there (for {missing})', path=close[0][1], missing=close[0][0])
                        if rest else _('write "{path}": that file is there', path=close[0][1]))
            elif close:
                hint = _("files that are there: {files}", files="; ".join(f"{text} → {found}" for text, found in close))
            else:
                hint = self.check
            self.doc.fail(path, "manifest.missing-file",
                          _n("file not found: {path} (and {count} more: {others})",
                             "file not found: {path} (and {count} more: {others})", len(rest),
                             path=text, others=", ".join(rest)) if rest
                          else _("file not found: {path}", path=text), hint)

    def nearest(self, text: str) -> str | None:
        """The .docx beside where the path points whose name is closest to it: a typo's fix."""
        folder = (self.base / text).parent
        try:  # not a file another article or language already names
            names = [p.name for p in folder.iterdir() if p.suffix.lower() == ".docx" and not p.name.startswith("~$")
                     and p.resolve() not in self.files]
        except OSError:
            return None
        stems = {PurePosixPath(name).stem: name for name in names}  # ".docx" alike in all: compare the names
        found = difflib.get_close_matches(PurePosixPath(text).stem, list(stems), n=1, cutoff=0.75)
        return (PurePosixPath(text).parent / stems[found[0]]).as_posix() if found else None


# --- issues/<N>/issue.toml --------------------------------------------------------------


def load_manifest(root: Path, issue: str | int, *, check_files: bool = True) -> Manifest:
    """The magazine and one issue; with `check_files`, every manuscript (and filler) must exist."""
    root = Path(root)
    magazine = load_magazine(root, check_files=check_files)
    doc = TomlFile(issue_folder(root, issue) / ISSUE_FILE, root)
    folder = magazine.root / "issues" / str(issue).strip()
    issue_manifest = every_problem(doc, lambda: IssueReader(doc, folder, check_files).read())  # a fresh reader each time
    return Manifest(magazine=magazine, issue=issue_manifest)


def issue_names(root: Path) -> list[str]:
    """The issues of the magazine, the folders of issues/ with an issue.toml, by number."""
    issues = root / "issues"
    return sorted((p.name for p in issues.iterdir() if is_file(p / ISSUE_FILE)),
                  key=lambda n: (not n.isdigit(), n.zfill(12))) if is_dir(issues) else []


def issue_folder(root: Path, issue: str | int) -> Path:
    """`root/issues/<issue>`, or an error listing the issues that exist."""
    name, issues = str(issue).strip(), root / "issues"
    plain = name not in ("", ".", "..") and not re.search(r"[/\\]", name)
    if plain and is_file(issues / name / ISSUE_FILE):
        return issues / name
    found = issue_names(root)
    hint = (_("issues here: {issues}", issues=", ".join(map(shown, found))) if found
            else _("create issues/<number>/{file}", file=ISSUE_FILE))
    folder = f"issues/{shown(name)}/"
    if plain and is_dir(issues / name):
        raise InputError(_("issue {issue}: the folder {folder} has no {file}", issue=shown(name), folder=folder,
                           file=ISSUE_FILE), code="manifest.no-issue", hint=hint)
    raise InputError(_("issue {issue}: there is no folder {folder}", issue=shown(name), folder=folder),
                     code="manifest.no-issue", hint=hint)


class IssueReader:
    """Validates one issue.toml, remembering the manuscripts and ids already used."""

    def __init__(self, doc: TomlFile, folder: Path, check_files: bool) -> None:
        self.doc, self.folder, self.check_files = doc, folder, check_files
        self.root = folder.parent.parent.resolve()
        self.languages: tuple[str, ...] = ()
        self.ids: dict[str, str] = {}
        relative_to = f"issues/{folder.name}/"
        self.paths = DocxPaths(doc, folder, self.root, check_files,
                               check=_("check the path; it is relative to {folder}", folder=relative_to),
                               outside=_("copy the file into the magazine folder instead; it is relative to {folder}",
                                         folder=relative_to),
                               absolute=_("write the path from the issue folder, e.g. {example}; it is relative to "
                                          "{folder}", example="manuscripts/ru/01.docx", folder=relative_to),
                               duplicate_code="manifest.duplicate-article",
                               duplicate=_("each manuscript file belongs to one article in one language"))

    def read(self) -> IssueManifest:
        doc = self.doc
        data = doc.table(doc.data, "", ISSUE_KEYS, ("headlines", "print_run", "signed_to_print"))
        number = doc.integer(data["number"], "number")
        if self.folder.name.isdigit() and int(self.folder.name) != number:  # the PDFs are named by the number
            doc.fail("number", "manifest.value",
                     _("{toml}, but the issue's folder is {folder}", toml=f"number = {number}",
                       folder=f"issues/{self.folder.name}/"),
                     _("set {toml}, or rename the folder to {folder}", toml=f"number = {int(self.folder.name)}",
                       folder=f"issues/{number}/"))
        number_in_year = doc.integer(data["number_in_year"], "number_in_year", 1, 99)  # the barcode's EAN-2 add-on
        date = doc.date(data["date"], "date")
        print_run = doc.integer(data["print_run"], "print_run", 1, LARGEST_PRINT_RUN) if "print_run" in data else None
        signed = doc.date(data["signed_to_print"], "signed_to_print") if "signed_to_print" in data else None
        if signed is not None and signed > date:
            doc.fail("signed_to_print", "manifest.value", _("{signed} is after the issue's date ({date})",
                                                            signed=signed, date=date),
                     _("an issue is signed to print before it comes out"))
        self.languages = self.read_languages(data["languages"])
        headlines = tuple(doc.localized(text, join("headlines", i), self.languages)
                          for i, text in enumerate(doc.array(data.get("headlines", []), "headlines")))
        sections = doc.array(data["sections"], "sections", N_("an array of tables {toml}"), toml="[[sections]]")
        if not sections:
            doc.fail("sections", "manifest.value", _("the issue has no sections"),
                     _("add a {toml} table with a title and its articles", toml="[[sections]]"))
        issue = IssueManifest(
            folder=self.folder, number=number, number_in_year=number_in_year, date=date,
            languages=self.languages, headlines=headlines, print_run=print_run, signed_to_print=signed,
            sections=tuple(self.read_section(item, join("sections", i))
                           for i, item in enumerate(sections)))
        self.paths.report_missing()
        return issue

    def read_languages(self, value: Any) -> tuple[str, ...]:
        languages = self.doc.strings(value, "languages")
        if not languages:
            self.doc.fail("languages", "manifest.value", _("no language given"),
                          _("write {toml}", toml='languages = ["ky", "ru"]'))
        for i, lang in enumerate(languages):
            self.doc.choice(lang, join("languages", i), LANGUAGES)
            if lang in languages[:i]:
                self.doc.fail(join("languages", i), "manifest.value", _("'{lang}' is listed twice", lang=lang))
        return languages

    def read_section(self, value: Any, path: str) -> Section:
        data = self.doc.table(value, path, required=("title",), optional=("articles", "running_head"))
        title = self.doc.localized(data["title"], join(path, "title"), self.languages)
        running_head = None
        if "running_head" in data:
            running_head = self.doc.localized(data["running_head"], join(path, "running_head"), self.languages)
        rubric = title.values[0][1]
        hint = _("add a {toml} table under it, or remove the section", toml="[[sections.articles]]")
        if "articles" not in data:  # as `munpress new` leaves each rubric
            self.doc.fail(join(path, "articles"), "manifest.missing-key",
                          _("the rubric «{rubric}» has no articles yet", rubric=rubric), hint)
        articles = self.doc.array(data["articles"], join(path, "articles"),
                                  N_("an array of tables {toml}"), toml="[[sections.articles]]")
        if not articles:
            self.doc.fail(join(path, "articles"), "manifest.value",
                          _("the rubric «{rubric}» has no articles", rubric=rubric), hint)
        return Section(title=title, key_path=path, running_head=running_head, articles=tuple(
            self.read_article(item, join(path, "articles", i)) for i, item in enumerate(articles)))

    def read_article(self, value: Any, path: str) -> ArticleEntry:
        doc = self.doc
        data = doc.table(value, path, ("manuscript", "page"),
                         ("title", "new_page", "kind", "id", "languages", "columns", "pull_quotes"))
        kind = doc.choice(data.get("kind", "article"), join(path, "kind"), ENTRY_KINDS)
        languages = self.read_entry_languages(data.get("languages"), join(path, "languages"))
        manuscripts = self.read_manuscripts(data["manuscript"], join(path, "manuscript"), languages)
        pages = doc.per_language(data["page"], join(path, "page"), languages, doc.integer)
        title = data.get("title")
        if title is not None:
            title = doc.localized(title, join(path, "title"), languages)
        new_page = doc.per_language(data.get("new_page", False), join(path, "new_page"),
                                    languages, doc.boolean)
        columns = doc.integer(data["columns"], join(path, "columns"), 1, 3) if "columns" in data else None
        if columns is not None and kind != "article":
            doc.fail(join(path, "columns"), "manifest.value",
                     _("an {kind} page has no columns", kind=kind) if kind[0] in "aeiou"
                     else _("a {kind} page has no columns", kind=kind),
                     _("remove {key}; it applies to articles", key="columns"))
        pull_quotes = self.read_pull_quotes(data.get("pull_quotes", []), join(path, "pull_quotes"), languages)
        if pull_quotes and kind != "article":
            doc.fail(join(path, "pull_quotes"), "manifest.value",
                     _("an {kind} page has no pull quotes", kind=kind) if kind[0] in "aeiou"
                     else _("a {kind} page has no pull quotes", kind=kind),
                     _("remove {key}; it applies to articles", key="pull_quotes"))
        entry_id = manuscripts[0][1].stem
        if "id" in data:
            entry_id = doc.string(data["id"], join(path, "id"), empty=False).strip()
        if entry_id in self.ids:
            doc.fail(join(path, "id") if "id" in data else path, "manifest.duplicate-article",
                     _("the article id '{id}' is already used by {key}", id=entry_id, key=self.ids[entry_id]),
                     _("give one of them its own {toml}; without one, the id is the file name", toml='id = "…"'))
        self.ids[entry_id] = path
        return ArticleEntry(id=entry_id, key_path=path, kind=kind, manuscripts=manuscripts,
                            planned_pages=pages, title=title, new_page=new_page, columns=columns,
                            pull_quotes=pull_quotes)

    def read_pull_quotes(self, value: Any, path: str, languages: tuple[str, ...]) -> tuple[Localized, ...]:
        """Sentences of the article to set large: a text per language of the entry (or one plain string)."""
        quotes = self.doc.array(value, path, N_("an array of texts {toml}"), toml='[{ ky = "…", ru = "…" }]')
        found = []
        for i, item in enumerate(quotes):
            quote = self.doc.localized(item, join(path, i), languages)
            for lang in languages:
                if not quote(lang).strip():
                    self.doc.fail(join(path, i) if isinstance(item, str) else join(path, i, lang), "manifest.value",
                                  _("must not be empty"), _("copy a sentence of the article here, or remove the line"))
            found.append(quote)
        return tuple(found)

    def read_entry_languages(self, value: Any, path: str) -> tuple[str, ...]:
        """The editions an entry is printed in: all of the issue's unless `languages` names some."""
        if value is None:
            return self.languages
        languages = self.doc.strings(value, path)
        if not languages:
            self.doc.fail(path, "manifest.value", _("no language given"),
                          _("name the editions that print this entry, or remove the key"))
        for i, lang in enumerate(languages):
            self.doc.choice(lang, join(path, i), self.languages)
        return tuple(lang for lang in self.languages if lang in languages)

    def read_manuscripts(self, value: Any, path: str,
                         languages: tuple[str, ...]) -> tuple[tuple[str, Path], ...]:
        if not isinstance(value, dict) and len(languages) > 1:
            files = ", ".join(f'{lang} = "manuscripts/{lang}/….docx"' for lang in languages)
            self.doc.wrong_type(value, path, N_("a table with a file for each of {languages}"),
                                _("write {toml}; a plain string is only for a one-language issue",
                                  toml=f"manuscript = {{ {files} }}"), languages=", ".join(languages))
        return self.doc.per_language(value, path, languages, self.paths.read)
