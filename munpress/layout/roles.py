"""Which paragraph plays which part, where the manuscript does not say: the author's line
at an article's end, and the room a list's labels need."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from munpress.layout.fonts import covers
from munpress.model.nodes import Block, ListItem, Note, Text, block_text
from munpress.model.nodes import Paragraph as ParagraphNode

SIGNATURE_WORDS = 40  # an author's line: "Prepared by N. N., lawyer", not a paragraph in italics


def signature_of(blocks: tuple[Block, ...]) -> ParagraphNode | None:
    """The author's line at an article's end, as editors type it: its last paragraph (before
    the notes), short and all in italics. Set ragged and unhyphenated, never justified."""
    for block in reversed(blocks):
        if isinstance(block, Note):
            continue
        if not isinstance(block, ParagraphNode) or block.role not in ("body", "signature"):
            return None
        texts = [node for node in block.inlines if isinstance(node, Text) and node.text.strip()]
        if block.role == "signature" or (texts and all("italic" in node.marks for node in texts)
                                         and len(block_text(block).split()) <= SIGNATURE_WORDS):
            return block
        return None
    return None


LABEL_GAP = 0.4  # ems between a list's widest label and its text


def label_widths(blocks: tuple[Block, ...], style: ParagraphStyle) -> dict[int, float]:
    """For each list item, the hanging indent its list needs: the widest label of the items
    at its level in the same run of items («10.» needs more room than «9.»)."""
    widths: dict[int, float] = {}
    run: list[ListItem] = []
    for block in (*blocks, None):
        if isinstance(block, ListItem):
            run.append(block)
            continue
        by_level: dict[int, float] = {}
        for item in run:
            label = printable_label(item, style)
            width = stringWidth(label, getattr(style, "bulletFontName", style.fontName), style.fontSize)
            by_level[item.level] = max(by_level.get(item.level, 0.0), width + LABEL_GAP * style.fontSize)
        widths.update({id(item): by_level[item.level] for item in run})
        run = []
    return widths


# Bullets for Word bullet glyphs the body font lacks (○ ▪ ➢ …), by nesting level.
FALLBACK_BULLETS = ("•", "–", "•")


def printable_label(item: ListItem, style: ParagraphStyle) -> str:
    if not item.label or item.ordered or covers(style.fontName, item.label):
        return item.label
    return FALLBACK_BULLETS[item.level % len(FALLBACK_BULLETS)]
