"""What `check` gives scripts and CI: one versioned JSON document, or GitHub workflow annotations.

The JSON shape is a contract (docs/ci.md, the schema in munpress/data/check.schema.json):
an object with `version`, `findings` and `summary`. A version goes up only when a field's
meaning changes or one is taken away; new fields may appear in any version. A manifest the
check cannot read is reported the same way, its problems as error findings, with exit 2.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from munpress.diagnostics import Diagnostic, MunpressError, Severity
from munpress.manifest.locate import locate

VERSION = 1
ANNOTATION_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def exit_code(diagnostics: list[Diagnostic], strict: bool) -> int:
    """1 when a finding fails the check (an error; with `strict`, a warning too), else 0."""
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return 1 if any(d.severity in failing for d in diagnostics) else 0


def summary(diagnostics: list[Diagnostic], articles: int | None, strict: bool, code: int) -> dict[str, Any]:
    counted = {severity: sum(d.severity is severity for d in diagnostics) for severity in Severity}
    return {"errors": counted[Severity.ERROR], "warnings": counted[Severity.WARNING],
            "infos": counted[Severity.INFO], "articles": articles, "strict": strict, "exit_code": code}


def error_findings(error: MunpressError) -> list[Diagnostic]:
    """A problem that stops the command, and those found with it, as findings."""
    found = []
    for problem in (error, *error.more):
        where: dict[str, Any] = {}
        if problem.place:
            where = {"line": problem.place[0], "column": problem.place[1]}
        if problem.key:
            where["key"] = problem.key
        found.append(Diagnostic(Severity.ERROR, problem.code, problem.message, file=problem.file,
                                article=problem.article, hints=(problem.hint,) if problem.hint else (),
                                data=where))
    return found


def as_json(diagnostics: list[Diagnostic], articles: int | None, strict: bool, code: int) -> str:
    document = {"version": VERSION, "findings": [d.as_json() for d in diagnostics],
                "summary": summary(diagnostics, articles, strict, code)}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def github_annotations(diagnostics: list[Diagnostic], issue_toml: Path | None = None,
                       entry_keys: dict[str, str] | None = None, shown_as: str | None = None) -> str:
    """One workflow command per finding (`::error file=…,line=…,title=…::message`), as linters
    print them in GitHub Actions. A finding about an article with no file of its own points at
    the article's entry in issue.toml (a page finding at its `page` key), where it is fixed."""
    text = _readable(issue_toml) if issue_toml else None
    lines = []
    for d in diagnostics:
        file, line, column = d.file, d.data.get("line"), d.data.get("column")
        key = (entry_keys or {}).get(d.article or "")
        if line is None and text is not None and key and (file is None or d.code.startswith("toc.")):
            place = locate(text, f"{key}.page.{d.lang}" if d.code.startswith("toc.") else key)
            if place:
                file, (line, column) = shown_as, place
        properties = {"file": file, "line": line, "col": column,
                      "title": " · ".join(x for x in (d.code, d.lang, d.article) if x)}
        message = d.message + "".join(f"\n→ {hint}" for hint in d.hints)
        said = ",".join(f"{name}={_property(str(value))}" for name, value in properties.items() if value)
        lines.append(f"::{ANNOTATION_LEVELS[d.severity]} {said}::{_data(message)}")
    return "".join(line + "\n" for line in lines)


def _readable(path: Path) -> str | None:
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
