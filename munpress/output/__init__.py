"""Writing PDFs: atomically, so a failed build never replaces the last good file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from munpress.diagnostics import InputError


def write_pdf(data: bytes, path: Path) -> Path:
    """Write `data` beside `path` and rename it into place once it is complete."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, 0o644)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise InputError(f"cannot write the PDF: {error.strerror}", file=str(path), code="output.unwritable",
                         hint="choose a writable folder with --out") from None
    return path
