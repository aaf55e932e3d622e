"""Word fields: keep what Word displays (the result), drop the instruction, keep link targets.

A complex field is `fldChar begin` · instruction runs · `fldChar separate` · result runs ·
`fldChar end`; fields nest and a result may span paragraphs (a TOC). Text is shown only
when every open field is in its result. An instruction still open at the end of a
paragraph is abandoned, so a field without its end cannot swallow the rest of a document.

The result of a TOC field is Word's own table of contents, with Word's page numbers: a
magazine prints its own contents, so that result is not shown (the reader counts it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CONTENTS = re.compile(r"^\s*TOC\b", re.IGNORECASE)
HYPERLINK = re.compile(r"^\s*HYPERLINK\b(?P<arguments>.*)$", re.IGNORECASE | re.DOTALL)
ARGUMENT = re.compile(r'\\(?P<switch>[a-zA-Z])|"(?P<quoted>[^"]*)"|(?P<bare>[^\s"\\]+)')
SWITCHES_WITH_ARGUMENT = frozenset("lmot")


def hyperlink_target(instruction: str) -> str | None:
    """The external URL of a HYPERLINK field instruction; None for anchors (\\l) and others."""
    match = HYPERLINK.match(instruction)
    if match is None:
        return None
    skip_next = False
    for token in ARGUMENT.finditer(match.group("arguments")):
        if token.group("switch"):
            skip_next = token.group("switch").lower() in SWITCHES_WITH_ARGUMENT
            continue
        if skip_next:
            skip_next = False
            continue
        target = token.group("quoted") if token.group("quoted") is not None else token.group("bare")
        return target.strip() or None
    return None


@dataclass
class Frame:
    instruction: list[str] = field(default_factory=list)
    in_result: bool = False
    link: str | None = None
    contents: bool = False


class FieldStack:
    """The complex fields open at the current point of the walk."""

    def __init__(self) -> None:
        self.frames: list[Frame] = []

    def begin(self) -> None:
        self.frames.append(Frame())

    def separate(self) -> None:
        if self.frames and not self.frames[-1].in_result:
            frame = self.frames[-1]
            frame.in_result = True
            instruction = "".join(frame.instruction)
            frame.link = hyperlink_target(instruction)
            frame.contents = CONTENTS.match(instruction) is not None

    def end(self) -> None:
        if self.frames:
            self.frames.pop()

    def add_instruction(self, text: str) -> None:
        if self.frames and not self.frames[-1].in_result:
            self.frames[-1].instruction.append(text)

    @property
    def showing(self) -> bool:
        return all(frame.in_result for frame in self.frames)

    @property
    def in_contents(self) -> bool:
        """Inside the result of a TOC field: Word's contents, not the manuscript's text."""
        return any(frame.contents for frame in self.frames)

    @property
    def link(self) -> str | None:
        for frame in reversed(self.frames):
            if frame.link is not None:
                return frame.link
        return None

    def close_paragraph(self) -> None:
        while self.frames and not self.frames[-1].in_result:
            self.frames.pop()
