"""Small value types shared by every stage: where a node came from, which language."""

from __future__ import annotations

from dataclasses import dataclass

from munpress.i18n import _

LANGUAGES = ("ky", "ru")


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A place in a manuscript an editor can find in Word: the file, the paragraph, a snippet."""

    file: str
    paragraph: int | None = None
    snippet: str = ""

    def describe(self) -> str:
        where = self.file
        if self.paragraph is not None:
            where = _("{file}, paragraph {paragraph}", file=where, paragraph=self.paragraph)
        if self.snippet:
            where += f" («{self.snippet}»)"
        return where
