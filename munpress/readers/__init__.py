"""Readers: a manuscript file → `model.Document`. Only Word .docx is read.

Readers use python-docx and lxml; they never import reportlab, babel, typer, rich or
munpress.layout.
"""

from __future__ import annotations

from pathlib import Path

from munpress.diagnostics import InputError, Sink
from munpress.i18n import _
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
    message = (
        _("{name} is a {suffix} file; munpress reads Word .docx only: open it in Word and save it as .docx",
          name=path.name, suffix=path.suffix)
        if path.suffix else
        _("{name} is a file without a suffix; munpress reads Word .docx only: open it in Word and save it as .docx",
          name=path.name)
    )
    raise InputError(message, article=article, code="input.not-docx")
