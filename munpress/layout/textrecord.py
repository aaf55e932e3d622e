"""What text was really drawn, line by line: recorded at the canvas, where every string
reaches the PDF, so the record cannot disagree with the page (see checks/lost_text.py).

A character the current font has no glyph for prints as a blank: it is recorded as U+FFFD,
so its word counts as lost, and listed as a `MissingGlyph`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import replace

from reportlab.lib.colors import CMYKColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from munpress.layout.fonts import covers, glyphs_of
from munpress.layout.pagemap import NOT_PRINTED, DrawnLine, PlacedFiller, PlacedImage, SetLine


def overprint_black(target, press_profile) -> None:
    """Print: black overprints (no white hairline where a plate shifts); any other colour
    knocks out, or white type on a coloured bar would vanish. `target`: a canvas or a text
    object, just given its fill colour."""
    if press_profile is None:
        return
    black = is_solid_black(getattr(target, "_fillColorObj", None))
    target._setFillOverprint(black)
    if black:
        target._setOverprintMask(True)


class _RecordingTextObject(PDFTextObject):
    def setFillColor(self, aColor, alpha=None):
        super().setFillColor(aColor, alpha)
        overprint_black(self, getattr(self._canvas, "press_profile", None))

    def _formatText(self, text):
        self._canvas.text_recorder.add(text, self._y, self._fontname)
        return super()._formatText(text)

    # T* (next line) moves down without updating the object's y: end the line here
    def _textOut(self, text, TStar=0):
        super()._textOut(text, TStar)
        if TStar:
            self._canvas.text_recorder.end_line()

    def textLine(self, text=""):
        super().textLine(text)
        self._canvas.text_recorder.end_line()


def is_solid_black(colour) -> bool:
    """100% K and nothing else: the black that print houses overprint."""
    if not isinstance(colour, CMYKColor):
        return False
    d = colour.density
    return colour.cyan * d == colour.magenta * d == colour.yellow * d == 0 and colour.black * d >= 0.999


class TextRecorder:
    """Collects drawn strings into lines: a new line starts when the text's baseline moves."""

    def __init__(self) -> None:
        self.lines: list[DrawnLine] = []
        self.page = 1
        self.entry: str | None = None
        self.missing: dict[tuple[str | None, str, str], None] = {}  # ordered set
        self.set_lines: list[SetLine] = []
        self.images: list[PlacedImage] = []
        self.barcode: tuple[str, str] | None = None
        self.fillers: list[PlacedFiller] = []
        self._parts: list[str] = []
        self._y: float | None = None
        self.paused = False  # what a variant alone prints (a proof's watermark and slug)

    @contextmanager
    def pausing(self) -> Iterator[None]:
        """Not recorded: the record is the same from every variant's layout, so the checks
        can be made on whichever was laid out."""
        self.paused = True
        try:
            yield
        finally:
            self.paused = False

    def add(self, text, y: float, font_name: str) -> None:
        if self.paused:
            return
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        if self._y is not None and abs(y - self._y) > 0.5:
            self.end_line()
        self._y = y
        self._parts.append(self._printable(text, font_name))

    def _printable(self, text: str, font_name: str) -> str:
        if covers(font_name, text):
            return text
        glyphs = glyphs_of(font_name)
        shown = []
        for ch in text:
            if ord(ch) in glyphs or ch.isspace():
                shown.append(ch)
            else:
                self.missing[(self.entry, ch, font_name)] = None
                shown.append(NOT_PRINTED)
        return "".join(shown)

    def end_line(self) -> None:
        if self._parts:
            self.lines.append(DrawnLine(self.page, self.entry, "".join(self._parts)))
        self._parts, self._y = [], None

    def add_image(self, name: str, ppi: float, mode: str) -> None:
        self.images.append(PlacedImage(self.page, self.entry, name, round(ppi), mode))

    def add_filler(self, filler_id: str) -> None:
        self.fillers.append(PlacedFiller(self.page, self.entry, filler_id))

    def add_set_line(self, line: SetLine) -> None:
        self.set_lines.append(replace(line, page=self.page, entry_id=self.entry))

    def start_entry(self, entry_id: str | None) -> None:
        self.end_line()
        self.entry = entry_id

    def next_page(self) -> None:
        self.end_line()
        self.page += 1


class RecordingCanvas(Canvas):
    """A canvas that keeps a `TextRecorder` of everything drawn as text."""

    def __init__(self, *args, navigation: bool = True, press_profile: bytes | None = None, **kwargs) -> None:
        self.text_recorder = TextRecorder()
        self.navigation = navigation  # links and bookmarks (not in print)
        self.press_profile = press_profile  # print: pictures drawn in the press's CMYK
        super().__init__(*args, **kwargs)

    def setFillColor(self, aColor, alpha=None):
        super().setFillColor(aColor, alpha)
        overprint_black(self, getattr(self, "press_profile", None))

    def beginText(self, x=0, y=0, direction=None):
        return _RecordingTextObject(self, x, y, direction=direction)

    def drawText(self, text_object):
        super().drawText(text_object)
        self.text_recorder.end_line()  # the next text object is a new line even at the same height

    def showPage(self):
        self.text_recorder.next_page()
        super().showPage()


def unrecorded(canvas):
    """`with unrecorded(canvas):` draws what the text record leaves out (TextRecorder.pausing)."""
    recorder = getattr(canvas, "text_recorder", None)
    return recorder.pausing() if recorder is not None else nullcontext()
