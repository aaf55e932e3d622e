"""Typographic normalisation of a whole document, across the runs of each paragraph.

A paragraph's text is split into runs (`Text` with marks and links) and inline objects
(line breaks, pictures, note references). A quote may sit in one run and its word in the
next («<i>Муниципалитет</i>»), a dash between a bold and a plain run, a short word at the
end of a run. So the rules see the paragraph as one string:

1. the inlines are joined: a `Text` gives its text, a `LineBreak` a line feed, a picture
   or a note reference the placeholder U+FFFC; each character remembers its inline;
2. the language's rules run on the joined string (`rules.apply_rules_aligned`), which
   also returns, for each output character, the input character it came from: rules
   never touch letters, digits, line feeds or U+FFFC, so the two strings align anchor to
   anchor, and the few characters between anchors are matched by a minimal edit;
3. each output character goes back to the inline its source character belonged to; a
   character a rule inserted (the no-break space of «№5») joins the run before it.

Line breaks, pictures and note references stay exactly where they were. Should a rule ever
lose or move one, or change a word, the paragraph is kept as it was rather than risked.
Nested blocks (table cells, sidebars, notes) are normalised too; list labels are Word's and
are left alone.
"""

from __future__ import annotations

import dataclasses
from itertools import chain

from munpress.model.nodes import (
    Block,
    Document,
    Heading,
    Inline,
    LineBreak,
    ListItem,
    Note,
    Paragraph,
    Sidebar,
    Table,
    TableCell,
    Text,
)
from munpress.model.words import words
from munpress.typography.rules import (
    AlignmentError,
    apply_rules,
    apply_rules_aligned,
    check_language,
)

LINE_FEED = "\n"
OBJECT = "\ufffc"


def normalize_text(text: str, lang: str) -> str:
    """A plain string (a title from the manifest, say) with the language's rules applied."""
    return apply_rules(text, lang)


def normalize_document(document: Document, lang: str) -> Document:
    """The document with every paragraph, heading, list item and nested block normalised."""
    check_language(lang)
    return dataclasses.replace(document, blocks=normalize_blocks(document.blocks, lang))


def normalize_blocks(blocks: tuple[Block, ...], lang: str) -> tuple[Block, ...]:
    return tuple(normalize_block(block, lang) for block in blocks)


def normalize_block(block: Block, lang: str) -> Block:
    if isinstance(block, (Paragraph, Heading, ListItem)):
        inlines = normalize_inlines(block.inlines, lang)
        return block if inlines is block.inlines else dataclasses.replace(block, inlines=inlines)
    if isinstance(block, Table):
        rows = tuple(
            dataclasses.replace(row, cells=tuple(_normalize_cell(cell, lang) for cell in row.cells))
            for row in block.rows
        )
        return dataclasses.replace(block, rows=rows)
    if isinstance(block, (Sidebar, Note)):
        return dataclasses.replace(block, blocks=normalize_blocks(block.blocks, lang))
    return block


def _normalize_cell(cell: TableCell, lang: str) -> TableCell:
    return dataclasses.replace(cell, blocks=normalize_blocks(cell.blocks, lang))


def normalize_inlines(inlines: tuple[Inline, ...], lang: str) -> tuple[Inline, ...]:
    """The inlines of one paragraph, normalised as one text; the same tuple if unchanged."""
    if not any(isinstance(node, Text) for node in inlines):
        return inlines
    pieces: list[str] = []
    owner: list[int] = []  # for each character of the joined text, the index of its inline
    for index, node in enumerate(inlines):
        piece = node.text if isinstance(node, Text) else LINE_FEED if isinstance(node, LineBreak) else OBJECT
        pieces.append(piece)
        owner.extend([index] * len(piece))
    joined = "".join(pieces)
    try:
        result, origin = apply_rules_aligned(joined, lang)
    except AlignmentError:
        return inlines
    if result == joined:
        return inlines
    rebuilt = _rebuild(inlines, joined, owner, result, origin)
    if rebuilt is None or words(_joined(rebuilt)) != words(joined):
        return inlines
    return rebuilt


def _rebuild(inlines: tuple[Inline, ...], joined: str, owner: list[int], result: str,
             origin: list[int]) -> tuple[Inline, ...] | None:
    """Cut `result` into runs by the inline each character came from.

    An object (line break, picture, note reference) is emitted where its own placeholder
    went; None if one was lost, doubled or moved out of order. A mark a rule set where an
    object's placeholder was (a quote right after a line break) joins the text run being
    built, else takes the style of the nearest text run.
    """
    rebuilt: list[Inline] = []
    emitted: list[int] = []
    slot: int | None = None
    chars: list[str] = []

    def flush() -> None:
        if chars:
            node = inlines[slot]
            text = "".join(chars)
            rebuilt.append(node if text == node.text else dataclasses.replace(node, text=text))
            chars.clear()

    for j, char in enumerate(result):
        i = origin[j]
        source = owner[i]
        if not isinstance(inlines[source], Text):
            if char == joined[i] and source not in emitted:
                flush()
                slot = None
                rebuilt.append(inlines[source])
                emitted.append(source)
                continue
            source = slot if slot is not None else _nearest_text(inlines, source)
        if source != slot:
            flush()
            slot = source
        chars.append(char)
    flush()
    if emitted != [i for i, node in enumerate(inlines) if not isinstance(node, Text)]:
        return None
    return tuple(rebuilt)


def _nearest_text(inlines: tuple[Inline, ...], index: int) -> int:
    for k in chain(range(index + 1, len(inlines)), range(index - 1, -1, -1)):
        if isinstance(inlines[k], Text):
            return k
    raise ValueError("no text run")  # normalize_inlines checks there is one


def _joined(inlines: tuple[Inline, ...]) -> str:
    return "".join(node.text if isinstance(node, Text) else " " for node in inlines)
