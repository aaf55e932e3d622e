"""Fixtures for the manifest tests: a copy of the real magazine in a temporary folder."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # the package is not installed in the venv; import it from the tree
    sys.path.insert(0, str(REPO))


class Magazine:
    """A throwaway magazine folder: the real munpress.toml and issues written by the test."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.toml = root / "munpress.toml"

    def edit(self, old: str, new: str) -> None:
        """Replace one piece of the real munpress.toml (it must be there)."""
        text = self.toml.read_text("utf-8")
        assert old in text, f"test setup: {old!r} is not in munpress.toml"
        self.toml.write_text(text.replace(old, new, 1), "utf-8")

    def issue(self, text: str = "", number: str = "1") -> Path:
        folder = self.root / "issues" / number
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "issue.toml").write_text(text, "utf-8")
        return folder

    def manuscript(self, relative: str, number: str = "1") -> Path:
        path = self.root / "issues" / number / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"PK stand-in for a .docx")
        return path


@pytest.fixture
def magazine(tmp_path: Path) -> Magazine:
    root = tmp_path / "magazine"
    root.mkdir()
    shutil.copy(REPO / "munpress.toml", root / "munpress.toml")
    shutil.copytree(REPO / "fillers", root / "fillers")  # munpress.toml names them
    return Magazine(root)
