"""`munpress new 148 [--from 147]`: the next issue's folder, made from the last one.

Numbers and date move on (the issue's number in the year restarts in January), the sections
and their titles are kept, the articles and headlines are left for the editors to fill in:
each section shows a commented article to copy. An existing issue is never overwritten.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import json
from pathlib import Path

from munpress.diagnostics import InputError
from munpress.i18n import _
from munpress.manifest import issue_names, load_manifest
from munpress.manifest.load import ISSUE_FILE


def new_issue(root: Path, number: str, template: str | None = None) -> Path:
    """`template` None: the latest issue before `number`."""
    if not number.isdigit():
        raise InputError(_("issue number {number} is not a number", number=repr(number)), code="usage.issue",
                         hint=_("e.g. {command}", command="munpress new 148"))
    folder = root / "issues" / number
    template = template or _latest_before(root, int(number))
    if folder.exists():
        raise InputError(_("{folder} already exists; munpress never overwrites an issue",
                           folder=folder.relative_to(root)),
                         file=str(folder), code="usage.issue-exists",
                         hint=_("choose another number, or remove the folder yourself"))
    previous = load_manifest(root, template, check_files=False).issue
    if (previous.date.year, previous.date.month) == (dt.MAXYEAR, 12):
        raise InputError(_("issue {number} is dated {date}: the month after it is past the year {year}",
                           number=previous.number, date=previous.date.isoformat(), year=dt.MAXYEAR),
                         file=str(root / "issues" / template / ISSUE_FILE), code="usage.issue-date",
                         hint=_("correct its date, or copy another: {command}",
                                command=f"munpress new {number} --from <issue>"))
    date = _next_month(previous.date)
    number_in_year = previous.number_in_year + 1 if date.year == previous.date.year else 1
    text = _issue_toml(int(number), number_in_year, date, previous)
    made: list[Path] = []
    try:
        for path in (folder, folder / "manuscripts", *(folder / "manuscripts" / lang for lang in previous.languages)):
            path.mkdir(parents=path == folder)
            made.append(path)
        (folder / ISSUE_FILE).write_text(text, "utf-8")
    except OSError as error:
        with contextlib.suppress(OSError):
            (folder / ISSUE_FILE).unlink(missing_ok=True)
            for path in reversed(made):  # what this command made, and nothing else
                path.rmdir()
        raise InputError(_("cannot create {folder}: {reason}", folder=folder.relative_to(root),
                           reason=error.strerror or error), file=str(folder.parent),
                         code="usage.unwritable", hint=_("make the issues folder writable, then run it again")) from None
    return folder


def _latest_before(root: Path, number: int) -> str:
    earlier = [int(name) for name in issue_names(root) if name.isdigit() and int(name) < number]
    if not earlier:
        raise InputError(_("there is no issue before {number} in {folder} to copy the sections from",
                           number=number, folder="issues/"),
                         code="usage.issue", hint=_("name one: {command}", command=f"munpress new {number} --from <issue>"))
    return str(max(earlier))


def _next_month(date: dt.date) -> dt.date:
    year, month = (date.year + 1, 1) if date.month == 12 else (date.year, date.month + 1)
    return dt.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))


def _string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def _localized(localized, languages) -> str:
    return "{ " + ", ".join(f"{lang} = {_string(localized(lang))}" for lang in languages) + " }"


def _issue_toml(number: int, number_in_year: int, date: dt.date, previous) -> str:
    languages = previous.languages
    # the comments for the editors are in munpress's language: each line of a message a comment line
    about = _("Issue № {number_in_year} ({number}), made by {command} from issue {previous}.",
              number_in_year=number_in_year, number=number, command="`munpress new`", previous=previous.number)
    how = _("Add each article under its section (copy the commented example), put the manuscripts\n"
            "in manuscripts/<language>/, then run {command}. See {doc}.", command=f"`munpress check {number}`",
            doc="docs/manifest.md")
    lines = [
        *(f"# {line}" for line in f"{about}\n{how}".splitlines()),
        "",
        f"number = {number}",
        f"number_in_year = {number_in_year}",
        f"date = {date.isoformat()}",
        f"# signed_to_print = {date.isoformat()}  # "
        + " ".join(_("the day it goes to the printer, for the imprint").split()),
        *([f"print_run = {previous.print_run}"] if previous.print_run else []),
        "languages = [" + ", ".join(_string(lang) for lang in languages) + "]",
        "headlines = []  # " + " ".join(_("the cover's lines, e.g. {toml}", toml='{ ky = "…", ru = "…" }').split()),
    ]
    for section in previous.sections:
        lines += ["", "[[sections]]", f"title = {_localized(section.title, languages)}"]
        if section.running_head:
            lines.append(f"running_head = {_localized(section.running_head, languages)}")
        lines += ["",
                  "  # [[sections.articles]]",
                  "  # manuscript = { " + ", ".join(f'{lang} = "manuscripts/{lang}/01-name.docx"' for lang in languages)
                  + " }",
                  "  # page = 4"]
    return "\n".join(lines) + "\n"
