"""A small magazine for the cases of issue 12: issue 147 cut to three articles, so that each
case that must build (to show it no longer hangs or crashes) costs a fraction of the whole."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO

KEPT = ("01-new-year", "03-participatory-budget", "05-apricot-brand")


def small_issue(text: str) -> str:
    """issue.toml with its first two sections and only the KEPT articles in them."""
    head, *sections = re.split(r"(?m)^\[\[sections\]\]\n", text)
    kept = []
    for section in sections[:2]:
        title, *articles = re.split(r"(?m)^  \[\[sections\.articles\]\]\n", section)
        articles = [a for a in articles if any(name in a for name in KEPT)]
        kept.append(title + "".join(f"  [[sections.articles]]\n{a}" for a in articles))
    return head + "".join(f"[[sections]]\n{section}" for section in kept)


@pytest.fixture()
def small_magazine(tmp_path) -> Path:
    target = tmp_path / "small"
    (target / "issues" / "147").mkdir(parents=True)
    shutil.copy(REPO / "munpress.toml", target / "munpress.toml")
    shutil.copytree(REPO / "fillers", target / "fillers")
    shutil.copytree(REPO / "issues" / "147" / "manuscripts", target / "issues" / "147" / "manuscripts")
    text = (REPO / "issues" / "147" / "issue.toml").read_text("utf-8")
    (target / "issues" / "147" / "issue.toml").write_text(small_issue(text), "utf-8")
    return target
