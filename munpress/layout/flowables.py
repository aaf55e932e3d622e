"""The flowables munpress adds to ReportLab's: typed markers, TOC lines, fixed pages."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.doctemplate import ActionFlowable

from munpress.layout.theme import GREY


class OversetError(Exception):
    """Content of a fixed-size page does not fit: it must never be cut silently."""

    def __init__(self, entry_id: str, needed: float, available: float) -> None:
        super().__init__(entry_id)
        self.entry_id, self.needed, self.available = entry_id, needed, available


class Marker(Flowable):
    """A zero-size flowable whose only job is to tell the doc template where it landed."""

    def __init__(self, kind: str, key: str, title: str = "", entry_kind: str = "article", head: str = "") -> None:
        super().__init__()
        self.kind, self.key, self.title, self.entry_kind = kind, key, title, entry_kind
        self.head = head or title  # a rubric's text in the running heads
        self.width = self.height = 0

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        pass


# Width of the TOC's page-number slot; the title's dot leaders stop short of it.
TOC_NUMBER_WIDTH = 30
# Leaders: dots at a fixed pitch counted from the right edge, so the dots of every line
# stand in columns; a title's last line always leaves room for a few of them.
LEADER_PITCH = 4.5
LEADER_ROOM = 4 * LEADER_PITCH


def entry_destination(entry_id: str) -> str:
    """The named destination an entry's first page gets in screen and proof PDFs."""
    return "entry-" + "".join(ch if ch.isalnum() else "-" for ch in entry_id)


def toc_form_name(entry_id: str) -> str:
    return "toc-page-" + "".join(ch if ch.isalnum() else "-" for ch in entry_id)


class TocEntry(Flowable):
    """A TOC line: title, dot leaders, and the real page, drawn from a PDF form that the
    doc template fills when the article lands. One layout pass, exact by construction."""

    number_width = TOC_NUMBER_WIDTH

    def __init__(self, markup: str, style, entry_id: str) -> None:
        super().__init__()
        self.paragraph = Paragraph(markup, style)
        self.entry_id = entry_id
        self.spaceAfter = style.spaceAfter

    def wrap(self, available_width, available_height):
        self.width = available_width
        _, self.height = self.paragraph.wrap(available_width, available_height)
        return self.width, self.height

    def draw(self):
        self.paragraph.drawOn(self.canv, 0, 0)
        style = self.paragraph.style
        lines = self.paragraph.blPara.lines
        baseline = self.height - style.fontSize - (len(lines) - 1) * style.leading
        _draw_leaders(self, lines[-1], baseline)
        self.canv.saveState()
        self.canv.translate(self.width - self.number_width, baseline)
        self.canv.doForm(toc_form_name(self.entry_id))
        self.canv.restoreState()
        if getattr(self.canv, "navigation", False):  # the whole line leads to the article
            self.canv.linkRect("", entry_destination(self.entry_id), (0, 0, self.width, self.height),
                               relative=1, thickness=0)


class FullPage(Flowable):
    """Content that owns a whole frame (cover, imprint, advertisement, next-issue page).
    It never splits; content taller than the frame is an overset error naming the entry."""

    def __init__(self, entry_id: str, content: list[Flowable], valign: str = "top") -> None:
        super().__init__()
        self.entry_id, self.content, self.valign = entry_id, content, valign

    def _measure(self, width, height):
        total, sizes = 0.0, []
        for index, item in enumerate(self.content):
            _, h = item.wrapOn(self.canv, width, height)
            before = item.getSpaceBefore() if index else 0
            after = item.getSpaceAfter() if index < len(self.content) - 1 else 0
            sizes.append((before, h, after))
            total += before + h + after
        return total, sizes

    def wrap(self, available_width, available_height):
        self.width, self.height = available_width, available_height
        needed, self._sizes = self._measure(available_width, available_height)
        if needed > available_height + 0.01:
            raise OversetError(self.entry_id, needed, available_height)
        self._needed = needed
        return self.width, self.height

    def split(self, available_width, available_height):
        return []

    def draw(self):
        y = self.height
        if self.valign == "middle":
            y -= (self.height - self._needed) / 2
        for item, (before, h, after) in zip(self.content, self._sizes):
            y -= before + h
            item.drawOn(self.canv, 0, y)
            y -= after


class BreakPage(ActionFlowable):
    """Start a new page with the given template, unless the current frame is still empty."""

    def __init__(self, template: str) -> None:
        super().__init__()
        self.template = template

    def apply(self, doc):
        doc.handle_nextPageTemplate(self.template)
        if not doc.frame._atTop:
            doc.handle_pageBreak()
        else:  # the page is still empty: it becomes a page of the new kind (no head on a back cover)
            doc.switch_template(self.template)


def frame_is_empty(frame) -> bool:
    """Nothing has been set in the frame yet (zero-size markers do not count)."""
    return frame._y >= frame._y2 - frame.topPadding - 0.5


class OpenerSpace(Flowable):
    """Above an article: at the top of a page, clear space so that its title does not sit on
    the running head's rule; in the middle of a page, where it runs on after the article
    before, a thin rule that sets the two apart (as the printed magazine sets short answers)."""

    RULE = 0.5

    def __init__(self, height: float) -> None:
        super().__init__()
        self.space = height
        self.width = self.height = 0
        self.runs_on = False

    def wrap(self, available_width, available_height):
        frame = getattr(self, "_frame", None)
        self.runs_on = frame is not None and not frame_is_empty(frame)
        self.width, self.height = available_width, self.space
        return self.width, self.height

    def draw(self):
        if self.runs_on:
            self.canv.saveState()
            self.canv.setStrokeColor(GREY)
            self.canv.setLineWidth(self.RULE)
            self.canv.line(0, self.height / 2, self.width, self.height / 2)
            self.canv.restoreState()


class AlignRight(Flowable):
    """A flowable pushed to the right edge of the frame (the cover's barcode)."""

    def __init__(self, inner: Flowable) -> None:
        super().__init__()
        self.inner = inner

    def wrap(self, available_width, available_height):
        _, height = self.inner.wrap(available_width, available_height)
        self.width, self.height = available_width, height
        return self.width, self.height

    def draw(self):
        self.inner.drawOn(self.canv, self.width - self.inner.width, 0)

def _draw_leaders(self, line, baseline: float) -> None:
    """Dot leaders from a TOC title's last line to its page number."""
    style = self.paragraph.style
    extra = line[0] if isinstance(line, tuple) else line.extraSpace
    text_end = self.width - style.rightIndent - extra
    right = self.width - self.number_width - 4
    canvas = self.canv
    canvas.saveState()
    canvas.setFont(style.fontName, style.fontSize)
    canvas.setFillColor(style.textColor)
    x = right - LEADER_PITCH
    dots = []
    while x > text_end + LEADER_PITCH / 2:
        dots.append(x)
        x -= LEADER_PITCH
    if dots:  # one string, spaced to the pitch: the leader reads and copies as one run of dots
        text = canvas.beginText(dots[-1], baseline)
        text.setFont(style.fontName, style.fontSize)
        text.setCharSpace(LEADER_PITCH - canvas.stringWidth(".", style.fontName, style.fontSize))
        text.textOut("." * len(dots))
        canvas.drawText(text)
    canvas.restoreState()
