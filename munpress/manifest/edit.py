"""Writing planned pages back into issue.toml, keeping the editors' comments and layout.

tomlkit round-trips the file: only the `page` values change, every comment, blank line and
key order stays as the editors wrote it. The file is replaced in one rename, never half written.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import tomlkit

from munpress.diagnostics import InputError
from munpress.i18n import _
from munpress.manifest.load import ISSUE_FILE


@dataclass(frozen=True)
class PageChange:
    article: str
    lang: str
    planned: int
    actual: int


def write_planned_pages(folder: Path, actual: dict[str, tuple[str, dict[str, int], tuple[str, ...]]]
                        ) -> list[PageChange]:
    """Set each article's planned `page` in `folder`/issue.toml to where it really starts.

    `actual` maps an article's key path (`sections[1].articles[0]`, as the loader names it) to
    its id, its real page per language laid out, and all its languages. Only the languages laid
    out change; a value the same in every language stays a plain number."""
    path = folder / ISSUE_FILE
    raw = path.read_bytes()
    bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""  # Notepad's mark stays, as do Windows line ends
    document = tomlkit.parse(raw.decode("utf-8-sig"))
    changes: list[PageChange] = []
    for i, section in enumerate(document.get("sections", [])):
        for j, article in enumerate(section.get("articles", [])):
            found = actual.get(f"sections[{i}].articles[{j}]")
            if found and "page" in article:
                changes += _set_page(article, *found)
    if changes:
        _replace(path, bom + tomlkit.dumps(document))
    return changes


def page_value(pages: dict[str, int]) -> str:
    """A `page` value as the editors write it: `4` when every edition starts there, else
    `{ ky = 5, ru = 6 }`."""
    if len(set(pages.values())) == 1:
        return str(next(iter(pages.values())))
    return "{ " + ", ".join(f"{lang} = {page}" for lang, page in pages.items()) + " }"


def _set_page(article, entry_id: str, pages: dict[str, int], languages: tuple[str, ...]) -> list[PageChange]:
    value = article["page"]
    per_language = hasattr(value, "items")  # { ky = 5, ru = 6 }
    planned = {lang: int(page) for lang, page in value.items()} if per_language else None
    old = {lang: planned.get(lang) if planned else int(value) for lang in pages}
    changes = [PageChange(entry_id, lang, old[lang], page) for lang, page in pages.items()
               if old[lang] is not None and old[lang] != page]
    if not changes:
        return []
    if per_language:  # the editors wrote one number per language: keep that form
        for change in changes:
            value[change.lang] = change.actual
        return changes
    new = {lang: pages.get(lang, int(value)) for lang in languages}  # editions not laid out keep theirs
    article["page"] = tomlkit.parse(f"page = {page_value(new)}")["page"]  # a table when the editions part
    return changes


def _replace(path: Path, text: str) -> None:
    temporary = None
    try:  # a read-only folder refuses the temporary file already
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except OSError as error:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise InputError(_("cannot write the planned pages: {reason}", reason=error.strerror or error), file=str(path),
                         code="manifest.unwritable",
                         hint=_("make {file} and its folder writable, then run it again", file=ISSUE_FILE)) from None
