"""Readers: a manuscript file → `model.Document`. Only Word .docx is read.

Readers use python-docx and lxml; they never import reportlab, babel, typer, rich or
munpress.layout.
"""

from __future__ import annotations

from pathlib import Path

from munpress.diagnostics import InputError, Sink
from munpress.model.nodes import Document
from munpress.readers.docx import read_docx

__all__ = ["read_manuscript"]


def read_manuscript(
    path: Path, *, lang: str | None, sink: Sink, extra_styles: tuple[tuple[str, str], ...] = (),
    article: str | None = None,
) -> Document:
    """Read one manuscript, choosing the reader by the file's suffix."""
    path = Path(path)
    if path.suffix.lower() == ".docx":
        return read_docx(path, lang=lang, sink=sink, extra_styles=extra_styles, article=article)
    kind = f"a {path.suffix} file" if path.suffix else "a file without a suffix"
    raise InputError(
        f"{path.name} is {kind}; munpress reads Word .docx only: open it in Word and save it as .docx",
        article=article, code="input.not-docx",
    )
