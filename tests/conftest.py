"""Shared fixtures: the sample issue 147 built once per session, read back from the PDFs."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

REPO = Path(__file__).resolve().parents[1]
# munpress speaks the environment's language (munpress.i18n): the suite expects English
# wherever it runs, and tests of the Kyrgyz and Russian messages ask for them explicitly.
os.environ["LANGUAGE"] = "en"


@pytest.fixture(autouse=True)
def _english_messages():
    """A test that runs the CLI in process may leave another language chosen: not for the next."""
    yield
    from munpress import i18n

    i18n.use("en")


@pytest.fixture(autouse=True)
def _no_cache_in_process(monkeypatch):
    """In this process tests change munpress (monkeypatch), which the cache's fingerprint of
    the code on disk cannot see: no cache here unless a test asks for it. A CLI run
    (run_munpress) is munpress as written and keeps the cache, as a user's run does."""
    monkeypatch.setenv("MUNPRESS_NO_CACHE", "1")


def _shared() -> Path:
    """../shared beside the checkout; a clone made elsewhere (CI's temporary folder) uses the
    machine's copy at /work/shared when there is one. Tests skip, saying why, without it."""
    for candidate in (REPO.parent / "shared", Path("/work/shared")):
        if candidate.is_dir():
            return candidate
    return REPO.parent / "shared"


SHARED = _shared()


@functools.cache
def _check_schema():
    import jsonschema

    schema = json.loads((REPO / "munpress" / "data" / "check.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def check_document(stdout: str) -> dict:
    """`check --json` output, validated against the schema shipped in the package."""
    document = json.loads(stdout)
    _check_schema().validate(document)
    return document


def check_findings(stdout: str) -> list[dict]:
    """The findings of `check --json` output (validated against the schema)."""
    return check_document(stdout)["findings"]


def run_munpress(*args: str, cwd: Path = REPO, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the real command line, as a user would; `env` changes the environment (None removes)."""
    environment = dict(os.environ)
    environment.pop("MUNPRESS_NO_CACHE", None)  # see _no_cache_in_process
    for name, value in (env or {}).items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    return subprocess.run([sys.executable, "-m", "munpress", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300, env=environment)


def start_watch(magazine: Path, *options: str) -> subprocess.Popen:
    """`munpress watch 147` on a magazine folder, its output read line by line."""
    return subprocess.Popen([sys.executable, "-m", "munpress", "watch", "147", *options, "--root", str(magazine)],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="session")
def variant_pdfs(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """Issue 147 built once in every variant: (lang, variant) -> PDF."""
    out = tmp_path_factory.mktemp("build")
    result = run_munpress("build", "147", "--out", str(out),
                          "--variant", "print", "--variant", "screen", "--variant", "proof")
    assert result.returncode == 0, result.stderr
    paths = {tuple(path.stem.split("-")[-2:]): path for path in out.glob("*.pdf")}
    assert set(paths) == {(lang, v) for lang in ("ky", "ru") for v in ("print", "screen", "proof")}, result.stdout
    return paths


@pytest.fixture(scope="session")
def built_issue(variant_pdfs) -> dict[str, Path]:
    """The screen PDFs by language: the pages as readers see them."""
    return {lang: path for (lang, variant), path in variant_pdfs.items() if variant == "screen"}


@pytest.fixture(scope="session")
def page_texts(built_issue) -> dict[str, list[str]]:
    return {lang: [page.extract_text() or "" for page in PdfReader(path).pages]
            for lang, path in built_issue.items()}


@pytest.fixture()
def magazine_copy(tmp_path) -> Path:
    """A copy of the magazine folder (munpress.toml, the sample issue 147 and fillers/) to break
    on purpose. Only issue 147: an issue an editor has started in the working tree is not the
    tests' business."""
    target = tmp_path / "magazine"
    target.mkdir()
    shutil.copy(REPO / "munpress.toml", target / "munpress.toml")
    shutil.copytree(REPO / "issues" / "147", target / "issues" / "147")
    shutil.copytree(REPO / "fillers", target / "fillers")
    return target


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", default=False,
        help="rewrite tests/readers/golden/*.txt from the current reader instead of comparing",
    )
