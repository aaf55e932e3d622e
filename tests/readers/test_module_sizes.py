"""Reader modules stay small, as DESIGN.md asks (the import contract is tests/test_architecture.py)."""

from __future__ import annotations

from pathlib import Path

import munpress.readers

READERS = Path(munpress.readers.__file__).parent


def test_reader_modules_stay_within_the_size_the_design_asks_for() -> None:
    sizes = {path.name: len(path.read_text(encoding="utf-8").splitlines()) for path in READERS.rglob("*.py")}
    assert all(lines <= 400 for lines in sizes.values()), sizes
