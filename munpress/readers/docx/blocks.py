"""Body content in reading order: paragraphs (as paragraphs, headings or list items), tables,
text boxes (as sidebars after their anchor paragraph) and page breaks.

Two kinds of Word paragraph are not paragraphs of the text: one whose paragraph mark was
deleted (tracked), and a drop cap (w:framePr w:dropCap), a frame holding the first letters
of the next paragraph. Their text is held and joined to the start of the next paragraph.
"""

from __future__ import annotations

from munpress.i18n import _
from munpress.model.nodes import (
    Block,
    Heading,
    Inline,
    InlineImage,
    ListItem,
    NoteRef,
    PageBreak,
    Paragraph,
    Sidebar,
    Table,
    Text,
    block_text,
    plain_text,
)
from munpress.readers.docx import ooxml
from munpress.readers.docx.context import ReadContext
from munpress.readers.docx.inlines import InlineReader, ParagraphContent, merge_inlines
from munpress.readers.docx.lists import ListLabel
from munpress.readers.docx.stylemap import BODY_TEXT_OUTLINE_LEVEL, ParagraphStyleRole
from munpress.readers.docx.tables import read_table

W = ooxml.NAMESPACES["w"]
CONTAINERS = frozenset({"customXml", "sdtContent", "body", "txbxContent", "tc"})
DELETED_MARKS = frozenset({ooxml.tag("w:del"), ooxml.tag("w:moveFrom")})
REVISION_MARKS = {ooxml.tag("w:ins"): "insertions", ooxml.tag("w:del"): "deletions",
                  ooxml.tag("w:moveTo"): "moves"}
DROP_CAPS = frozenset({"drop", "margin"})
LABEL_SUFFIXES = {"tab": " ", "space": " ", "nothing": ""}


# A one-cell table with a heading, or more than this, is a frame around the article's text.
LAYOUT_TABLE_BLOCKS = 6
LAYOUT_TABLE_CHARACTERS = 1500


class BlockReader:
    """Turns a container of paragraphs and tables (body, cell, text box, note) into blocks."""

    def __init__(self, context: ReadContext) -> None:
        self.context = context
        self.held: list[Inline] = []  # text of a paragraph whose mark was deleted

    def read_container(self, container: ooxml.Element) -> list[Block]:
        blocks: list[Block] = []
        held, self.held = self.held, []
        for node in container:
            self.visit(node, blocks)
        if self.held:
            held_inlines = tuple(self.held)
            blocks.append(Paragraph(held_inlines, source=self.context.source(plain_text(held_inlines))))
        self.held = held
        return blocks

    def visit(self, node: ooxml.Element, blocks: list[Block]) -> None:
        name = ooxml.local_name(node)
        if ooxml.namespace(node) != W:
            if name == "AlternateContent":
                branch = ooxml.choose_alternate(node)
                if branch is not None:
                    for inner in branch:
                        self.visit(inner, blocks)
            return
        if name == "p":
            blocks.extend(self.read_paragraph(node))
        elif name == "tbl":
            table = read_table(node, self)
            if table is not None:
                blocks.extend(self.unwrapped(table))
        elif name == "sdt":
            content = ooxml.child(node, "w:sdtContent")
            if is_contents_control(node):
                self.context.contents_paragraphs += count_lines_with_text(content)
            elif content is not None:
                blocks.extend(self.read_container_keeping_held(content))
        elif name in CONTAINERS:
            blocks.extend(self.read_container_keeping_held(node))
        elif name == "altChunk":
            blocks.extend(self.read_alt_chunk(node))

    def unwrapped(self, table: Table) -> list[Block]:
        """A one-cell table that holds an article's text (a common Word habit for a frame) is
        read as that text: a column cannot hold a cell taller than itself, text can flow on."""
        cells = [cell for row in table.rows for cell in row.cells]
        if len(cells) != 1:
            return [table]
        blocks = cells[0].blocks
        if not (any(isinstance(block, Heading) for block in blocks) or len(blocks) > LAYOUT_TABLE_BLOCKS
                or sum(len(block_text(block)) for block in blocks) > LAYOUT_TABLE_CHARACTERS):
            return [table]  # a short framed note stays a box
        self.context.warn_once(
            "layout-table", "docx.layout-table",
            _("{file}: the text stands in a one-cell table (a frame); it is set as running text",
              file=self.context.file_name))
        return list(blocks)

    def tables_in_controls(self, paragraph: ooxml.Element) -> list[Block]:
        """Word writes a table inside a content control inside a paragraph (w:p > w:sdt >
        w:sdtContent > w:tbl), against the schema: read it as a table after the paragraph."""
        found: list[Block] = []
        for control in ooxml.children(paragraph, "w:sdt"):
            content = ooxml.child(control, "w:sdtContent")
            for node in content if content is not None else ():
                if ooxml.namespace(node) == W and ooxml.local_name(node) == "tbl":
                    table = read_table(node, self)
                    if table is not None:
                        found.extend(self.unwrapped(table))
        return found

    def read_container_keeping_held(self, container: ooxml.Element) -> list[Block]:
        """A wrapper (content control, custom XML) inside a flow: paragraphs continue through it."""
        blocks: list[Block] = []
        for node in container:
            self.visit(node, blocks)
        return blocks

    def read_alt_chunk(self, node: ooxml.Element) -> list[Block]:
        from munpress.readers.docx import chunks  # it reads with a BlockReader of its own

        part = chunks.imported_part(self.context, node)
        if chunks.is_embedded_docx(part):
            return chunks.read_embedded_docx(BlockReader, self.context, part)  # type: ignore[arg-type]
        if part is not None:
            message = _("{file}: part of the text is an imported file (altChunk, {kind}) that munpress cannot "
                        "read; open the manuscript in Word and save it again as .docx",
                        file=self.context.file_name, kind=part.content_type)
        else:
            message = _("{file}: part of the text is an imported file (altChunk, a missing part) that munpress "
                        "cannot read; open the manuscript in Word and save it again as .docx",
                        file=self.context.file_name)
        self.context.warn_once("altChunk", "docx.imported-content", message)
        return []

    def next_paragraph_number(self) -> int:
        if self.context.fixed_paragraph is not None:
            return self.context.fixed_paragraph
        self.context.paragraph_count += 1
        return self.context.paragraph_count

    def read_paragraph(self, paragraph: ooxml.Element) -> list[Block]:
        self.context.current_paragraph = number = self.next_paragraph_number()
        properties = ooxml.child(paragraph, "w:pPr")
        style_id = self.context.styles.paragraph_style_id(properties)
        content = InlineReader(self.context, style_id).read(paragraph)
        label = self.list_label(properties, style_id)
        if self.mark_deleted(properties) or self.is_drop_cap(properties, style_id):
            self.held.extend(content.inlines)
            return self.after_paragraph(content, number)
        inlines = tuple(merge_inlines([*self.held, *content.inlines]))
        self.held = []
        blocks: list[Block] = []
        role = self.paragraph_role(properties, style_id)
        if content.contents or role.role == "contents":  # Word's own table of contents
            self.context.contents_paragraphs += content.contents or has_content(inlines)
        elif has_content(inlines):
            blocks.append(self.make_block(role, style_id, inlines, label))
        return blocks + self.after_paragraph(content, number) + self.tables_in_controls(paragraph)

    def list_label(self, properties: ooxml.Element | None, style_id: str | None) -> ListLabel | None:
        found = self.context.lists.resolve(properties, style_id)
        return self.context.lists.next_label(*found) if found is not None else None

    def mark_deleted(self, properties: ooxml.Element | None) -> bool:
        """Count revisions of the paragraph mark; True when the mark itself was deleted."""
        marks = ooxml.child(properties, "w:rPr")
        deleted = False
        for node in marks if marks is not None else ():
            counter = REVISION_MARKS.get(node.tag)
            if counter is not None:
                review = self.context.review
                setattr(review, counter, getattr(review, counter) + 1)
                review.note_place(self.context.source(""))
            deleted = deleted or node.tag in DELETED_MARKS
        return deleted

    def is_drop_cap(self, properties: ooxml.Element | None, style_id: str | None) -> bool:
        """Whether the paragraph is a drop-cap frame (its own w:framePr first, then its style's)."""
        chain = [properties, *(style.paragraph_properties for style in self.context.styles.chain(style_id))]
        for found in chain:
            frame = ooxml.child(found, "w:framePr")
            if frame is not None:
                return ooxml.attribute(frame, "w:dropCap") in DROP_CAPS
        return False

    def make_block(
        self, role: ParagraphStyleRole, style_id: str | None, inlines: tuple[Inline, ...],
        label: ListLabel | None,
    ) -> Block:
        source = self.context.source(plain_text(inlines))
        if role.heading_level is not None:
            if label is not None and label.label:
                inlines = (Text(label.label + LABEL_SUFFIXES.get(label.suffix, " ")), *inlines)
            return Heading(role.heading_level, inlines, source)
        if label is not None:
            return ListItem(label.level, label.label, label.ordered, inlines, source)
        if role.role == "list":
            return ListItem(0, "", False, inlines, source)
        if not role.known:
            self.report_unknown_style(style_id)
        return Paragraph(inlines, role.role, source)

    def paragraph_role(self, properties: ooxml.Element | None, style_id: str | None) -> ParagraphStyleRole:
        level = ooxml.integer(ooxml.value(properties, "w:outlineLvl"))
        if level is not None and 0 <= level < BODY_TEXT_OUTLINE_LEVEL:
            return ParagraphStyleRole(f"heading{level + 1}", level + 1)
        return self.context.styles.paragraph_role(style_id)

    def report_unknown_style(self, style_id: str | None) -> None:
        name = self.context.styles.name_of(style_id)
        self.context.warn_once(
            f"style:{style_id}", "docx.unknown-style",
            _("{file}, paragraph {paragraph}: paragraph style «{name}» (ID «{id}») is not in the style map; "
              "its text is set as body text (add the style name to {table} in munpress.toml to give it a role)",
              file=self.context.file_name, paragraph=self.context.current_paragraph, name=name, id=style_id,
              table="[styles]"),
        )

    def after_paragraph(self, content: ParagraphContent, number: int) -> list[Block]:
        blocks: list[Block] = []
        for box in content.text_boxes:
            inner = self.read_container(box)
            if inner:
                text = " ".join(block_text(block) for block in inner)
                blocks.append(Sidebar(tuple(inner), self.context.source(text, number)))
        self.context.current_paragraph = number
        if content.page_break:
            blocks.append(PageBreak())
        return blocks


def is_contents_control(control: ooxml.Element) -> bool:
    """A content control Word made for its table of contents (docPartGallery «Table of Contents»)."""
    properties = ooxml.child(control, "w:sdtPr")
    gallery = ooxml.child(ooxml.child(properties, "w:docPartObj"), "w:docPartGallery")
    return (ooxml.attribute(gallery, "w:val") or "").casefold() == "table of contents"


def count_lines_with_text(container: ooxml.Element | None) -> int:
    if container is None:
        return 0
    return sum(1 for paragraph in ooxml.descendants(container, "w:p")
               if any((text.text or "").strip() for text in ooxml.descendants(paragraph, "w:t")))


def has_content(inlines: tuple[Inline, ...]) -> bool:
    """Whether a paragraph prints anything: text other than spaces, a picture, a note mark."""
    for node in inlines:
        if isinstance(node, (InlineImage, NoteRef)):
            return True
        if isinstance(node, Text) and node.text.strip():
            return True
    return False
