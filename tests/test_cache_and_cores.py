"""Lay out once, keep it, use both cores: the same bytes however an edition was made.

The cache (munpress/cache.py, .munpress-cache/ in the magazine) and the pool of editions
(munpress/editions.py) may only ever change how long a build takes, never what it writes.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from munpress import cache, editions, pipeline
from munpress.diagnostics import Sink
from munpress.layout.paragraph import MEMO
from munpress.typography.hyphenation import hyphenator_for
from tests.conftest import REPO, run_munpress, start_watch

KY_ARTICLE = "issues/147/manuscripts/ky/05-apricot-brand.docx"
EPOCH = {"SOURCE_DATE_EPOCH": "1700000000"}


def pdf_bytes(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.pdf"))}


def add_sentence(path: Path, text: str = " Редакциянын кошумчасы.") -> None:
    document = Document(str(path))
    [p for p in document.paragraphs if p.text.strip()][-1].add_run(text)
    document.save(str(path))


@pytest.fixture()
def serial(monkeypatch):
    """In this process, one edition after the other: what it did can be counted."""
    monkeypatch.setenv("MUNPRESS_JOBS", "1")
    monkeypatch.delenv("MUNPRESS_NO_CACHE", raising=False)
    MEMO.clear()
    cache.forget()


def test_editions_made_at_once_on_two_cores_give_the_bytes_of_one_after_the_other(magazine_copy, tmp_path):
    both = run_munpress("--no-cache", "build", "147", "--variant", "screen", "--out", str(tmp_path / "pool"),
                        "--root", str(magazine_copy), env={**EPOCH, "MUNPRESS_JOBS": "2"})
    one = run_munpress("--no-cache", "build", "147", "--variant", "screen", "--out", str(tmp_path / "serial"),
                       "--root", str(magazine_copy), env={**EPOCH, "MUNPRESS_JOBS": "1"})
    assert both.returncode == one.returncode == 0, both.stderr + one.stderr
    assert len(pdf_bytes(tmp_path / "pool")) == 2
    assert pdf_bytes(tmp_path / "pool") == pdf_bytes(tmp_path / "serial")
    assert not (magazine_copy / cache.FOLDER).exists()  # --no-cache wrote nothing either


def test_a_warm_build_writes_the_bytes_of_a_cold_one_and_a_damaged_cache_is_made_anew(magazine_copy, tmp_path):
    def build(out: str, *flags: str):  # one edition: every kind of entry, at half the cost
        done = run_munpress(*flags, "build", "147", "--lang", "ky", "--out", str(tmp_path / out),
                            "--root", str(magazine_copy), env=EPOCH)
        assert done.returncode == 0, done.stderr
        return pdf_bytes(tmp_path / out)

    cold = build("cold")
    entries = sorted((magazine_copy / cache.FOLDER).glob("*/*.pickle"))
    assert {path.parent.name for path in entries} == {"manuscript", "edition", "pdf", "breaks", "preflight"}
    assert (magazine_copy / cache.FOLDER / ".gitignore").read_text() == "*\n"
    assert build("warm") == cold
    for number, path in enumerate(entries):  # cut short, a byte changed, or not a cache entry at all
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2] if number % 3 == 0 else
                         data[:-1] + bytes([data[-1] ^ 1]) if number % 3 == 1 else b"junk")
    assert build("damaged") == cold == build("uncached", "--no-cache")
    assert all(cache.Cache(magazine_copy, active=True).get(path.parent.name, path.stem) is not None
               for path in sorted((magazine_copy / cache.FOLDER).glob("*/*.pickle")))  # all written again whole


def test_an_entry_is_read_back_only_whole_and_only_by_the_version_that_wrote_it(tmp_path, monkeypatch):
    store = cache.Cache(tmp_path, active=True)
    key = cache.key("edition", "ky", b"bytes of a manuscript")
    store.put("edition", key, {"pages": 28})
    assert store.get("edition", key) == {"pages": 28}
    path = tmp_path / cache.FOLDER / "edition" / f"{key}.pickle"
    cache.forget()  # what a new process finds on disk
    path.write_bytes(path.read_bytes().replace(b"munpress-cache 1", b"munpress-cache 0"))
    assert store.get("edition", key) is None and not path.exists()  # another format: deleted, not trusted
    monkeypatch.setattr(cache, "fingerprint", lambda: "another munpress")
    assert cache.key("edition", "ky", b"bytes of a manuscript") != key
    assert cache.Cache(tmp_path, active=False).get("edition", key) is None


def test_a_full_cache_forgets_its_oldest_entries(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "LIMIT_BYTES", 3000)
    store = cache.Cache(tmp_path, active=True)
    for number in range(6):
        store.put("pdf", f"entry{number}", b"x" * 1000)
        time.sleep(0.01)
    kept = sorted(path.stem for path in (tmp_path / cache.FOLDER / "pdf").glob("*.pickle"))
    assert kept and "entry5" in kept and "entry0" not in kept and len(kept) <= 2


def test_a_hyphenator_pickled_in_the_break_cache_comes_back_as_the_same_one():
    hyphenator = hyphenator_for("ky", ("Ысык-Көл",))
    assert pickle.loads(pickle.dumps(hyphenator)) is hyphenator
    assert subprocess.run([sys.executable, "-c", "import pickle, sys; from munpress.typography.hyphenation import "
                           "hyphenator_for; h = pickle.loads(sys.stdin.buffer.read()); "
                           "assert h is hyphenator_for('ky', ('Ысык-Көл',)), h"],
                          input=pickle.dumps(hyphenator), cwd=REPO, capture_output=True).returncode == 0


def test_after_one_manuscript_changed_only_it_is_read_and_only_its_edition_laid_out(magazine_copy, tmp_path,
                                                                                   serial, monkeypatch):
    pipeline.build_issue(magazine_copy, "147", None, tmp_path / "first", Sink(), variants=("screen",))
    breaks = magazine_copy / cache.FOLDER / "breaks"
    written = {path.name: path.stat().st_mtime_ns for path in breaks.glob("*.pickle")}
    add_sentence(magazine_copy / KY_ARTICLE)
    read, laid_out = [], []
    reading, laying_out = editions.read_manuscript, editions.layout_edition
    monkeypatch.setattr(editions, "read_manuscript", lambda path, **kw: read.append(path.name) or reading(path, **kw))
    monkeypatch.setattr(editions, "layout_edition",
                        lambda edition, *a, **kw: laid_out.append(edition.lang) or laying_out(edition, *a, **kw))
    MEMO.clear()  # a new process: the paragraphs' breaks come from the cache
    cache.forget()
    result = pipeline.build_issue(magazine_copy, "147", None, tmp_path / "second", Sink(), variants=("screen",))
    assert read == ["05-apricot-brand.docx"] and laid_out == ["ky"]
    rewritten = [path.name for path in breaks.glob("*.pickle") if written.get(path.name) != path.stat().st_mtime_ns]
    assert len(rewritten) == 1 and len(written) > 20  # the changed article's breaks, an entry per article
    broken_again = MEMO.misses
    assert 0 < broken_again < MEMO.hits / 10  # the other articles' paragraphs were not broken again
    fresh = run_munpress("--no-cache", "build", "147", "--lang", "ky", "--variant", "screen",
                         "--out", str(tmp_path / "fresh"), "--root", str(magazine_copy))
    assert fresh.returncode == 0, fresh.stderr
    kyrgyz = "municipalitet-147-ky-screen.pdf"
    assert pdf_bytes(tmp_path / "second")[kyrgyz] == pdf_bytes(tmp_path / "fresh")[kyrgyz]
    assert result.paths and "Редакциянын кошумчасы" in " ".join(
        page.extract_text() for page in PdfReader(tmp_path / "second" / kyrgyz).pages)


def test_check_after_build_does_not_lay_out_again(magazine_copy, tmp_path, serial, monkeypatch):
    built = pipeline.build_issue(magazine_copy, "147", None, tmp_path, Sink(), variants=("screen",))

    def never(*args, **kwargs):
        raise AssertionError("laid out again")

    monkeypatch.setattr(editions, "layout_edition", never)
    monkeypatch.setattr(editions, "read_manuscript", never)
    report = pipeline.check_issue(magazine_copy, "147", None, Sink())
    assert [row.actual for row in report.placements] and all(row.actual for row in report.placements
                                                            if row.planned)
    assert {row.lang: row for row in report.typography}.keys() == built.page_counts.keys()


def test_findings_from_the_cache_are_in_the_language_of_this_run(magazine_copy):
    toml = magazine_copy / "issues/147/issue.toml"
    toml.write_text(toml.read_text("utf-8").replace("\n  page = 9\n", "\n  page = 11\n", 1), "utf-8")
    english = run_munpress("check", "147", "--lang", "ky", "--root", str(magazine_copy), env={"LANGUAGE": "en"})
    russian = run_munpress("check", "147", "--lang", "ky", "--root", str(magazine_copy), env={"LANGUAGE": "ru"})
    assert english.returncode == russian.returncode == 1
    assert "error" in english.stdout and "ошибка" in russian.stdout.lower()
    assert english.stdout != russian.stdout


def test_watch_rebuilds_only_the_edition_a_saved_manuscript_is_in(magazine_copy):
    changed = {magazine_copy / KY_ARTICLE}
    assert pipeline.editions_of(magazine_copy, "147", changed, None) == ["ky"]
    assert pipeline.editions_of(magazine_copy, "147", changed, ["ru"]) == []
    assert pipeline.editions_of(magazine_copy, "147", {magazine_copy / "issues/147/issue.toml"}, None) == ["ky", "ru"]
    assert pipeline.editions_of(magazine_copy, "147", {magazine_copy / "fillers/ru/seminar.docx"}, None) == ["ru"]
    stray = magazine_copy / "issues/147/manuscripts/ky/draft.docx"  # in no entry yet
    assert pipeline.editions_of(magazine_copy, "147", {stray}, None) == []


def test_watch_after_a_save_writes_that_editions_proof_and_leaves_the_other(magazine_copy):
    process = start_watch(magazine_copy, "--builds", "2", "--interval", "0.1")
    first = process.stdout.readline()
    assert "built 2 proofs in" in first, first + process.stderr.read()
    russian = magazine_copy / "build/147/municipalitet-147-ru-proof.pdf"
    before = russian.stat().st_mtime_ns
    add_sentence(magazine_copy / KY_ARTICLE)
    output, errors = process.communicate(timeout=120)
    assert process.returncode == 0, errors
    assert "built 1 proof in" in output and "municipalitet-147-ky-proof.pdf" in output
    assert russian.stat().st_mtime_ns == before


def test_a_proof_laid_out_alone_records_the_same_facts_as_the_screen_layout():
    """A proof-only build (watch, make proof) lays out once, as the proof: its watermark and
    slug are not in the record, so the checks see what they see in a screen layout."""
    manifest = pipeline.load_manifest(REPO, "147")
    screen = editions.prepare_edition(manifest, "ru", variants=("screen",))
    proof = editions.prepare_edition(manifest, "ru", variants=("proof",))
    assert proof.facts.page_map == screen.facts.page_map and proof.findings == screen.findings
    assert not any("·" in line.text and "UTC" in line.text for line in proof.facts.page_map.lines)


def test_watch_s_next_rebuild_neither_loads_nor_writes_what_it_holds(magazine_copy, tmp_path, serial, monkeypatch):
    """In one process (watch), the breaks and manuscripts read after the first build stay in
    memory, and cache entries are written after the PDFs, not before."""
    pipeline.build_issue(magazine_copy, "147", ["ky"], tmp_path, Sink(), variants=("proof",))
    add_sentence(magazine_copy / KY_ARTICLE)
    loaded, order = [], []
    loads, replace_file = cache.pickle.loads, editions.cache.os.replace
    monkeypatch.setattr(cache.pickle, "loads", lambda data: loaded.append(len(data)) or loads(data))
    monkeypatch.setattr(cache.os, "replace", lambda a, b: order.append(Path(b).suffix) or replace_file(a, b))
    writing = pipeline.write_pdfs
    monkeypatch.setattr(pipeline, "write_pdfs", lambda files: order.append("PDFs") or writing(files))
    pipeline.build_issue(magazine_copy, "147", ["ky"], tmp_path, Sink(), variants=("proof",))
    assert loaded == []  # nothing unpickled: the other manuscripts and the breaks were held
    assert order[0] == "PDFs" and ".pickle" in order[1:]  # the proof first, then the cache
