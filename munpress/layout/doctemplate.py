"""IssueDocTemplate: ReportLab's doc template, recording where every entry lands.

The page map is built from typed `Marker` flowables, never from style or class names. TOC
page numbers are PDF forms (XObjects) that the TOC draws before they exist and that are
defined here when the article lands: ReportLab resolves forms by name at save time, so a
single layout pass gives exact numbers (see docs/architecture.md).
"""

from __future__ import annotations

from functools import partial
from io import BytesIO

from reportlab.lib.colors import CMYKColor, Color, toColor
from reportlab.platypus import BaseDocTemplate, CondPageBreak
from reportlab.platypus.doctemplate import ActionFlowable

from munpress.layout.flowables import (
    TOC_NUMBER_WIDTH,
    Marker,
    entry_destination,
    frame_is_empty,
    toc_form_name,
)
from munpress.layout.pagemap import MissingGlyph, PageMap, PageRecord, Placement
from munpress.layout.tee import TeeCanvas
from munpress.layout.templates import WITHOUT_FOLIO, template_id
from munpress.layout.textrecord import RecordingCanvas
from munpress.layout.variant import MARK_LENGTH, Variant


class IssueDocTemplate(BaseDocTemplate):
    def __init__(self, buffer, *, templates, running_head: str, number_style, lang: str,
                 variant: Variant, pagesize, also: tuple[Variant, ...] = (), **metadata) -> None:
        super().__init__(buffer, pageTemplates=templates, invariant=1, lang=lang, pagesize=pagesize,
                         enforceColorSpace=_colour_space(variant), **_geometry(variant, pagesize), **metadata)
        self.variant = variant
        self.also = also  # variants drawn from this same layout (layout/tee.py)
        self.tee: TeeCanvas | None = None
        self._rubrics = 0
        self._under_rubric = False  # the last top-level bookmark is a rubric's: articles go under it
        self._by_id = {template.id: template for template in templates}
        self.running_head = running_head
        self.number_style = number_style  # the TOC entries' style: numbers match their titles
        self.lang = lang
        self.current_rubric = ""
        self.opens_rubric = False
        self._lowest = 0.0  # the bottom of what is set on the page so far (reset as each page begins)
        self.page_rubric: str | None = None
        self._heads: dict[str, str] = {}  # rubric title -> its text in the running heads
        self.drawn_head = ("", "")  # (printed, wanted), set by the page template as it draws
        self._placements: dict[str, dict] = {}
        self._open_entry: str | None = None  # the entry whose pages are being set
        self._order: list[str] = []
        self._pages: list[PageRecord] = []

    def build(self, flowables, **kwargs):
        first = partial(RecordingCanvas, navigation=self.variant.navigation, press_profile=self.variant.press_profile)
        super().build(flowables, canvasmaker=partial(self._canvases, first) if self.also else first)

    def _canvases(self, first, filename, **settings) -> TeeCanvas:
        """The layout's own canvas and one for each variant in `also`, each set up as that
        variant's own layout would set up its canvas."""
        canvases = [first(filename, **settings)]
        for variant in self.also:
            own = {**settings, "enforceColorSpace": _colour_space(variant), "trimBox": None, "bleedBox": None}
            own.update({key: value for key, value in _geometry(variant, self.pagesize).items() if key != "cropMarks"})
            canvases.append(RecordingCanvas(BytesIO(), navigation=variant.navigation,
                                            press_profile=variant.press_profile, **own))
        self.tee = TeeCanvas(canvases, [self.variant, *self.also])
        return self.tee

    def _makeCanvas(self, filename=None, canvasmaker=None):
        canvas = super()._makeCanvas(filename=filename, canvasmaker=canvasmaker)
        if isinstance(canvas, TeeCanvas):  # ReportLab gave every canvas the first one's crop marks
            for own, variant in canvas.pairs[1:]:
                own._cropMarks = _geometry(variant, self.pagesize).get("cropMarks")
        return canvas

    def outputs(self) -> dict[str, bytes]:
        """The PDFs of the variants in `also`, by name, once built."""
        if self.tee is None:
            return {}
        return {variant.name: buffer.getvalue() for variant, buffer in zip(self.also, self.tee.outputs)}

    # -- pages ------------------------------------------------------------------------
    def handle_pageBegin(self):
        kind = self.pageTemplate.id.rsplit("-", 1)[0]
        self.pageTemplate = self._by_id[template_id(kind, self.page + 1)]
        self.page_rubric = None
        self.opens_rubric = False  # a rubric bar heads the page: it is the page's head
        super().handle_pageBegin()
        self._lowest = self.frame._y2

    def switch_template(self, template: str) -> None:
        """An empty page takes another kind; what a kind draws is drawn at the page's end."""
        self.pageTemplate = self._by_id[template_id(template.rsplit("-", 1)[0], self.page)]

    @property
    def rubric_of_page(self) -> str:
        """The rubric of the first thing finished on the page, or the one in force: a page in
        the middle of a long article finishes nothing, and it is still in that rubric."""
        return self.page_rubric if self.page_rubric is not None else self.current_rubric

    @property
    def head_of_page(self) -> str:
        return self._heads.get(self.rubric_of_page, self.rubric_of_page)

    def record_page(self, kind: str) -> None:
        """Called by the templates when a page is finished."""
        folio = "" if kind in WITHOUT_FOLIO else str(self.page)
        frame = self.frame
        filled = (frame._y2 - self._lowest) / (frame._y2 - frame._y1) if frame._y2 > frame._y1 else 1.0
        self._pages.append(PageRecord(self.page, kind, self.rubric_of_page, folio, *self.drawn_head,
                                      filled=round(min(1.0, max(0.0, filled)), 3)))
        self.drawn_head = ("", "")
        if self._open_entry is not None:
            self._placements[self._open_entry]["last_page"] = self.page

    # -- markers ----------------------------------------------------------------------
    def afterFlowable(self, flowable):
        if isinstance(flowable, (ActionFlowable, CondPageBreak)):
            return  # page breaks land nothing on a page
        if getattr(flowable, "height", 0):
            self._lowest = min(self._lowest, self.frame._y)
        if not isinstance(flowable, Marker) and self._open_entry is not None and getattr(flowable, "height", 1):
            self._placements[self._open_entry]["last_page"] = self.page  # it runs at least to here
        if isinstance(flowable, Marker):
            if flowable.kind == "rubric":
                self._open_entry = None  # the rubric's bar belongs to what follows
                if frame_is_empty(self.frame):
                    self.opens_rubric = True
                self.current_rubric = flowable.title
                self._heads[flowable.title] = flowable.head
                if self.variant.navigation:
                    self._bookmark_rubric(flowable.title)
            elif flowable.kind == "entry":
                self._start_entry(flowable)
            elif flowable.kind == "end":  # the back page belongs to no entry
                self._open_entry = None
                self.canv.text_recorder.start_entry(None)
        if self.page_rubric is None:
            self.page_rubric = self.current_rubric

    def entries_on(self, page: int) -> list[str]:
        """The entries set on the page so far, in the order they started."""
        return [key for key in self._order if self._placements[key]["page"] <= page <= self._placements[key]["last_page"]]

    def _start_entry(self, marker: Marker) -> None:
        self._open_entry = marker.key
        self.canv.text_recorder.start_entry(marker.key)
        self._placements[marker.key] = dict(kind=marker.entry_kind, title=marker.title,
                                            rubric=self.current_rubric, page=self.page,
                                            last_page=self.page)
        self._order.append(marker.key)
        if self.variant.navigation:  # the contents' links and the bookmarks point here
            self.canv.bookmarkPage(entry_destination(marker.key))
            self._bookmark(marker)
        if marker.entry_kind == "article":
            self._define_page_number(marker.key)

    def _bookmark(self, marker: Marker) -> None:
        """Articles go under their rubric; an advertisement or the next issue's page stands
        beside the rubrics, where a reader looks for it. An article after one of those in the
        same rubric gets the rubric's bookmark again: else it would fall under the advertisement."""
        key = entry_destination(marker.key)
        if marker.entry_kind != "article" or not self._rubrics:
            self.canv.addOutlineEntry(marker.title, key, level=0)
            self._under_rubric = False
            return
        if not self._under_rubric:
            self._bookmark_rubric(self.current_rubric)
        self.canv.addOutlineEntry(marker.title, key, level=1)

    def _bookmark_rubric(self, title: str) -> None:
        self._rubrics += 1
        key = f"rubric-{self._rubrics}"  # a key of its own: ReportLab's outline knows an entry by its key
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(title, key, level=0)
        self._under_rubric = True

    def _define_page_number(self, entry_id: str) -> None:
        canvas = self.canv
        style = self.number_style
        # the box leaves room for descenders below the baseline and accents above the digits
        canvas.beginForm(toc_form_name(entry_id), lowerx=0, lowery=-3,
                         upperx=TOC_NUMBER_WIDTH, uppery=style.fontSize + 1.5)
        canvas.setFont(style.fontName, style.fontSize)
        canvas.drawRightString(TOC_NUMBER_WIDTH, 0, str(self.page))
        canvas.endForm()

    def page_map(self) -> PageMap:
        placements = tuple(
            Placement(key, p["kind"], p["title"], p["rubric"], p["page"], p["last_page"])
            for key in self._order for p in [self._placements[key]])
        recorder = self.canv.text_recorder
        recorder.end_line()
        return PageMap(self.lang, placements, tuple(self._pages), tuple(recorder.lines),
                       tuple(MissingGlyph(*key) for key in recorder.missing), tuple(recorder.set_lines), tuple(recorder.images), recorder.barcode,
                       tuple(recorder.fillers))


class _CropMarks:
    """ReportLab's crop-mark settings: the sheet grows by `borderWidth` on each side and the
    marks run from its edge inward, ending before the bleed."""

    def __init__(self, margin: float) -> None:
        self.borderWidth = margin
        self.markLength = MARK_LENGTH
        self.markWidth = 0.25
        self.markColor = CMYKColor(1, 1, 1, 1)  # registration: on every plate
        self.markLast = 1
        self.bleedWidth = 0  # ReportLab's own bleed scales the page: never used


def _geometry(variant: Variant, pagesize) -> dict:
    """Crop marks and the Trim and Bleed boxes, in the coordinates of the enlarged sheet."""
    if not variant.crop_marks:
        return {}
    margin, bleed = variant.margin, variant.bleed
    width, height = pagesize
    return {"cropMarks": _CropMarks(margin),
            "trimBox": (margin, margin, margin + width, margin + height),
            "bleedBox": (margin - bleed, margin - bleed, margin + width + bleed, margin + height + bleed)}


def _as_rgb(colour):
    """Screen PDFs are RGB: the theme's CMYK colours are converted as they are set."""
    colour = toColor(colour)
    if isinstance(colour, CMYKColor):
        red, green, blue = colour.rgb()
        return Color(red, green, blue, alpha=colour.alpha)
    return colour


def _colour_space(variant: Variant):
    # print: ReportLab's strict CMYK check (an RGB colour is a munpress bug); screen: convert
    return "cmyk" if variant.color_space == "cmyk" else _as_rgb
