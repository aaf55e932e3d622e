"""Footnotes and endnotes: the notes the text refers to, as `Note` blocks in reference order.

Each note is read from its own part (its pictures and links resolve there); its source
points at the paragraph that holds the reference, where an editor finds it in Word.
"""

from __future__ import annotations

from dataclasses import replace

from munpress.i18n import N_, _
from munpress.model.nodes import (
    Block,
    Heading,
    ListItem,
    Note,
    Paragraph,
    Text,
    block_text,
)
from munpress.readers.docx import ooxml
from munpress.readers.docx.blocks import BlockReader
from munpress.readers.docx.fields import FieldStack
from munpress.readers.docx.package import DocxPackage, PartTree

NOTE_ELEMENTS = {"footnote": "w:footnote", "endnote": "w:endnote"}
MISSING_NOTE = {
    "footnote": N_("{file}, paragraph {paragraph}: footnote {number} has no text in the document"),
    "endnote": N_("{file}, paragraph {paragraph}: endnote {number} has no text in the document"),
}


def note_elements(tree: PartTree | None, kind: str, prefix: str = "") -> dict[str, tuple[ooxml.Element, object]]:
    """The notes of one part by ID (prefixed for an embedded document), each with its part."""
    if tree is None:
        return {}
    found: dict[str, tuple[ooxml.Element, object]] = {}
    for element in ooxml.children(tree.root, NOTE_ELEMENTS[kind]):
        note_type = ooxml.attribute(element, "w:type")
        note_id = ooxml.attribute(element, "w:id")
        if note_id is not None and note_type in (None, "normal"):
            found.setdefault(prefix + note_id, (element, tree.part))
    return found


def read_notes(package: DocxPackage, reader: BlockReader) -> list[Note]:
    """Every referenced note, footnotes first, each kind in its own numbering order; the notes
    of embedded documents (altChunk) are numbered with the text they sit in."""
    context = reader.context
    packages = {"": package, **context.chunks}
    elements: dict[str, dict[str, tuple[ooxml.Element, object]]] = {"footnote": {}, "endnote": {}}
    for prefix, source in packages.items():
        elements["footnote"].update(note_elements(source.footnotes, "footnote", prefix))
        elements["endnote"].update(note_elements(source.endnotes, "endnote", prefix))
    notes: dict[tuple[str, str], Note] = {}
    saved_part = context.part
    while len(notes) < len(context.notes.numbers):  # notes may refer to further notes
        for key in list(context.notes.numbers):
            if key not in notes:
                notes[key] = read_note(key, elements, reader)
    context.part, context.fixed_paragraph, context.note_prefix = saved_part, None, ""
    order = sorted(notes, key=lambda key: (key[0] != "footnote", context.notes.numbers[key]))
    return [notes[key] for key in order]


def read_note(
    key: tuple[str, str], elements: dict[str, dict[str, tuple[ooxml.Element, object]]], reader: BlockReader,
) -> Note:
    kind, note_id = key
    context = reader.context
    number = context.notes.numbers[key]
    anchor = context.notes.anchors[key]
    found = elements[kind].get(note_id)
    blocks: list[Block] = []
    if found is not None:
        element, context.part = found  # type: ignore[assignment]
        context.fixed_paragraph = anchor
        context.fields = FieldStack()
        # A note of an embedded document refers to further notes by that document's IDs.
        context.note_prefix = note_id[: note_id.index(":") + 1] if ":" in note_id else ""
        blocks = strip_leading_space(reader.read_container(element))
    else:
        context.warn_once(
            f"note:{kind}:{note_id}", "docx.missing-note",
            _(MISSING_NOTE[kind], file=context.file_name, paragraph=anchor, number=number),
        )
    text = " ".join(block_text(block) for block in blocks)
    return Note(number, tuple(blocks), kind, context.source(text, anchor))


def strip_leading_space(blocks: list[Block]) -> list[Block]:
    """Word puts a space between the note's own number and its text; the layout sets its own."""
    if not blocks or not isinstance(blocks[0], (Paragraph, Heading, ListItem)):
        return blocks
    first = blocks[0]
    inlines = list(first.inlines)
    if inlines and isinstance(inlines[0], Text):
        stripped = inlines[0].text.lstrip()
        inlines[0:1] = [replace(inlines[0], text=stripped)] if stripped else []
    return [replace(first, inlines=tuple(inlines)), *blocks[1:]]
