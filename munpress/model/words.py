"""The words of a manuscript, in the order they are read: what must reach the page.

A word is a run of letters and digits (`\\w+`), compared case-folded, so quotes, dashes,
spaces and capitals set by a style never count as a change of words. Soft hyphens are not
part of the word they sit in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from munpress.model.meta import SourceRef
from munpress.model.nodes import (
    Block,
    Document,
    Heading,
    ListItem,
    Note,
    Paragraph,
    Sidebar,
    Table,
    plain_text,
)

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.replace("\u00ad", "").casefold())


@dataclass(frozen=True, slots=True)
class SourcedWord:
    word: str
    source: SourceRef | None


def document_words(document: Document) -> list[SourcedWord]:
    """Every word of the manuscript, list labels included (they are printed)."""
    return [SourcedWord(word, source) for text, source in _texts(document.blocks, None) for word in words(text)]


def _texts(blocks: tuple[Block, ...], outer: SourceRef | None) -> Iterator[tuple[str, SourceRef | None]]:
    for block in blocks:
        source = getattr(block, "source", None) or outer
        if isinstance(block, ListItem):
            yield block.label, source
        if isinstance(block, (Paragraph, Heading, ListItem)):
            yield plain_text(block.inlines), source
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    yield from _texts(cell.blocks, source)
        elif isinstance(block, (Sidebar, Note)):
            yield from _texts(block.blocks, source)
