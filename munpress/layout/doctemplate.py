"""IssueDocTemplate: ReportLab's doc template, recording where every entry lands.

The page map is built from typed `Marker` flowables, never from style or class names. TOC
page numbers are PDF forms (XObjects) that the TOC draws before they exist and that are
defined here when the article lands: ReportLab resolves forms by name at save time, so a
single layout pass gives exact numbers (see docs/architecture.md).
"""

from __future__ import annotations

from reportlab.platypus import BaseDocTemplate

from munpress.layout.flowables import TOC_NUMBER_WIDTH, Marker, toc_form_name
from munpress.layout.pagemap import MissingGlyph, PageMap, PageRecord, Placement
from munpress.layout.templates import WITHOUT_FOLIO, template_id
from munpress.layout.textrecord import RecordingCanvas


class IssueDocTemplate(BaseDocTemplate):
    def __init__(self, buffer, *, templates, running_head: str, number_style, lang: str,
                 **metadata) -> None:
        super().__init__(buffer, pageTemplates=templates, invariant=1, lang=lang, **metadata)
        self._by_id = {template.id: template for template in templates}
        self.running_head = running_head
        self.number_style = number_style  # the TOC entries' style: numbers match their titles
        self.lang = lang
        self.current_rubric = ""
        self.page_rubric: str | None = None
        self._placements: dict[str, dict] = {}
        self._open_entry: str | None = None  # the entry whose pages are being set
        self._order: list[str] = []
        self._pages: list[PageRecord] = []

    def build(self, flowables, **kwargs):
        super().build(flowables, canvasmaker=RecordingCanvas)

    # -- pages ------------------------------------------------------------------------
    def handle_pageBegin(self):
        kind = self.pageTemplate.id.rsplit("-", 1)[0]
        self.pageTemplate = self._by_id[template_id(kind, self.page + 1)]
        self.page_rubric = None
        super().handle_pageBegin()

    def record_page(self, kind: str) -> None:
        """Called by the templates when a page is finished."""
        folio = "" if kind in WITHOUT_FOLIO else str(self.page)
        self._pages.append(PageRecord(self.page, kind, self.page_rubric or "", folio))
        if self._open_entry is not None:
            self._placements[self._open_entry]["last_page"] = self.page

    # -- markers ----------------------------------------------------------------------
    def afterFlowable(self, flowable):
        if isinstance(flowable, Marker):
            if flowable.kind == "rubric":
                self.current_rubric = flowable.title
            elif flowable.kind == "entry":
                self._start_entry(flowable)
        if self.page_rubric is None:
            self.page_rubric = self.current_rubric

    def _start_entry(self, marker: Marker) -> None:
        self._open_entry = marker.key
        self.canv.text_recorder.start_entry(marker.key)
        self._placements[marker.key] = dict(kind=marker.entry_kind, title=marker.title,
                                            rubric=self.current_rubric, page=self.page,
                                            last_page=self.page)
        self._order.append(marker.key)
        if marker.entry_kind == "article":
            self._define_page_number(marker.key)

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
                       tuple(MissingGlyph(*key) for key in recorder.missing), tuple(recorder.set_lines))
