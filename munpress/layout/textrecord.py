"""What text was really drawn, line by line: recorded at the canvas, where every string
reaches the PDF, so the record cannot disagree with the page (see checks/lost_text.py)."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from munpress.layout.pagemap import DrawnLine


class _RecordingTextObject(PDFTextObject):
    def _formatText(self, text):
        self._canvas.text_recorder.add(text, self._y)
        return super()._formatText(text)

    # T* (next line) moves down without updating the object's y: end the line here
    def _textOut(self, text, TStar=0):
        super()._textOut(text, TStar)
        if TStar:
            self._canvas.text_recorder.end_line()

    def textLine(self, text=""):
        super().textLine(text)
        self._canvas.text_recorder.end_line()


class TextRecorder:
    """Collects drawn strings into lines: a new line starts when the text's baseline moves."""

    def __init__(self) -> None:
        self.lines: list[DrawnLine] = []
        self.page = 1
        self.entry: str | None = None
        self._parts: list[str] = []
        self._y: float | None = None

    def add(self, text, y: float) -> None:
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        if self._y is not None and abs(y - self._y) > 0.5:
            self.end_line()
        self._y = y
        self._parts.append(text)

    def end_line(self) -> None:
        if self._parts:
            self.lines.append(DrawnLine(self.page, self.entry, "".join(self._parts)))
        self._parts, self._y = [], None

    def start_entry(self, entry_id: str) -> None:
        self.end_line()
        self.entry = entry_id

    def next_page(self) -> None:
        self.end_line()
        self.page += 1


class RecordingCanvas(Canvas):
    """A canvas that keeps a `TextRecorder` of everything drawn as text."""

    def __init__(self, *args, **kwargs) -> None:
        self.text_recorder = TextRecorder()
        super().__init__(*args, **kwargs)

    def beginText(self, x=0, y=0, direction=None):
        return _RecordingTextObject(self, x, y, direction=direction)

    def drawText(self, text_object):
        super().drawText(text_object)
        self.text_recorder.end_line()  # the next text object is a new line even at the same height

    def showPage(self):
        self.text_recorder.next_page()
        super().showPage()
