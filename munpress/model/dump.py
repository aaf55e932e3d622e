"""A deterministic, line-oriented text form of a Document, for golden files and test failures.

One line per block, nested blocks indented by two spaces:

    Document source=a.docx lang=ru
    Heading level=1: Жаңы [i]жыл[/i]
    ListItem level=0 label="1." ordered: First{nbsp}item{footnote 1}
    Table
      Row header
        Cell colspan=2
          Paragraph role=body: …

Marks show as [b]…[/b] (b i u s sup sub sc caps), links as [link=URL]…[/link]; invisible
characters are made visible: {nbsp} {shy} {nbhy} {tab} {br}, other controls as {U+XXXX}.
"""

from __future__ import annotations

from munpress.model.nodes import (
    Block,
    Document,
    Heading,
    Inline,
    InlineImage,
    LineBreak,
    ListItem,
    Note,
    NoteRef,
    PageBreak,
    Paragraph,
    Sidebar,
    Table,
    Text,
)

MARK_TAGS = (
    ("bold", "b"), ("italic", "i"), ("underline", "u"), ("strike", "s"), ("superscript", "sup"),
    ("subscript", "sub"), ("smallcaps", "sc"), ("allcaps", "caps"),
)
VISIBLE = {
    "\u00a0": "{nbsp}", "\u00ad": "{shy}", "\u2011": "{nbhy}", "\t": "{tab}", "\u202f": "{nnbsp}",
    "\u2009": "{thinsp}", "\u200b": "{zwsp}", "\u2060": "{wj}", "\n": "{lf}", "\r": "{cr}",
}
INDENT = "  "


def dump_document(doc: Document) -> str:
    header = f"Document source={doc.source}"
    if doc.lang:
        header += f" lang={doc.lang}"
    lines = [header]
    marks = doc.review_marks
    if marks.tracked_changes or marks.comments:
        lines.append(
            f"Review insertions={marks.insertions} deletions={marks.deletions} "
            f"moves={marks.moves} comments={marks.comments}"
        )
    for block in doc.blocks:
        lines.extend(dump_block(block, 0))
    return "\n".join(lines) + "\n"


def dump_block(block: Block, depth: int) -> list[str]:
    pad = INDENT * depth
    if isinstance(block, Paragraph):
        return [f"{pad}Paragraph role={block.role}: {dump_inlines(block.inlines)}"]
    if isinstance(block, Heading):
        return [f"{pad}Heading level={block.level}: {dump_inlines(block.inlines)}"]
    if isinstance(block, ListItem):
        kind = "ordered" if block.ordered else "unordered"
        label = visible(block.label)
        return [f'{pad}ListItem level={block.level} label="{label}" {kind}: {dump_inlines(block.inlines)}']
    if isinstance(block, Table):
        return [f"{pad}Table", *dump_rows(block, depth + 1)]
    if isinstance(block, Sidebar):
        return [f"{pad}Sidebar", *nested(block.blocks, depth + 1)]
    if isinstance(block, Note):
        return [f"{pad}Note {block.kind} {block.number}", *nested(block.blocks, depth + 1)]
    if isinstance(block, PageBreak):
        return [f"{pad}PageBreak"]
    return [f"{pad}{type(block).__name__}"]


def nested(blocks: tuple[Block, ...], depth: int) -> list[str]:
    return [line for block in blocks for line in dump_block(block, depth)]


def dump_rows(table: Table, depth: int) -> list[str]:
    lines: list[str] = []
    pad = INDENT * depth
    for row in table.rows:
        lines.append(f"{pad}Row header" if row.header else f"{pad}Row")
        for cell in row.cells:
            spans = ""
            if cell.colspan != 1:
                spans += f" colspan={cell.colspan}"
            if cell.rowspan != 1:
                spans += f" rowspan={cell.rowspan}"
            lines.append(f"{pad}{INDENT}Cell{spans}")
            lines.extend(nested(cell.blocks, depth + 2))
    return lines


def dump_inlines(inlines: tuple[Inline, ...]) -> str:
    return "".join(dump_inline(node) for node in inlines)


def dump_inline(node: Inline) -> str:
    if isinstance(node, Text):
        text = visible(node.text)
        for mark, short in reversed(MARK_TAGS):
            if mark in node.marks:
                text = f"[{short}]{text}[/{short}]"
        if node.link is not None:
            text = f"[link={node.link}]{text}[/link]"
        return text
    if isinstance(node, LineBreak):
        return "{br}"
    if isinstance(node, NoteRef):
        return f"{{{node.kind} {node.number}}}"
    if isinstance(node, InlineImage):
        image = node.image
        size = f" {image.width_pt:g}x{image.height_pt:g}pt" if image.width_pt and image.height_pt else ""
        return f"{{image {image.name} {image.content_type}{size}}}"
    return f"{{{type(node).__name__}}}"


def visible(text: str) -> str:
    parts: list[str] = []
    for character in text:
        if character in VISIBLE:
            parts.append(VISIBLE[character])
        elif ord(character) < 0x20 or 0x7F <= ord(character) < 0xA0:
            parts.append(f"{{U+{ord(character):04X}}}")
        else:
            parts.append(character)
    return "".join(parts)
