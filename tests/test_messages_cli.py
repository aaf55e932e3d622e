"""The editors' usual mistakes, through the real CLI, in Kyrgyz and Russian: every line munpress
says is in the chosen language, with codes, keys, paths and TOML left as written."""

from __future__ import annotations

import re
import shutil

import pytest

from tests.conftest import REPO, check_findings, run_munpress

ISSUE = "issues/147/issue.toml"
# What stays as written in any language: codes, key paths, files, TOML, commands, flags, units.
VERBATIM = [
    r"\b[a-z]+(?:\.[a-z0-9-]+)+\b",                    # finding codes, file names, key paths
    r"[\w./-]*\.(?:toml|docx|pdf|icc|png)\b",           # files
    r"\b[\w.\[\]\"]+\s*=\s*(?:\{[^}]*\}|\"[^\"]*\"|[\w.-]+)",  # TOML: page = { ky = 6 }, key = "…"
    r"munpress(?: [\w-]+)*",                            # commands to type
    r"--[\w-]+(?: [\w-]+)?",                            # flags
    r"\b(?:ky|ru|en|PDF(?:/X-\w+)?|TOML|ISSN|CMYK|RGB|ICC|UTF-8|YYYY-MM-DD|Word|LibreOffice|Ctrl-C|MB|KB|pt|mm|dpi)\b",
    r"'[^']*'|\"[^\"]*\"|«[^»]*»",                      # quoted values: what the editor typed
    r"\b[a-z_]+(?:, [a-z_]+){2,}",                      # a list of keys allowed
    r"\(\s*[^()]*\b(?:keys allowed|allowed)\b",          # never: kept English would show here
]
ENGLISH = re.compile(r"\b[A-Za-z]{3,}\b(?:[ ,;:]+\b[A-Za-z]{2,}\b){2,}")  # three English words in a row


def english_left(text: str) -> list[str]:
    lines = []
    for line in text.splitlines():
        stripped = line
        for pattern in VERBATIM[:-1]:
            stripped = re.sub(pattern, " ", stripped)
        if ENGLISH.search(stripped):
            lines.append(line)
    return lines


def test_the_detector_finds_english_and_leaves_codes_paths_and_toml():
    assert english_left("error: the file cannot be read")
    assert not english_left("ката: issues/147/issue.toml:9:1: print_run: бүтүн сан күтүлгөн (page = { ky = 6, ru = 5 })")
    assert not english_left("  ката    toc.page-mismatch: 5-бетке пландалган → munpress toc 147 --write")


@pytest.fixture()
def broken(magazine_copy):
    """An issue with the usual mistakes: a manifest key misspelt, a value of the wrong type."""
    path = magazine_copy / ISSUE
    text = path.read_text("utf-8").replace("print_run = 1000 ", 'print_run = "1000"')
    path.write_text(text.replace("manuscript = ", "manuscrpt = ", 1), "utf-8")
    return magazine_copy


@pytest.fixture()
def moved(magazine_copy):
    """An issue whose first article starts a page before the plan, with a tracked change."""
    path = magazine_copy / ISSUE
    path.write_text(path.read_text("utf-8").replace("\n  page = 4\n", "\n  page = 5\n"), "utf-8")
    return magazine_copy


def _said(result) -> str:
    return result.stdout + result.stderr


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_manifest_mistakes_are_said_in_the_editors_language(broken, lang):
    result = run_munpress("check", "147", "--root", str(broken), env={"LANGUAGE": lang})
    assert result.returncode == 2 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 3, result.stderr  # two problems and the count
    assert "print_run" in result.stderr and "sections[0].articles[0].manuscrpt" in result.stderr  # keys as written
    assert f"{ISSUE}:" in result.stderr
    assert not english_left(result.stderr), english_left(result.stderr)
    english = run_munpress("check", "147", "--root", str(broken), env={"LANGUAGE": "en"})
    assert english.stderr != result.stderr


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_check_findings_and_summary_are_said_in_the_editors_language(moved, lang):
    result = run_munpress("check", "147", "--lang", "ky", "--root", str(moved), env={"LANGUAGE": lang})
    assert result.returncode == 1
    assert "toc.page-mismatch" in result.stdout  # the code is never translated
    assert "page = { ky = 4, ru = 5 }" in result.stdout  # nor the TOML to copy
    assert not english_left(_said(result)), english_left(_said(result))
    term = {"ky": "макала", "ru": "стат"}[lang]
    assert term in result.stdout.splitlines()[-1].lower()  # "… 17 макалада" / "… в 17 статьях"


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_json_messages_follow_the_language_and_codes_keys_and_places_do_not(broken, lang):
    english = check_findings(run_munpress("check", "147", "--json", "--root", str(broken)).stdout)
    translated = check_findings(run_munpress("check", "147", "--json", "--root", str(broken),
                                             env={"LANGUAGE": lang}).stdout)
    same = ("code", "key", "file", "line", "column", "severity")
    assert [{k: f.get(k) for k in same} for f in english] == [{k: f.get(k) for k in same} for f in translated]
    assert all(e["message"] != t["message"] for e, t in zip(english, translated))


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_the_magazine_can_set_the_language_of_its_editors(broken, lang):
    path = broken / "munpress.toml"
    path.write_text(path.read_text("utf-8") + f'\n[cli]\nmessages = "{lang}"\n', "utf-8")
    chosen = run_munpress("check", "147", "--root", str(broken), env={"LANGUAGE": None, "LANG": "en_US.UTF-8",
                                                                      "LC_ALL": None, "LC_MESSAGES": None})
    by_environment = run_munpress("check", "147", "--root", str(broken), env={"LANGUAGE": lang})
    english = run_munpress("check", "147", "--root", str(broken), env={"LANGUAGE": "en"})
    assert chosen.stderr == by_environment.stderr != english.stderr
    assert english.stderr.startswith("error: ")


def test_a_wrong_messages_setting_is_a_manifest_error(magazine_copy):
    path = magazine_copy / "munpress.toml"
    path.write_text(path.read_text("utf-8") + '\n[cli]\nmessages = "kg"\n', "utf-8")
    result = run_munpress("check", "147", "--root", str(magazine_copy))
    assert result.returncode == 2 and "cli.messages" in result.stderr and "en, ky, ru" in result.stderr


@pytest.mark.parametrize("lang", ["ky", "ru"])
@pytest.mark.parametrize("arguments", [
    ("build", "147", "--variant", "pdf"),
    ("check", "147", "--format", "xml"),
    ("check", "999"),
])
def test_usage_mistakes_are_said_in_the_editors_language(lang, arguments):
    result = run_munpress(*arguments, env={"LANGUAGE": lang})
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert not english_left(result.stderr), english_left(result.stderr)


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_a_missing_manuscript_with_a_typo_is_said_in_the_editors_language(magazine_copy, lang):
    path = magazine_copy / ISSUE
    path.write_text(path.read_text("utf-8").replace("ky/02-deputies-training.docx", "ky/02-deputies-trainig.docx"),
                    "utf-8")
    result = run_munpress("check", "147", "--root", str(magazine_copy), env={"LANGUAGE": lang})
    assert result.returncode == 2
    assert "02-deputies-training.docx" in result.stderr  # the file that is there, suggested
    assert not english_left(result.stderr), english_left(result.stderr)


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_a_date_written_day_first_is_said_in_the_editors_language(magazine_copy, lang):
    path = magazine_copy / ISSUE
    path.write_text(path.read_text("utf-8").replace("date = 2024-01-15", "date = 15.01.2024"), "utf-8")
    result = run_munpress("check", "147", "--root", str(magazine_copy), env={"LANGUAGE": lang})
    assert result.returncode == 2 and "2024-01-15" in result.stderr
    assert not english_left(result.stderr), english_left(result.stderr)


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_a_build_says_what_it_found_in_the_editors_language(moved, tmp_path, lang):
    result = run_munpress("build", "147", "--lang", "ky", "--variant", "screen", "--out", str(tmp_path),
                          "--root", str(moved), env={"LANGUAGE": lang})
    assert result.returncode == 0, result.stderr
    assert "munpress check 147" in result.stderr
    assert not english_left(result.stderr), english_left(result.stderr)


def test_new_issue_says_what_to_do_next_in_kyrgyz(magazine_copy):
    result = run_munpress("new", "148", "--root", str(magazine_copy), env={"LANGUAGE": "ky"})
    assert result.returncode == 0, result.stderr
    assert "munpress check 148" in result.stdout
    assert not english_left(result.stdout), english_left(result.stdout)
    shutil.rmtree(magazine_copy / "issues" / "148")


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_help_names_how_to_choose_the_language(lang):
    result = run_munpress("--help", env={"LANGUAGE": lang})
    assert result.returncode == 0 and "LANGUAGE=ky" in result.stdout and "[cli] messages" in result.stdout


@pytest.mark.parametrize(("lang", "command", "said", "options"), [
    ("ru", "check", ["Проверить номер перед передачей дизайнеру", "Предупреждения тоже проваливают проверку",
                     "То же, что --format json"], ["--strict", "--json", "--format", "--lang", "--root"]),
    ("ky", "build", ["басылыштарын PDF түрүндө терет", "Ушул макаланын беттерин гана жазат",
                     "Демейки: print жана screen"], ["--variant", "--article", "--pages", "--lang", "--open"]),
])
def test_help_is_in_the_chosen_language_with_the_options_as_written(lang, command, said, options):
    result = run_munpress(command, "--help", env={"LANGUAGE": lang, "COLUMNS": "200"})  # no phrase cut by a wrap
    assert result.returncode == 0, result.stderr
    for phrase in said:
        assert phrase in result.stdout, result.stdout
    for option in options:
        assert option in result.stdout, result.stdout
    assert "Example:" not in result.stdout and "repeatable" not in result.stdout


def test_the_repository_runs_english_by_default():
    assert "[cli]" not in (REPO / "munpress.toml").read_text("utf-8")
