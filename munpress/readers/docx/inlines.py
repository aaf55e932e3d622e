"""The inline content of one paragraph, walked on the XML tree.

python-docx's `.text` loses runs inside tracked insertions, smart tags, content controls
and fields; this walk goes through every wrapper Word uses, keeps what Word displays with
changes accepted, and drops deletions, hidden text and field instructions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from munpress.i18n import _
from munpress.model.nodes import MARKS, Inline, LineBreak, NoteRef, Text
from munpress.model.text import clean
from munpress.readers.docx import ooxml
from munpress.readers.docx.context import ReadContext
from munpress.readers.docx.fields import CONTENTS, hyperlink_target
from munpress.readers.docx.images import Anchored, read_drawing, read_vml
from munpress.readers.docx.stylemap import run_marks
from munpress.readers.docx.symbols import (
    is_decorative_font,
    is_symbol_font,
    map_symbol_text,
    symbol_character,
)

W = ooxml.NAMESPACES["w"]
PASS_THROUGH = frozenset({"smartTag", "customXml", "sdtContent", "dir", "bdo"})
CHARACTERS = {"tab": "\t", "ptab": "\t", "softHyphen": "\u00ad", "noBreakHyphen": "\u2011"}
NOTE_REFERENCES = {"footnoteReference": "footnote", "endnoteReference": "endnote"}


@dataclass
class ParagraphContent:
    inlines: list[Inline] = field(default_factory=list)
    text_boxes: list[ooxml.Element] = field(default_factory=list)
    page_break: bool = False
    contents: bool = False  # held text of Word's own table of contents (a TOC field's result)


@dataclass
class RunState:
    marks: frozenset[str]
    link: str | None
    font: str | None
    skip_next_text: bool = False


class InlineReader:
    """Reads the children of a w:p (or any run container) into inlines."""

    def __init__(self, context: ReadContext, paragraph_style: str | None) -> None:
        self.context = context
        self.paragraph_style = paragraph_style
        self.content = ParagraphContent()

    def read(self, paragraph: ooxml.Element) -> ParagraphContent:
        self.walk(paragraph, None)
        self.context.fields.close_paragraph()
        self.content.inlines = merge_inlines(self.content.inlines)
        return self.content

    def walk(self, container: ooxml.Element, link: str | None) -> None:
        for node in container:
            if ooxml.namespace(node) == W:
                self.visit(node, ooxml.local_name(node), link)
            elif ooxml.local_name(node) == "AlternateContent":
                branch = ooxml.choose_alternate(node)
                if branch is not None:
                    self.walk(branch, link)
            elif ooxml.local_name(node) in ("oMath", "oMathPara"):
                self.read_equation(node)

    def visit(self, node: ooxml.Element, name: str, link: str | None) -> None:
        if name == "r":
            self.read_run(node, link)
        elif name in PASS_THROUGH:
            self.walk(node, link)
        elif name in ("ins", "moveTo", "del", "moveFrom"):
            self.read_revision(node, name, link)
        elif name == "sdt":
            self.walk_optional(ooxml.child(node, "w:sdtContent"), link)
        elif name == "hyperlink":
            self.walk(node, self.hyperlink_url(node) or link)
        elif name == "fldSimple":
            instruction = ooxml.attribute(node, "w:instr") or ""
            if CONTENTS.match(instruction):
                self.content.contents = True
            else:
                self.walk(node, hyperlink_target(instruction) or link)
        elif name == "commentRangeStart":
            self.count_comment(node)

    def walk_optional(self, container: ooxml.Element | None, link: str | None) -> None:
        if container is not None:
            self.walk(container, link)

    def read_revision(self, node: ooxml.Element, name: str, link: str | None) -> None:
        review = self.context.review
        if name == "ins":
            review.insertions += 1
        elif name == "del":
            review.deletions += 1
        elif name == "moveTo":
            review.moves += 1
        review.note_place(self.context.source(""))
        if name in ("ins", "moveTo"):
            self.walk(node, link)

    def count_comment(self, node: ooxml.Element) -> None:
        self.context.review.comments.add(ooxml.attribute(node, "w:id") or str(id(node)))
        self.context.review.note_place(self.context.source(""), comment=True)

    def hyperlink_url(self, node: ooxml.Element) -> str | None:
        relationship_id = ooxml.attribute(node, "r:id")
        relationship = self.context.part.rels.get(relationship_id) if relationship_id else None
        if relationship is None or not relationship.is_external:
            return None
        return relationship.target_ref or None

    def run_state(self, run: ooxml.Element, link: str | None) -> tuple[RunState, bool]:
        properties = ooxml.child(run, "w:rPr")
        character_style = ooxml.value(properties, "w:rStyle")
        marks = self.context.styles.effective_marks(self.paragraph_style, character_style,
                                                    run_marks(properties))
        fonts = ooxml.child(properties, "w:rFonts")
        named = (ooxml.attribute(fonts, "w:ascii"), ooxml.attribute(fonts, "w:hAnsi"))
        font = next((name for name in named if is_symbol_font(name) or is_decorative_font(name)), None)
        chosen = frozenset(mark for mark, on in marks.items() if on and mark in MARKS)
        return RunState(chosen, link, font), bool(marks.get("hidden"))

    def read_run(self, run: ooxml.Element, link: str | None) -> None:
        state, hidden = self.run_state(run, link)
        fields = self.context.fields
        for item in run:
            name = ooxml.local_name(item)
            if name == "fldChar":
                self.field_character(item)
            elif name == "instrText":
                fields.add_instruction(ooxml.own_text(item))
            elif fields.in_contents:
                self.content.contents = self.content.contents or name == "t"
            elif not hidden and fields.showing:
                state.link = link or fields.link
                self.run_item(item, name, state)

    def field_character(self, item: ooxml.Element) -> None:
        kind = ooxml.attribute(item, "w:fldCharType")
        fields = self.context.fields
        if kind == "begin":
            fields.begin()
        elif kind == "separate":
            fields.separate()
        elif kind == "end":
            fields.end()

    def run_item(self, item: ooxml.Element, name: str, state: RunState) -> None:
        if name == "t":
            self.add_text(ooxml.own_text(item), state)
        elif name in CHARACTERS:
            self.add_text(CHARACTERS[name], state, plain=True)
        elif name in ("br", "cr"):
            self.add_break(item, name)
        elif name == "sym":
            self.add_symbol(item, state)
        elif name in NOTE_REFERENCES:
            self.add_note_reference(item, NOTE_REFERENCES[name], state)
        elif name == "commentReference":
            self.count_comment(item)
        elif name == "drawing":
            self.add_anchored(read_drawing(item, self.context))
        elif name in ("pict", "object"):
            self.add_anchored(read_vml(item, self.context))
        elif name == "AlternateContent":
            self.run_alternate(item, state)

    def run_alternate(self, item: ooxml.Element, state: RunState) -> None:
        branch = ooxml.choose_alternate(item)
        for node in branch if branch is not None else ():
            self.run_item(node, ooxml.local_name(node), state)

    def add_text(self, text: str, state: RunState, plain: bool = False) -> None:
        if state.skip_next_text and not plain:
            state.skip_next_text = False
            return
        if not plain and state.font is not None:
            text = self.symbol_font_text(text, state.font)
        text = clean(text, controls=True)
        if text:
            self.content.inlines.append(Text(text, state.marks, state.link))

    def symbol_font_text(self, text: str, font: str) -> str:
        mapped, complete = map_symbol_text(text, font)
        if not complete or is_decorative_font(font):
            self.warn_symbol_font(font)
        return mapped

    def warn_symbol_font(self, font: str) -> None:
        self.context.warn_once(
            f"font:{font}", "docx.symbol-font",
            _("{file}, paragraph {paragraph}: text in the symbol font «{font}» cannot be reproduced exactly; "
              "use Unicode characters instead",
              file=self.context.file_name, paragraph=self.context.current_paragraph, font=font),
        )

    def add_break(self, item: ooxml.Element, name: str) -> None:
        if name == "br" and ooxml.attribute(item, "w:type") == "page":
            self.content.page_break = True
        self.content.inlines.append(LineBreak())

    def add_symbol(self, item: ooxml.Element, state: RunState) -> None:
        font = ooxml.attribute(item, "w:font")
        code = ooxml.attribute(item, "w:char") or ""
        try:
            character, mapped = symbol_character(int(code, 16), font)
        except ValueError:
            return
        if not mapped:
            self.warn_symbol_font(font or "?")
        self.content.inlines.append(Text(character, state.marks, state.link))

    def add_note_reference(self, item: ooxml.Element, kind: str, state: RunState) -> None:
        note_id = ooxml.attribute(item, "w:id")
        if note_id is None:
            return
        paragraph = self.context.current_paragraph or 0
        number = self.context.notes.number(kind, self.context.note_prefix + note_id, paragraph)
        self.content.inlines.append(NoteRef(number, kind))
        state.skip_next_text = bool(ooxml.is_on_attribute(item, "w:customMarkFollows"))

    def add_anchored(self, anchored: Anchored) -> None:
        self.content.inlines.extend(anchored.images)
        self.content.text_boxes.extend(anchored.text_boxes)

    def read_equation(self, node: ooxml.Element) -> None:
        text = clean("".join(ooxml.own_text(piece) for piece in ooxml.descendants(node, "m:t")), controls=True)
        if text.strip():
            self.content.inlines.append(Text(text))
            self.context.warn_once(
                "equation", "docx.equation",
                _("{file}, paragraph {paragraph}: equations are set as plain text; check them in the proof",
                  file=self.context.file_name, paragraph=self.context.current_paragraph),
            )


def merge_inlines(inlines: list[Inline]) -> list[Inline]:
    """Join neighbouring texts with the same marks and link; drop breaks at the ends."""
    merged: list[Inline] = []
    for node in inlines:
        previous = merged[-1] if merged else None
        if (isinstance(node, Text) and isinstance(previous, Text)
                and previous.marks == node.marks and previous.link == node.link):
            merged[-1] = Text(clean(previous.text + node.text, controls=True), node.marks, node.link)  # a mark split off its letter
        else:
            merged.append(node)
    while merged and isinstance(merged[-1], LineBreak):
        merged.pop()
    while merged and isinstance(merged[0], LineBreak):
        merged.pop(0)
    return merged
