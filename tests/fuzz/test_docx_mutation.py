"""Mutation fuzz of the real-world .docx corpus: every mutant is read or refused cleanly.

Each corpus file the reader reads is damaged in many seeded ways (tests/fuzz/docx_mutations.py)
and read again. The only acceptable outcomes are a `Document` whose text is sane, or an
`InputError` whose one line names the file; any other exception, a read slower than
MUNPRESS_FUZZ_SECONDS (default 10), or an external entity resolved into the text, is a failure
reported with the file, the mutant's index and the mutation, so it can be rebuilt with
`python -m tests.fuzz.docx_mutations <file> <index> <out.docx>`.

MUNPRESS_FUZZ_MUTANTS (default 3000, shared out over the corpus by size) runs longer fuzzes:
MUNPRESS_FUZZ_MUTANTS=100000 .venv/bin/python -m pytest tests/fuzz/test_docx_mutation.py
"""

from __future__ import annotations

import os
import signal
import threading
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest

from munpress.diagnostics import InputError, Sink
from munpress.model.nodes import (
    Block,
    Document,
    ListItem,
    Note,
    Sidebar,
    Table,
    block_text,
)
from munpress.readers import read_manuscript
from munpress.readers.docx.tables import MAX_COLUMNS
from tests.conftest import SHARED
from tests.fuzz.docx_mutations import PASSWD_CANARY, Source, make_mutant, rebuild

CORPUS = SHARED / "corpus" / "docx"
FILES = sorted(CORPUS.glob("*.docx")) if CORPUS.is_dir() else []
TOTAL_MUTANTS = int(os.environ.get("MUNPRESS_FUZZ_MUTANTS", "3000"))
SECONDS_PER_MUTANT = float(os.environ.get("MUNPRESS_FUZZ_SECONDS", "10"))
HEAVY_XML_BYTES = 400_000  # a file with more XML than this gets proportionally fewer mutants
FAILURES_SHOWN = 8
LONGEST_LABEL = 2000  # a list label of letters at Word's largest start (32767) is 1261 characters

pytestmark = pytest.mark.skipif(not FILES, reason=f"the .docx corpus is not at {CORPUS}")


class Hang(BaseException):
    """Raised by the alarm inside a read that takes too long (not an Exception: nothing may catch it)."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block after `seconds` (main thread, POSIX); elsewhere the caller measures."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise Hang()

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def weight(path: Path) -> float:
    """Mutants are shared out by 1/cost: a file whose XML takes long to parse gets fewer."""
    source = Source.load(path)
    xml = sum(len(data) for name, data in source.members if name.endswith((".xml", ".rels")))
    return 1.0 / max(1.0, xml / HEAVY_XML_BYTES)


@cache
def plan() -> dict[str, int]:
    """Corpus file → how many mutants it gets; only files read without mutation take part."""
    weights: dict[str, float] = {}
    for path in FILES:
        try:
            read_manuscript(path, lang="ru", sink=Sink())
        except InputError:
            continue
        weights[path.name] = weight(path)
    total = sum(weights.values())
    return {name: max(1, round(TOTAL_MUTANTS * share / total)) for name, share in weights.items()}


def where_raised(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    ours = [frame for frame in frames if "munpress" in frame.filename] or frames
    if not ours:
        return "?"
    frame = ours[-1]
    return f"{Path(frame.filename).name}:{frame.lineno} in {frame.name}"


def check_mutant(path: Path, data: bytes) -> str | None:
    """None when the mutant is read or refused cleanly; otherwise what went wrong."""
    path.write_bytes(data)
    started = time.monotonic()
    try:
        with time_limit(SECONDS_PER_MUTANT):
            document = read_manuscript(path, lang="ru", sink=Sink())
    except InputError as error:
        line = error.one_line()
        if "\n" in line or path.name not in line:
            return f"InputError whose line does not name the file once: {line!r}"
        return None
    except Hang:
        return f"still reading after {SECONDS_PER_MUTANT:g} s"
    except RecursionError as error:
        return f"RecursionError at {where_raised(error)}"
    except Exception as error:  # what this test is for: the reader must never raise anything else
        detail = " ".join(str(error).split())[:160]
        return f"{type(error).__name__}: {detail} at {where_raised(error)}"
    elapsed = time.monotonic() - started
    if elapsed > SECONDS_PER_MUTANT:
        return f"took {elapsed:.1f} s (limit {SECONDS_PER_MUTANT:g} s)"
    return document_problem(document, path.name)


def all_blocks(blocks: tuple[Block, ...]) -> Iterator[Block]:
    for block in blocks:
        yield block
        if isinstance(block, (Sidebar, Note)):
            yield from all_blocks(block.blocks)
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    yield from all_blocks(cell.blocks)


def document_problem(document: object, name: str) -> str | None:
    """What makes a Document unfit for the next stages: the layout must be able to set it."""
    if not isinstance(document, Document) or document.source != name:
        return f"read_manuscript returned {type(document).__name__}, not this file's Document"
    text = " ".join(block_text(block) for block in document.blocks)
    if PASSWD_CANARY in text:
        return "an external entity was resolved: /etc/passwd is in the text"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return f"the text holds a character no PDF can carry ({error.reason}: {text[error.start]!r})"
    for block in all_blocks(document.blocks):
        if isinstance(block, ListItem) and len(block.label) > LONGEST_LABEL:
            return f"a list label of {len(block.label)} characters"
        if isinstance(block, Table):
            spans = [cell.colspan for row in block.rows for cell in row.cells]
            if any(not 1 <= span <= MAX_COLUMNS for span in spans):
                return f"a table cell spanning {max(spans)} columns"
    return None


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_every_mutant_is_read_or_refused_with_a_clean_error(path: Path, tmp_path: Path) -> None:
    count = plan().get(path.name)
    if count is None:
        pytest.skip(f"{path.name} is refused before any mutation (tests/readers/test_corpus.py)")
    source = Source.load(path)
    target = tmp_path / path.name
    failures: list[str] = []
    for index in range(count):
        data, mutation = make_mutant(source, index)
        problem = check_mutant(target, data)
        if problem is not None:
            failures.append(f"#{index} [{mutation}] → {problem}")
    shown = "\n".join(failures[:FAILURES_SHOWN])
    assert not failures, (
        f"{len(failures)} of {count} mutants of {path.name} were not read or refused cleanly:\n{shown}\n"
        f"rebuild one: .venv/bin/python -m tests.fuzz.docx_mutations {path.name} <index> /tmp/mutant.docx"
    )


def test_the_budget_is_shared_out_over_the_corpus() -> None:
    counts = plan()
    assert len(counts) >= 60
    assert abs(sum(counts.values()) - TOTAL_MUTANTS) <= len(counts)
    assert min(counts.values()) >= 1


@pytest.mark.parametrize("name", ["pandoc__notes.docx", "pandoc__tables.docx", "docx4j__Docx4j_Russian.docx"])
def test_a_repacked_file_without_mutation_reads_the_same(name: str, tmp_path: Path) -> None:
    """The fuzzer's own zip writer changes nothing the reader sees."""
    path = CORPUS / name
    repacked = tmp_path / name
    repacked.write_bytes(rebuild(Source.load(path).members))
    original = read_manuscript(path, lang="ru", sink=Sink())
    assert read_manuscript(repacked, lang="ru", sink=Sink()).blocks == original.blocks


def test_mutants_are_reproducible_from_file_and_index() -> None:
    source = Source.load(CORPUS / "pandoc__lists.docx")
    assert [make_mutant(source, index) for index in range(30)] == [make_mutant(source, index) for index in range(30)]
    assert len({make_mutant(source, index)[0] for index in range(30)}) >= 25
