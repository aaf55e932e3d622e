"""Every munpress command written in the README and docs/ exists, with the options it is shown with."""

from __future__ import annotations

import re
import shlex

import pytest
import typer

from munpress.cli import app
from tests.conftest import REPO

DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
CODE_SPAN = re.compile(r"`([^`\n]+)`")
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M)
PROSE = {"inside"}  # "run munpress inside a magazine folder": a message quoted in the docs
COMMAND = re.compile(r"(?:^|\s|/)munpress((?:\s+-[-\w]+)*\s+[a-z]+\b[^#\n]*)")


def written_commands() -> list[tuple[str, str]]:
    found = []
    for doc in DOCS:
        text = doc.read_text("utf-8")
        pieces = CODE_SPAN.findall(FENCE.sub("", text))
        pieces += [line.split(" #")[0] for block in FENCE.findall(text) for line in block.splitlines()]
        for piece in pieces:
            for match in COMMAND.finditer(piece):
                found.append((doc.name, "munpress" + match.group(1).rstrip()))
    return sorted(set(found))


def options_of(command) -> set[str]:
    return {name for param in command.params for name in (*param.opts, *param.secondary_opts)}


CLI = typer.main.get_command(app)
WRITTEN = written_commands()


def test_the_docs_show_every_command():
    shown = {word for _, line in WRITTEN for word in line.split()[1:3]}
    assert set(CLI.commands) <= shown, set(CLI.commands) - shown


@pytest.mark.parametrize(("doc", "line"), WRITTEN, ids=[f"{doc}:{line}" for doc, line in WRITTEN])
def test_a_written_command_exists_with_its_options(doc, line):
    words = shlex.split(line.replace("[", " ").replace("]", " "))[1:]
    global_options = options_of(CLI)
    while words and words[0].startswith("-"):
        assert words.pop(0) in global_options, f"{doc}: {line}"
    assert words, f"{doc}: {line}"
    name = words[0]
    if name in PROSE:
        return
    assert name in CLI.commands, f"{doc}: {line}: there is no command {name!r}"
    known = options_of(CLI.commands[name]) | global_options
    for word in words[1:]:
        if word.startswith("-") and not word.startswith("--root=") and word != "-":
            assert word.split("=")[0] in known, f"{doc}: {line}: {word} is not an option of munpress {name}"
