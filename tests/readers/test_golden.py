"""Golden model dumps: every corpus file that is read gives exactly the stored `dump_document`.

Each file of the .docx corpus that munpress reads (not refuses) has `golden/<file name>.txt`,
the dump of its Document read with lang="ru". A reader change that alters any block, mark,
label, link or note of any file shows here as a unified diff. When the change is intended:

    .venv/bin/python -m pytest tests/readers/test_golden.py --update-golden

rewrites the golden files (and removes those of files no longer read); review `git diff`.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from munpress.model.dump import dump_document
from munpress.model.nodes import Block, InlineImage, Note, Sidebar, Table
from tests.conftest import SHARED

CORPUS = SHARED / "corpus" / "docx"

if not CORPUS.is_dir():
    pytest.skip(f"the .docx corpus is not at {CORPUS}", allow_module_level=True)

# one cached read of each corpus file serves both modules
from tests.readers.test_corpus import FILES, outcome

GOLDEN = Path(__file__).parent / "golden"
DIFF_LINES_SHOWN = 120
IMAGE_TOKEN = re.compile(r"\{image [^\s{}]+ [a-z]+/[-+.\w]+(?: [\d.]+x[\d.]+pt)?\}")


def golden_path(name: str) -> Path:
    return GOLDEN / f"{name}.txt"


def read_names() -> list[str]:
    return [path.name for path in FILES if outcome(path.name)[0] is not None]


def dump(name: str) -> str:
    document, _, _ = outcome(name)
    assert document is not None
    return dump_document(document)


def readable_diff(expected: str, actual: str, name: str) -> str:
    lines = list(difflib.unified_diff(
        expected.split("\n"), actual.split("\n"), f"golden/{name}.txt", f"munpress now: {name}", n=2,
        lineterm="",
    ))
    hidden = len(lines) - DIFF_LINES_SHOWN
    shown = lines[:DIFF_LINES_SHOWN] + ([f"… {hidden} more diff lines"] if hidden > 0 else [])
    return "\n".join(shown)


@pytest.fixture()
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.mark.parametrize("name", read_names())
def test_the_model_of_each_corpus_file_matches_its_golden_dump(name: str, update_golden: bool) -> None:
    actual = dump(name)
    path = golden_path(name)
    if update_golden:
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
        return
    assert path.is_file(), f"no golden dump for {name}: run pytest with --update-golden and review it"
    expected = path.read_bytes().decode("utf-8")  # bytes: no newline translation
    if actual != expected:  # not a bare assert: pytest's own diff of a 1 MB dump is slow and long
        pytest.fail(f"the model of {name} differs from its golden dump (run pytest --update-golden "
                    f"if intended):\n{readable_diff(expected, actual, name)}", pytrace=False)


def test_golden_dumps_and_read_corpus_files_correspond(update_golden: bool) -> None:
    wanted = {golden_path(name).name for name in read_names()}
    present = {path.name for path in GOLDEN.glob("*.txt")} if GOLDEN.is_dir() else set()
    if update_golden:
        for stale in present - wanted:
            (GOLDEN / stale).unlink()
        return
    stale, missing = sorted(present - wanted), sorted(wanted - present)
    assert not stale, "golden dumps of files not in the corpus or now refused (--update-golden removes them)"
    assert not missing, "corpus files read without a golden dump (--update-golden writes them)"


def pictures(blocks: tuple[Block, ...]) -> list[InlineImage]:
    found: list[InlineImage] = []
    for block in blocks:
        found.extend(node for node in getattr(block, "inlines", ()) if isinstance(node, InlineImage))
        if isinstance(block, Table):
            found.extend(pictures(tuple(b for row in block.rows for cell in row.cells for b in cell.blocks)))
        elif isinstance(block, (Sidebar, Note)):
            found.extend(pictures(block.blocks))
    return found


def test_dumps_show_pictures_by_name_never_their_bytes() -> None:
    for name in read_names():
        document, _, _ = outcome(name)
        assert document is not None
        shown = IMAGE_TOKEN.findall(dump(name))
        assert len(shown) == len(pictures(document.blocks)) == dump(name).count("{image "), name
