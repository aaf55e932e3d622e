"""The registry of codes (munpress/codes.py) against the code that emits them, the generated
docs/codes.md, and `munpress explain`.

The source is read, not run: every place a code is given (sink.error/warning/info, a
ReadContext's warn_once, Diagnostic, code= of MunpressError/InputError/LayoutFailure,
TomlFile.fail, a `code` parameter's default) is found with ast; a code built from pieces
(f"preflight.pdfx-{rule}") must be enumerated here, from its own source, or the test fails.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import string
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from munpress.codes import REGISTRY, SEVERITIES, nearest
from tests.conftest import REPO, run_munpress

PACKAGE = REPO / "munpress"
CODE = re.compile(r"[a-z][a-z0-9]*\.[a-z0-9][a-z0-9-]*")
KINDS = ("error", "warning", "info")
RAISES = {"MunpressError": 2, "InputError": 2, "LayoutFailure": 1}
MESSAGE_FUNCTIONS = ("_", "_n", "N_")  # their keywords are places of a message: code= there is no code


def pdfx_rules() -> set[str]:
    """The rules of checks/pdfx.py: each problem is a (rule, message) pair, or _finding(rule, …)."""
    rules = set()
    for node in ast.walk(ast.parse((PACKAGE / "checks" / "pdfx.py").read_text("utf-8"))):
        if isinstance(node, ast.Tuple) and len(node.elts) == 2 and _text(node.elts[0]) is not None \
                and re.fullmatch(r"[a-z][a-z-]*", _text(node.elts[0])):
            message = node.elts[1]
            if isinstance(message, ast.JoinedStr) or " " in (_text(message) or "") or (
                    isinstance(message, ast.Call) and _name(message.func) in MESSAGE_FUNCTIONS):
                rules.add(_text(node.elts[0]))
        if isinstance(node, ast.Call) and _name(node.func) == "_finding" and _text(node.args[0]) is not None:
            rules.add(_text(node.args[0]))
    return rules


# Codes built from pieces, as the source writes them, and the pieces' real values.
BUILT = {"f'preflight.pdfx-{rule}'": lambda: {f"preflight.pdfx-{rule}" for rule in pdfx_rules()}}


@dataclass
class Found:
    kinds: dict[str, set[str]] = field(default_factory=dict)  # code -> error/warning/info/raise1/raise2/...
    places: dict[str, list[str]] = field(default_factory=dict)  # code -> where it is given
    compared: dict[str, list[str]] = field(default_factory=dict)  # codes compared with a .code
    unknown: list[str] = field(default_factory=list)  # a code given in a way this test cannot enumerate

    def add(self, code: str, kind: str, where: str) -> None:
        self.kinds.setdefault(code, set()).add(kind)
        self.places.setdefault(code, []).append(where)


def _name(node: ast.AST) -> str | None:
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None


def _text(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _severities(node: ast.AST) -> set[str]:
    if isinstance(node, ast.IfExp):
        return _severities(node.body) | _severities(node.orelse)
    name = _name(node)
    return {name.lower()} if isinstance(node, ast.Attribute) and name and name.lower() in KINDS else set()


def _given(found: Found, node: ast.AST, kinds: set[str], where: str) -> None:
    """A code given in `node`: a literal, a code built from pieces, or one passed on (`code`,
    `finding.code`, `self.duplicate_code`), which is given somewhere else."""
    if isinstance(node, ast.IfExp):
        _given(found, node.body, kinds, where)
        _given(found, node.orelse, kinds, where)
    elif _text(node) is not None:
        for kind in kinds or {"used"}:
            found.add(node.value, kind, where)
    elif ast.unparse(node) in BUILT:
        for code in BUILT[ast.unparse(node)]():
            for kind in kinds or {"used"}:
                found.add(code, kind, where)
    elif not (isinstance(node, (ast.Name, ast.Attribute)) and (_name(node) or "").endswith("code")):
        found.unknown.append(f"{where}: {ast.unparse(node)}")


@cache
def scanned() -> Found:
    found = Found()
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == PACKAGE / "codes.py":  # the registry names every code: not a use
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            where = f"{path.relative_to(REPO)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Call):
                _call(found, node, where)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                arguments = node.args.args + node.args.kwonlyargs
                defaults = [None] * (len(node.args.args) - len(node.args.defaults)) + node.args.defaults \
                    + node.args.kw_defaults
                for argument, default in zip(arguments, defaults):
                    if argument.arg == "code" and default is not None and _text(default) is not None:
                        found.add(default.value, "raise2", where)  # MunpressError's own default
            elif isinstance(node, ast.Compare):
                sides = [node.left, *node.comparators]
                if any(_name(side) == "code" and isinstance(side, ast.Attribute) for side in sides):
                    for side in sides:
                        for item in side.elts if isinstance(side, (ast.Tuple, ast.List, ast.Set)) else [side]:
                            if _text(item) is not None:
                                found.compared.setdefault(item.value, []).append(where)
    return found


def _call(found: Found, node: ast.Call, where: str) -> None:
    name = _name(node.func)
    keywords = {keyword.arg: keyword.value for keyword in node.keywords}
    if name == "Diagnostic":
        kinds = _severities(node.args[0]) if node.args else set()
        if len(node.args) > 1:
            _given(found, node.args[1], kinds, where)
        elif "code" in keywords:
            _given(found, keywords["code"], kinds, where)
        return
    if isinstance(node.func, ast.Attribute) and name in KINDS and len(node.args) >= 2:
        _given(found, node.args[0], {name}, where)  # sink.error(code, message), context.error(…)
    elif name == "warn_once" and len(node.args) >= 2:
        _given(found, node.args[1], {"warning"}, where)
    elif name == "fail" and len(node.args) >= 2:
        _given(found, node.args[1], {"raise2"}, where)  # TomlFile.fail raises an InputError
    if "code" in keywords and name not in MESSAGE_FUNCTIONS:
        kind = f"raise{RAISES[name]}" if name in RAISES else "used"
        _given(found, keywords["code"], {kind}, where)
    if "duplicate_code" in keywords:
        _given(found, keywords["duplicate_code"], {"raise2"}, where)


def stops_the_build() -> tuple[str, ...]:
    from munpress.pipeline import STOPS_THE_BUILD

    return STOPS_THE_BUILD


# --- (a) the registry and the source -----------------------------------------------------------


def test_the_scan_finds_the_codes_it_should():
    found = scanned().kinds
    assert len(found) > 80
    assert {"toc.page-mismatch", "manifest.unknown-key", "docx.tracked-changes", "layout.title-too-long",
            "preflight.pdfx-rgb", "input.unusable", "usage.code"} <= set(found)
    assert found["toc.page-mismatch"] == {"error"}
    assert found["layout.title-too-long"] == {"raise1"}
    assert found["manifest.unknown-key"] == {"raise2"}


def test_every_code_the_source_gives_has_an_entry():
    missing = {code: places[:2] for code, places in scanned().places.items() if code not in REGISTRY}
    assert not missing, f"add these codes to munpress/codes.py (then run python tools/codes_table.py): {missing}"


def test_every_entry_is_a_code_the_source_gives():
    unused = sorted(set(REGISTRY) - set(scanned().places))
    assert not unused, f"munpress/codes.py has codes nothing gives any more: {unused}"


def test_every_code_is_given_in_a_way_the_registry_can_follow():
    assert not scanned().unknown, ("a code built at run time: give it as a literal, or enumerate its values "
                                   f"in BUILT of tests/test_codes.py: {scanned().unknown}")


def test_the_codes_the_source_compares_with_are_registered():
    compared = {code: places for code, places in scanned().compared.items() if CODE.fullmatch(code)}
    assert compared
    wrong = {code: places for code, places in compared.items() if code not in REGISTRY}
    assert not wrong, wrong
    assert set(stops_the_build()) <= set(REGISTRY)


def test_the_pdfx_rules_are_all_found():
    assert pdfx_rules() >= {"unreadable", "output-intent", "rgb", "fonts", "transparency", "version"}


def test_each_entrys_severity_agrees_with_the_source():
    wrong = []
    stops_build = set(stops_the_build())
    for code, entry in REGISTRY.items():
        given = scanned().kinds.get(code, set())
        findings = given & set(KINDS)
        raised = {int(kind[-1]) for kind in given if kind.startswith("raise")}
        said = {kind for kind in KINDS if re.search(rf"\b{kind}\b", entry.severity)}
        stops, build_only = "stop" in entry.severity, "build" in entry.severity
        problems = []
        if not findings <= said:
            problems.append(f"the source reports it as {sorted(findings)}")
        if not said <= findings | ({"error"} if 1 in raised else set()):  # a LayoutFailure is check's error
            problems.append(f"the source never reports it as {sorted(said - findings)}")
        if raised and not (stops and not build_only and {entry.exit_code} == raised):
            problems.append(f"the source raises it with exit code {sorted(raised)}")
        if stops and not build_only and not raised:
            problems.append("the source never raises it")
        if build_only != (code in stops_build) or (build_only and entry.exit_code != 1):
            problems.append("pipeline.STOPS_THE_BUILD and the entry disagree")
        if (entry.exit_code is None) == stops:
            problems.append("an exit code goes with a code that stops a command, and only there")
        if problems:
            wrong.append(f"{code} ({entry.severity}): {'; '.join(problems)}")
    assert not wrong, wrong


# --- the entries ---------------------------------------------------------------------------------------


def places(text: str) -> set[str]:
    return {name for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name is not None}


def test_the_entries_texts_are_marked_for_translation():
    marked = {message for _line, message, *_rest in extract_from_file(
        "python", str(PACKAGE / "codes.py"), keywords={"_": None, "_n": (1, 2), "N_": None})}
    texts = {text for entry in REGISTRY.values() for text in (entry.meaning, entry.fix)} | set(SEVERITIES.values())
    assert texts <= marked, sorted(texts - marked)[:5]


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_an_entry_is_one_sentence_for_each_with_its_places_filled(code):
    entry = REGISTRY[code]
    assert entry.code == code and CODE.fullmatch(code)
    assert entry.severity in SEVERITIES
    assert entry.exit_code in (None, 1, 2)
    for text in (entry.meaning, entry.fix):
        assert text[:1].isupper() or text.startswith(("munpress", "{")), text
        assert text.endswith(".") and ". " not in text.rstrip("."), f"one sentence: {text}"
        assert places(text) <= set(entry.values), (text, places(text) - set(entry.values))
        assert "\n" not in text and "|" not in text
    assert places(SEVERITIES[entry.severity]) <= {"exit", "build", "check"}
    entry.severity_text(str), entry.meaning_text(str), entry.fix_text(str)  # no place left unfilled


def test_nearest_suggests_the_code_meant():
    assert nearest("toc.page-mismach") == "toc.page-mismatch"
    assert nearest("manifest.unknown") == "manifest.unknown-key"
    assert nearest("  TOC.PAGE ") == "toc.page-mismatch"
    assert nearest("zzz") in REGISTRY


# --- (b) docs/codes.md ------------------------------------------------------------------------------


def codes_table():
    spec = importlib.util.spec_from_file_location("codes_table", REPO / "tools" / "codes_table.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_codes_md_is_what_tools_codes_table_writes():
    written = (REPO / "docs" / "codes.md").read_text("utf-8")
    assert written == codes_table().table(), "docs/codes.md is out of date: run python tools/codes_table.py"


def test_docs_codes_md_has_a_row_for_every_code_and_says_it_is_generated():
    text = (REPO / "docs" / "codes.md").read_text("utf-8")
    assert "tools/codes_table.py" in text.split("|")[0] and "Generated" in text.split("|")[0]
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == sorted(REGISTRY)


def test_the_editors_and_ci_docs_link_the_table():
    for doc in ("ci.md", "editor.md"):
        assert "(codes.md)" in (REPO / "docs" / doc).read_text("utf-8"), doc


# --- (c) munpress explain ---------------------------------------------------------------------------


def test_explain_prints_the_entry():
    result = run_munpress("explain", "toc.page-mismatch")
    assert result.returncode == 0, result.stderr
    entry = REGISTRY["toc.page-mismatch"]
    lines = result.stdout.splitlines()
    assert lines[0] == "toc.page-mismatch"
    assert "error" in lines[1]
    assert entry.meaning_text(str) in result.stdout and entry.fix_text(str) in result.stdout
    assert "issue.toml" in result.stdout and "{" not in result.stdout


def _catalog_text(lang: str, message: str) -> str | None:
    po = PACKAGE / "messages" / lang / "LC_MESSAGES" / "munpress.po"
    if not po.is_file():
        return None
    with po.open("rb") as handle:
        found = read_po(handle, locale=lang).get(message)
    return found.string if found is not None and found.string and not found.fuzzy else None


def test_explain_speaks_the_chosen_language():
    entry = REGISTRY["toc.page-mismatch"]
    meaning, fix = _catalog_text("ru", entry.meaning), _catalog_text("ru", entry.fix)
    if meaning is None or fix is None:
        pytest.skip("the ru catalog does not hold the codes' texts yet (merge i18n-work/codes.json)")
    result = run_munpress("explain", "toc.page-mismatch", env={"LANGUAGE": "ru"})
    assert result.returncode == 0, result.stderr
    assert meaning.format(**entry.values) in result.stdout
    assert fix.format(**entry.values) in result.stdout
    assert "toc.page-mismatch" in result.stdout


def test_an_unknown_code_exits_2_suggesting_the_nearest():
    result = run_munpress("explain", "toc.page-mismach")
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "toc.page-mismatch" in result.stderr and "Traceback" not in result.stderr
