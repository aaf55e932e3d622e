"""Diagnostics are values: every stage reports into a Sink; fatal input errors raise.

Codes are stable and dotted (`toc.page-mismatch`, `manifest.unknown-key`); tests and the
JSON output key off the code, never the wording.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Diagnostic:
    severity: Severity
    code: str
    message: str
    file: str | None = None
    article: str | None = None
    lang: str | None = None
    page: int | None = None
    hints: tuple[str, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        record = {k: v for k, v in asdict(self).items() if v not in (None, (), {})}
        record["severity"] = self.severity.value
        record["hints"] = list(self.hints) if self.hints else None
        record.pop("data", None)
        record.update(self.data)
        return {k: v for k, v in record.items() if v is not None}


class Sink:
    """Collects non-fatal diagnostics from the stages it is passed to."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def report(self, diagnostic: Diagnostic) -> None:
        self.items.append(diagnostic)

    def error(self, code: str, message: str, **where: Any) -> None:
        self.report(Diagnostic(Severity.ERROR, code, message, **where))

    def warning(self, code: str, message: str, **where: Any) -> None:
        self.report(Diagnostic(Severity.WARNING, code, message, **where))

    def info(self, code: str, message: str, **where: Any) -> None:
        self.report(Diagnostic(Severity.INFO, code, message, **where))

    def extend(self, diagnostics: list[Diagnostic]) -> None:
        self.items.extend(diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.WARNING]


class MunpressError(Exception):
    """A problem that stops the command. `exit_code` 2: input the tool cannot use."""

    exit_code = 2

    def __init__(self, message: str, *, file: str | None = None, code: str = "input.unusable",
                 hint: str | None = None, article: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.code = code
        self.hint = hint
        self.article = article
        self.key: str | None = None  # the TOML key path it is about
        self.place: tuple[int, int] | None = None  # (line, column) in `file`
        self.more: list[MunpressError] = []  # further problems of the same file, found in the same run

    def one_line(self) -> str:
        """The single line a person sees: file (and line:column), what is wrong, what to do."""
        where = f"{self.file}:{self.place[0]}:{self.place[1]}" if self.file and self.place else self.file
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class InputError(MunpressError):
    """Unreadable or invalid input: manifest, manuscript, font, folder."""


class LayoutFailure(MunpressError):
    """The issue cannot be set without losing text (overset); nothing is written."""

    exit_code = 1
