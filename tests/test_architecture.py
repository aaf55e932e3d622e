"""The import contract of docs/architecture.md: dependencies point back along the pipeline."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "munpress"

# package -> top-level modules it must never import
FORBIDDEN = {
    "model": {"docx", "reportlab", "babel", "typer", "rich", "munpress.layout", "munpress.readers",
              "munpress.manifest", "munpress.checks"},
    "manifest": {"docx", "reportlab", "typer", "rich", "munpress.layout", "munpress.readers"},
    "readers": {"reportlab", "babel", "typer", "rich", "munpress.layout", "munpress.checks"},
    "typography": {"docx", "reportlab", "typer", "rich", "munpress.readers", "munpress.layout"},
    "layout": {"docx", "typer", "rich", "munpress.readers", "munpress.checks", "munpress.manifest.load"},
    "checks": {"reportlab", "docx", "typer", "rich", "munpress.readers", "munpress.layout.doctemplate",
               "munpress.layout.story"},
    "output": {"docx", "typer", "rich", "munpress.readers"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _violations(package: str, forbidden: set[str]) -> list[str]:
    found = []
    for path in sorted((PACKAGE / package).rglob("*.py")):
        for name in _imports(path):
            if any(name == bad or name.startswith(bad + ".") for bad in forbidden):
                found.append(f"{path.relative_to(PACKAGE)} imports {name}")
    return found


def test_each_stage_imports_only_what_the_contract_allows():
    problems = [v for package, bad in FORBIDDEN.items() for v in _violations(package, bad)]
    assert problems == []


def test_only_manifest_edit_rewrites_toml():
    users = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
             if "tomlkit" in {n.split(".")[0] for n in _imports(p)}]
    assert users == ["manifest/edit.py"]


def test_only_the_cli_imports_typer_or_rich():
    users = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
             if {"typer", "rich"} & {n.split(".")[0] for n in _imports(p)}]
    assert users == ["cli.py"]
