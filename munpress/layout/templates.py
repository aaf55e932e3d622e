"""Page templates: one per kind of page, each in a recto and a verso version.

Kinds: cover, imprint, toc, article, fullpage (advertisements, next issue), back. Frames
are the text area with mirrored margins; what is drawn around the frame (running heads,
folios, the cover's colour bands) is drawn at the end of the page, when the doc template
knows which rubric the page belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Frame, PageTemplate

from munpress.layout.tee import each_variant
from munpress.layout.textrecord import unrecorded
from munpress.layout.theme import ACCENT, ACCENT_LIGHT, GREY, INK, PROOF_MARK, Theme
from munpress.layout.variant import Variant

KINDS = ("cover", "imprint", "toc", "article", "fullpage", "back")
# Kinds whose pages carry the running head; folios go on all but the covers.
WITH_RUNNING_HEAD = {"toc", "article"}
WITHOUT_FOLIO = {"cover", "back"}
# Trimming wanders about a millimetre: anything that stops near the trim shows it, so a colour
# band at an edge runs a full bleed out and reaches well past this inside the trim.
SAFE_MARGIN = 5 * mm
EDGE_BAND = 28  # points inside the trim (9.9 mm), top and foot alike
FOOT_STRIPE = 6  # the light stripe over the foot band


@dataclass(frozen=True)
class Fonts:
    """ReportLab font names for what templates draw themselves."""

    sans: str
    sans_bold: str


def template_id(kind: str, page: int) -> str:
    return f"{kind}-{'recto' if page % 2 else 'verso'}"


def build_templates(theme: Theme, fonts: Fonts, variant: Variant, watermark: str = "") -> list[PageTemplate]:
    templates = []
    for kind in KINDS:
        for page in (1, 2):  # an odd and an even page: recto and verso
            box = theme.content_box(page)
            frame = Frame(box.x, box.y, box.width, box.height, leftPadding=0, rightPadding=0,
                          topPadding=0, bottomPadding=0, id=f"{kind}-text")
            templates.append(PageTemplate(
                id=template_id(kind, page), frames=[frame], pagesize=(theme.page_width, theme.page_height),
                onPage=_draw_background(kind, theme, variant, fonts, watermark),
                onPageEnd=_draw_furniture(kind, theme, fonts, variant)))
    return templates


def _draw_background(kind: str, theme: Theme, variant: Variant, fonts: Fonts, watermark: str):
    def draw(canvas, doc):
        for own, drawn in each_variant(canvas, variant):
            if drawn.watermark and watermark:
                with unrecorded(own):
                    _watermark(own, theme, fonts, watermark)
    return draw


def _bands(canvas, theme: Theme, variant: Variant) -> None:
    """The cover's and back page's colour bands, run off the page: into the bleed in print.
    Drawn with the page's furniture, outside the text area, once the page's kind is final."""
    bleed, width, height = variant.bleed, theme.page_width, theme.page_height
    canvas.saveState()
    canvas.setFillColor(ACCENT)
    canvas.rect(-bleed, height - EDGE_BAND, width + 2 * bleed, EDGE_BAND + bleed, stroke=0, fill=1)
    canvas.rect(-bleed, -bleed, width + 2 * bleed, EDGE_BAND + bleed, stroke=0, fill=1)
    canvas.setFillColor(ACCENT_LIGHT)
    canvas.rect(-bleed, EDGE_BAND, width + 2 * bleed, FOOT_STRIPE, stroke=0, fill=1)
    canvas.restoreState()


def _watermark(canvas, theme: Theme, fonts: Fonts, text: str) -> None:
    """Across the page, under the text: a proof must never pass for the printed issue."""
    canvas.saveState()
    canvas.setFillColor(PROOF_MARK)
    canvas.translate(theme.page_width / 2, theme.page_height / 2)
    canvas.rotate(54.7)  # the page's diagonal on A4
    size = 88
    while canvas.stringWidth(text, fonts.sans_bold, size) > theme.page_height * 0.9 and size > 20:
        size -= 4
    canvas.setFont(fonts.sans_bold, size)
    canvas.drawCentredString(0, -size / 3, text)
    canvas.restoreState()


def _draw_furniture(kind: str, theme: Theme, fonts: Fonts, variant: Variant):
    def draw(canvas, doc):
        page = canvas.getPageNumber()
        box = theme.content_box(page)
        recto = page % 2 == 1
        canvas.saveState()
        if kind in ("cover", "back"):
            for own, drawn in each_variant(canvas, variant):  # print runs them into its bleed
                _bands(own, theme, drawn)
        if kind in WITH_RUNNING_HEAD and not doc.opens_rubric:
            _running_head(canvas, doc, theme, fonts, box, recto)
        if kind not in WITHOUT_FOLIO:
            canvas.setFont(fonts.sans_bold, 10)
            canvas.setFillColor(ACCENT)
            y = theme.bottom / 2 - 3
            if recto:
                canvas.drawRightString(box.x + box.width, y, str(page))
            else:
                canvas.drawString(box.x, y, str(page))
        for own, drawn in each_variant(canvas, variant):
            if drawn.slug:
                with unrecorded(own):
                    _slug(own, drawn, fonts, box, doc.entries_on(page))
        canvas.restoreState()
        doc.record_page(kind)
    return draw


SLUG_SIZE, SMALLEST_SLUG = 5.5, 4.0


def _slug(canvas, variant: Variant, fonts: Fonts, box, entries: list[str]) -> None:
    """The proof's slug under the foot: what the proof is, and the hashes of the manuscripts
    set on this page, fitted to the type area's width (smaller type, then cut with a count)."""
    hashes = dict(variant.slug_hashes)
    shown = [hashes[entry] for entry in entries if entry in hashes]
    lines = [variant.slug] + (["sha256 " + "  ".join(shown)] if shown else [])
    canvas.setFillColor(GREY)
    for number, line in enumerate(lines):
        size = SLUG_SIZE
        while canvas.stringWidth(line, fonts.sans, size) > box.width and size > SMALLEST_SLUG:
            size -= 0.5
        while canvas.stringWidth(line, fonts.sans, size) > box.width:
            line = line.rsplit("  ", 1)[0] + " …" if "  " in line else line[:-2] + "…"
        canvas.setFont(fonts.sans, size)
        canvas.drawString(box.x, 9 - number * 6.5, line)


def _running_head(canvas, doc, theme: Theme, fonts: Fonts, box, recto: bool) -> None:
    y = theme.page_height - theme.top + 9
    rubric = doc.head_of_page
    canvas.setStrokeColor(GREY)
    canvas.setLineWidth(0.4)
    canvas.line(box.x, y - 4, box.x + box.width, y - 4)
    canvas.setFont(fonts.sans, 7.5)
    canvas.setFillColor(GREY)
    head = doc.running_head
    if recto:
        canvas.drawString(box.x, y, head)
    else:
        canvas.drawRightString(box.x + box.width, y, head)
    if rubric:
        canvas.setFont(fonts.sans_bold, 7.5)
        canvas.setFillColor(INK)
        limit = box.width - canvas.stringWidth(head, fonts.sans, 7.5) - 24
        text = _fit(canvas, rubric, fonts.sans_bold, 7.5, limit)
        doc.drawn_head = (text, rubric)  # a shortened one is reported by check
        if recto:
            canvas.drawRightString(box.x + box.width, y, text)
        else:
            canvas.drawString(box.x, y, text)


def _fit(canvas, text: str, font: str, size: float, width: float) -> str:
    """Shorten a running-head rubric with an ellipsis: the rubric is printed in full elsewhere."""
    if canvas.stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)  # the longest start that fits with the ellipsis: a binary search,
    while low < high:         # as a title of any length costs a few measurements
        middle = (low + high + 1) // 2
        if canvas.stringWidth(text[:middle] + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"
