"""Input that used to crash munpress with exit 70 (issue 12): each is now a finding or one
clear line with exit 2."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest
from pypdf import PdfReader

from munpress import editions, pipeline
from munpress.diagnostics import Sink
from tests.conftest import check_findings, run_munpress
from tests.hostile.test_hostile_input import (  # noqa: F401 - fixtures, used by name
    ARTICLE,
    ISSUE,
    assert_refused,
    build,
    edit,
    good_build,
    out,
)


def test_an_issn_with_a_wrong_check_digit_is_a_finding_that_gives_the_right_one(small_magazine, tmp_path):
    edit(small_magazine / "munpress.toml", 'issn = "1694-7053"', 'issn = "1694-7054"')
    check = run_munpress("check", "147", "--lang", "ky", "--json", "--root", str(small_magazine))
    assert check.returncode == 1 and "Traceback" not in check.stderr, check.stderr
    findings = check_findings(check.stdout)
    messages = {finding["code"]: finding["message"] for finding in findings}
    assert messages["issn.check-digit"] == "ISSN 1694-7054 has check digit 4, but its digits give 3"
    made = run_munpress("build", "147", "--lang", "ky", "--variant", "screen", "--root", str(small_magazine),
                        "--out", str(tmp_path / "out"))
    assert made.returncode == 0 and "errors, 0 warnings found" in made.stderr  # the PDF is made; check names them
    cover = PdfReader(tmp_path / "out" / "municipalitet-147-ky-screen.pdf").pages[0].extract_text()
    assert "ISSN 1694-7054" in cover  # printed as text, with no barcode a scanner would misread


@pytest.mark.parametrize(("old", "new", "key", "limit"), [
    ("number_in_year = 1\n", "number_in_year = 100\n", "number_in_year", "from 1 to 99"),
    ("print_run = 1000 ", "print_run = 100000000000000000000 ", "print_run", "from 1 to 10000000"),
])
def test_an_issue_number_or_print_run_out_of_range_is_refused(small_magazine, out, good_build, old, new, key, limit):
    edit(small_magazine / ISSUE, old, new)
    assert_refused(build(small_magazine, out), out, good_build, names=(ISSUE, key), fix=limit)


@pytest.mark.parametrize("what", ["deleted", "replaced"])
def test_a_manuscript_deleted_or_replaced_during_a_proof_build_is_named_by_what_was_read(small_magazine, tmp_path,
                                                                                          monkeypatch, what):
    article = small_magazine / ARTICLE
    read_then = hashlib.sha256(article.read_bytes()).hexdigest()[:8]
    reading = editions._read_manuscripts

    def read_then_change(manifest, lang, sink, typography, store=None):
        found = reading(manifest, lang, sink, typography, store)
        if what == "deleted":
            article.unlink()  # an editor's program replaces the file: gone for a moment
        else:
            shutil.copy(small_magazine / ARTICLE.replace("03-participatory-budget", "05-apricot-brand"), article)
        return found

    monkeypatch.setattr(editions, "_read_manuscripts", read_then_change)
    result = pipeline.build_issue(small_magazine, "147", ["ky"], tmp_path / "out", Sink(), variants=("proof",))
    slug = " ".join(page.extract_text() for page in PdfReader(result.paths[0]).pages)  # 03's pages print it
    assert f"03:{read_then}" in slug  # the hash of the text that was set, not of the file now


def test_new_from_an_issue_dated_in_the_last_month_of_9999_is_one_line(small_magazine):
    edit(small_magazine / ISSUE, "date = 2024-01-15", "date = 9999-12-31")
    done = run_munpress("new", "148", "--from", "147", "--root", str(small_magazine))
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "past the year 9999" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert not (small_magazine / "issues" / "148").exists()


def test_new_in_a_folder_it_cannot_write_leaves_nothing_half_made(small_magazine, monkeypatch):
    from pathlib import Path

    from munpress.diagnostics import InputError
    from munpress.scaffold import new_issue

    real_write = Path.write_text

    def read_only(self, *args, **kwargs):  # the tests run as root, which writes anywhere: refuse here
        if self.name == "issue.toml" and "148" in self.parts:
            raise PermissionError(13, "Permission denied")
        return real_write(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", read_only)
    with pytest.raises(InputError) as refused:
        new_issue(small_magazine, "148", "147")
    assert "cannot create issues/148: Permission denied" in refused.value.one_line()
    assert not (small_magazine / "issues" / "148").exists()


def test_toc_write_in_a_folder_it_cannot_write_is_one_line(small_magazine, monkeypatch):
    import tempfile

    from munpress.diagnostics import InputError
    from munpress.manifest.edit import _replace

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    before = (small_magazine / ISSUE).read_text("utf-8")
    with pytest.raises(InputError) as error:
        _replace(small_magazine / ISSUE, before + "# changed\n")
    assert "cannot write the planned pages: Permission denied" in error.value.one_line()
    assert (small_magazine / ISSUE).read_text("utf-8") == before


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_decomposed_letters_and_invisible_characters_print_as_the_letters_they_are(small_magazine, tmp_path, lang):
    from tests.readers.docx_builder import Manuscript, paragraph

    # a Mac's й = и + U+0306 and ё = е + U+0308; web copy-paste's U+200B and U+FEFF inside words
    words = {"ky": "Мои\u0306 айылдын жаңы жолу: быи\u0306ыл мектепке чеи\u0306ин асфальт төшөлдү, "
                   "муници\u200bпалитет акча\ufeffны өзү тапты.",
             "ru": "Мои\u0306 посёлок: в этом году к школе проложили дорогу, е\u0308лку поставили на площади, "
                   "муници\u200bпалитет нашёл деньги\ufeff сам."}[lang]
    article = small_magazine / f"issues/147/manuscripts/{lang}/03-participatory-budget.docx"
    Manuscript().body(paragraph("Мои\u0306 заголовок", "Title") + paragraph(words * 4)).save(article.parent, article.name)
    edit(small_magazine / ISSUE, 'title = { ky = "КӨҢҮЛ ЧОРДОНУНДА"', 'title = { ky = "КӨҢҮЛ ЧОРДОНУНДА И\u0306"')
    done = run_munpress("build", "147", "--lang", lang, "--variant", "screen", "--root", str(small_magazine),
                        "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr  # no lost text, no glyph printed blank
    assert "would print blank" not in done.stderr
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "out" / f"municipalitet-147-{lang}-screen.pdf").pages)
    assert "Мой" in text and "муниципалитет" in text.replace("-\n", "")
    assert "\u0306" not in text and "\u0308" not in text and "\u200b" not in text and "\ufeff" not in text
    if lang == "ru":
        assert "ёлку" in text
    else:
        assert "КӨҢҮЛ ЧОРДОНУНДА Й" in text  # the manifest's text composed too


def test_an_issue_number_that_is_not_its_folders_names_both(small_magazine, out, good_build):
    edit(small_magazine / ISSUE, "number = 147", "number = 901")
    assert_refused(build(small_magazine, out), out, good_build,
                   names=(ISSUE, "number = 901", "issues/147/"), fix="set number = 147")


def test_the_same_manuscript_listed_twice_through_a_hard_link_is_refused(small_magazine, out, good_build):
    import os

    other = small_magazine / ARTICLE.replace("03-participatory-budget", "05-apricot-brand")
    other.unlink()
    os.link(small_magazine / ARTICLE, other)
    line = assert_refused(build(small_magazine, out), out, good_build, names=(ISSUE, "05-apricot-brand.docx"),
                          fix="each manuscript file belongs to one article")
    assert "hard link" in line


@pytest.mark.parametrize("kind", ["folder", "FIFO"])
def test_a_manuscript_path_that_is_a_folder_or_a_fifo_says_what_it_is(small_magazine, out, good_build, kind):
    import os

    path = small_magazine / ARTICLE
    path.unlink()
    path.mkdir() if kind == "folder" else os.mkfifo(path)
    assert_refused(build(small_magazine, out), out, good_build,
                   names=(ISSUE, f"03-participatory-budget.docx is a {kind}, not a Word file"),
                   fix="name the .docx file itself")


@pytest.mark.parametrize("stop", ["SIGTERM", "SIGHUP"])
def test_a_ci_cancel_or_a_closed_terminal_during_a_build_changes_no_file(small_magazine, out, good_build, stop):
    import signal
    import subprocess
    import sys

    from tests.conftest import REPO
    from tests.hostile.test_hostile_input import assert_nothing_lost, wait_until_building

    child = subprocess.Popen([sys.executable, "-m", "munpress", "build", "147", "--lang", "ky", "--root",
                              str(small_magazine), "--out", str(out)],
                             cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_until_building(child)
    assert child.poll() is None, "the build ended before it could be stopped"
    child.send_signal(getattr(signal, stop))
    stdout, stderr = child.communicate(timeout=60)
    assert (child.returncode, stderr.strip()) == (130, "interrupted; no file was changed"), stderr
    assert not [p.name for p in out.iterdir() if p.name.endswith(".part")]
    assert_nothing_lost(out, good_build)


def test_the_parts_a_killed_build_left_are_cleared_by_the_next_one_and_a_running_ones_kept(tmp_path):
    import os
    import subprocess
    import sys
    import time

    from munpress.output import write_pdfs

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # its process id is free now: a build killed with SIGKILL
    target = tmp_path / "municipalitet-147-ky-print.pdf"
    killed = tmp_path / f".{target.name}.{gone.pid}.abc123.part"
    unnamed = tmp_path / f".{target.name}.xyz987.part"  # written before parts carried a process id
    running = tmp_path / f".{target.name}.{os.getpid()}.def456.part"  # a build running beside this one
    for part in (killed, unnamed, running):
        part.write_bytes(b"half a PDF")
    hours_ago = time.time() - 7200
    os.utime(unnamed, (hours_ago, hours_ago))
    write_pdfs({target: b"%PDF whole"})
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([target.name, running.name])
    assert target.read_bytes() == b"%PDF whole"
