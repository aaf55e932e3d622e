"""The document model: what a manuscript says, independent of Word and of ReportLab.

Readers build these nodes, typography rewrites them, layout draws them. Everything is a
frozen dataclass of the standard library, so a node can be compared, hashed and dumped.

Inline formatting is flat, as Word keeps it: a `Text` carries the set of its marks, and
adjacent texts with the same marks are merged by the reader. Lists are flat too: each
`ListItem` carries its nesting level and the label Word would print ("1.", "а)", "•").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from munpress.model.meta import SourceRef

# Run formatting a manuscript may carry; layout decides how each looks.
MARKS = frozenset(
    {"bold", "italic", "underline", "strike", "superscript", "subscript", "smallcaps", "allcaps"}
)


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    marks: frozenset[str] = frozenset()
    link: str | None = None


@dataclass(frozen=True, slots=True)
class LineBreak:
    """A manual line break (Shift+Enter in Word)."""


@dataclass(frozen=True, slots=True)
class ImageData:
    """The bytes of a picture and its size as placed in the manuscript (EMU → points)."""

    name: str
    content_type: str
    data: bytes = field(repr=False)
    width_pt: float | None = None
    height_pt: float | None = None
    description: str = ""


@dataclass(frozen=True, slots=True)
class InlineImage:
    image: ImageData


@dataclass(frozen=True, slots=True)
class NoteRef:
    """A footnote or endnote reference; the note's text is in `Note` blocks of the article."""

    number: int
    kind: str = "footnote"


Inline = Union[Text, LineBreak, InlineImage, NoteRef]

# Paragraph roles, from the Word style of the paragraph (see readers/docx/stylemap).
# "pullquote" (Word's Intense Quote) is a sentence of the article repeated large; it is
# also copied into `Entry.pull_quotes` by assemble.py.
PARAGRAPH_ROLES = frozenset({"body", "title", "subtitle", "quote", "pullquote", "caption", "signature"})


@dataclass(frozen=True, slots=True)
class Paragraph:
    inlines: tuple[Inline, ...]
    role: str = "body"
    source: SourceRef | None = None


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    inlines: tuple[Inline, ...]
    source: SourceRef | None = None


@dataclass(frozen=True, slots=True)
class ListItem:
    """One paragraph of a Word list; `label` is what Word shows before it."""

    level: int
    label: str
    ordered: bool
    inlines: tuple[Inline, ...]
    source: SourceRef | None = None


@dataclass(frozen=True, slots=True)
class TableCell:
    blocks: tuple["Block", ...]
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True, slots=True)
class TableRow:
    cells: tuple[TableCell, ...]
    header: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    rows: tuple[TableRow, ...]
    source: SourceRef | None = None


@dataclass(frozen=True, slots=True)
class Sidebar:
    """Text that sat in a text box or shape: printed as a boxed block after its anchor."""

    blocks: tuple["Block", ...]
    source: SourceRef | None = None


@dataclass(frozen=True, slots=True)
class Note:
    """The text of a footnote or endnote, numbered per article."""

    number: int
    blocks: tuple["Block", ...]
    kind: str = "footnote"
    source: SourceRef | None = None


@dataclass(frozen=True, slots=True)
class PageBreak:
    """A hard page break the author typed; layout treats it as a column break."""


Block = Union[Paragraph, Heading, ListItem, Table, Sidebar, Note, PageBreak]


@dataclass(frozen=True, slots=True)
class Document:
    """What a reader returns: one manuscript, as blocks, before the issue is assembled."""

    blocks: tuple[Block, ...]
    source: str
    lang: str | None = None
    review_marks: "ReviewMarks" = field(default_factory=lambda: ReviewMarks())
    sha256: str = ""  # of the file's bytes as read: what a proof names the manuscript by


@dataclass(frozen=True, slots=True)
class ReviewMarks:
    """Unresolved review marks found in a manuscript (the reader accepts changes)."""

    insertions: int = 0
    deletions: int = 0
    moves: int = 0
    comments: int = 0
    change_places: tuple[SourceRef, ...] = ()  # the first few, in reading order
    comment_places: tuple[SourceRef, ...] = ()

    @property
    def tracked_changes(self) -> int:
        return self.insertions + self.deletions + self.moves


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """The text of inlines as a reader sees it: breaks become spaces, pictures vanish."""
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, LineBreak):
            parts.append(" ")
    return "".join(parts)


def block_text(block: Block) -> str:
    """All text of a block, its nested blocks included, in reading order."""
    if isinstance(block, (Paragraph, Heading, ListItem)):
        return plain_text(block.inlines)
    if isinstance(block, Table):
        return " ".join(block_text(b) for row in block.rows for cell in row.cells for b in cell.blocks)
    if isinstance(block, (Sidebar, Note)):
        return " ".join(block_text(b) for b in block.blocks)
    return ""


def has_pictures(block: Block) -> bool:
    """Whether a block holds a picture anywhere, its nested blocks included."""
    if isinstance(block, (Paragraph, Heading, ListItem)):
        return any(isinstance(node, InlineImage) for node in block.inlines)
    if isinstance(block, Table):
        return any(has_pictures(b) for row in block.rows for cell in row.cells for b in cell.blocks)
    if isinstance(block, (Sidebar, Note)):
        return any(has_pictures(b) for b in block.blocks)
    return False
