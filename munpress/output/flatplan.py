"""The flatplan: every page of an edition as a thumbnail on one sheet, for the editors' wall.

The thumbnails are the laid-out PDF's own pages rendered by pdfium (pypdfium2), not boxes
drawn from the page map: editors see the pictures, the column fill and the white space the
printed issue will have. The page map supplies what the thumbnails cannot say: the folio,
the rubric and the articles on each page.

The sheet is landscape A3. Pages stand in spreads as the printed issue opens: page 1 alone on
the right, then 2–3, 4–5 …, an even last page alone on the left; spreads run in rows, as
many to a row as gives the largest thumbnails. Under each page: its folio as printed (the
physical number in brackets where none is printed, e.g. the cover), its rubric, and one line
per article that starts on it (black) or runs through it (grey italic), shortened with an
ellipsis to the thumbnail's width.

Deterministic: thumbnails are rendered at a fixed scale and stored as JPEG, ReportLab writes
in invariant mode, and the PNG is Pillow's with no metadata.
"""

from __future__ import annotations

import math
import re
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pypdfium2 as pdfium
from reportlab import rl_config
from reportlab.lib.pagesizes import A3, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from munpress.layout.fonts import load_family
from munpress.layout.pagemap import PageMap, PageRecord, Placement
from munpress.locale import label, language_tag

FORMATS = ("pdf", "png")
SHEET = landscape(A3)  # points
MARGIN = 28.0
HEADER = 30.0  # the title line and the space under it
SPREAD_GAP = 16.0  # between spreads in a row
ROW_GAP = 12.0  # between a row's captions and the next row's pages
THUMBNAIL_DPI = 36  # of the edition's page: ~200 dpi on the sheet, where a page is ~38 mm wide
JPEG_QUALITY = 70
PNG_DPI = 100  # the PNG of the sheet: 1654 × 1170 pixels
PNG_SIZE = (math.ceil(SHEET[0] * PNG_DPI / 72), math.ceil(SHEET[1] * PNG_DPI / 72))

# Caption lines under a page: (font size, leading)
FOLIO = (8.0, 10.0)
RUBRIC = (5.5, 7.5)
TITLE = (6.5, 8.0)
MAX_TITLES = 3
CAPTION = FOLIO[1] + RUBRIC[1] + MAX_TITLES * TITLE[1] + 2.0
CAPTION_PAD = 2.5  # text keeps this far from the page's left and right edges
GREY = 0.45
FRAME = 0.7
ELLIPSIS = "…"


def flatplan_name(slug: str, number: int | str, lang: str, fmt: str) -> str:
    """`municipalitet-147-ky-flatplan.pdf`, beside the edition's `municipalitet-147-ky.pdf`."""
    _check_format(fmt)
    return f"{slug}-{number}-{lang}-flatplan.{fmt}"


def render_flatplan(pdf: bytes, page_map: PageMap, *, title: str, lang: str, font_dir: Path,
                    fmt: str = "pdf", planned: dict[str, int] | None = None) -> bytes:
    """One landscape A3 sheet (PDF, or PNG at PNG_DPI) with every page of the edition `pdf`
    as a thumbnail, captioned from `page_map`; `title` heads the sheet. An entry that starts
    off the page `planned` for it (entry id -> page) is marked "план N" in red. ValueError for an
    unknown format, or a PDF whose pages are not the page map's."""
    _check_format(fmt)
    family = load_family("PT Sans", font_dir)
    fonts = _Fonts(family.face("regular"), family.face("bold"), family.face("italic"))
    document = pdfium.PdfDocument(pdf)
    try:
        if not len(document) or len(document) != page_map.page_count:
            raise ValueError(f"the PDF has {len(document)} pages, its page map {page_map.page_count}")
        thumbnails = [_thumbnail(document[index]) for index in range(len(document))]
        left, bottom, right, top = document[0].get_trimbox()
    finally:
        document.close()
    sheet = _draw_sheet(thumbnails, (top - bottom) / (right - left), page_map, title, lang, fonts, planned or {})
    return sheet if fmt == "pdf" else _png(sheet)


@dataclass(frozen=True)
class _Fonts:
    regular: str
    bold: str
    italic: str


@dataclass(frozen=True)
class _Grid:
    columns: int  # spreads to a row
    rows: int
    page_width: float
    page_height: float
    left: float  # the grid's left edge
    top: float  # the first row's top edge


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"flatplan format {fmt!r}: use one of {', '.join(FORMATS)}")


def _thumbnail(page: pdfium.PdfPage) -> bytes:
    """The page as the reader sees it: its trim box (a print PDF's bleed and marks cut off)."""
    trim, crop = page.get_trimbox(), page.get_cropbox()  # the trim box defaults to the crop box
    cut = (trim[0] - crop[0], trim[1] - crop[1], crop[2] - trim[2], crop[3] - trim[3])
    image = page.render(scale=THUMBNAIL_DPI / 72, crop=tuple(max(0.0, c) for c in cut)).to_pil().convert("RGB")
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=JPEG_QUALITY)
    return buffer.getvalue()


def spreads(page_count: int) -> list[tuple[int | None, int | None]]:
    """(left page, right page) as the issue opens: (None, 1), (2, 3), … , (28, None)."""
    pages = range(1, page_count + 1)
    return [(left if left in pages else None, right if right in pages else None)
            for left, right in ((2 * s, 2 * s + 1) for s in range(page_count // 2 + 1))]


def _grid(spread_count: int, aspect: float) -> _Grid:
    """As many spreads to a row as gives the largest pages, the whole centred on the sheet."""
    width = SHEET[0] - 2 * MARGIN
    height = SHEET[1] - 2 * MARGIN - HEADER
    best: tuple[float, int, int] | None = None
    for columns in range(1, spread_count + 1):
        rows = math.ceil(spread_count / columns)
        by_width = (width - (columns - 1) * SPREAD_GAP) / (2 * columns)
        by_height = ((height - (rows - 1) * ROW_GAP) / rows - CAPTION) / aspect
        size = min(by_width, by_height)
        if best is None or size > best[0] + 1e-6:
            best = (size, columns, rows)
    page_width, columns, rows = best
    page_height = page_width * aspect
    used_width = columns * 2 * page_width + (columns - 1) * SPREAD_GAP
    used_height = rows * (page_height + CAPTION) + (rows - 1) * ROW_GAP
    return _Grid(columns, rows, page_width, page_height, MARGIN + (width - used_width) / 2,
                 SHEET[1] - MARGIN - HEADER - (height - used_height) / 2)


def _draw_sheet(thumbnails: list[bytes], aspect: float, page_map: PageMap, title: str, lang: str,
                fonts: _Fonts, planned: dict[str, int]) -> bytes:
    with _binary_streams():
        return _draw(thumbnails, aspect, page_map, title, lang, fonts, planned)


@contextmanager
def _binary_streams():
    """ReportLab writes streams in ASCII85 unless told otherwise, a quarter more bytes for
    every JPEG. The switch is global: set it for this sheet only, and put it back."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def _draw(thumbnails: list[bytes], aspect: float, page_map: PageMap, title: str, lang: str,
          fonts: _Fonts, planned: dict[str, int]) -> bytes:
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=SHEET, invariant=1, pageCompression=1, lang=language_tag(lang),
                    initialFontName=fonts.regular)
    canvas.setTitle(title)
    canvas.setCreator("munpress")
    canvas.setFont(fonts.bold, 16)
    canvas.drawString(MARGIN, SHEET[1] - MARGIN - 14, title)
    openings = spreads(len(thumbnails))
    grid = _grid(len(openings), aspect)
    records = {record.number: record for record in page_map.pages}
    for index, (left, right) in enumerate(openings):
        row, column = divmod(index, grid.columns)
        x = grid.left + column * (2 * grid.page_width + SPREAD_GAP)
        y = grid.top - row * (grid.page_height + CAPTION + ROW_GAP) - grid.page_height
        for number, page_x in ((left, x), (right, x + grid.page_width)):
            if number is None:
                continue
            canvas.drawImage(ImageReader(BytesIO(thumbnails[number - 1])), page_x, y,
                             grid.page_width, grid.page_height)
            canvas.setLineWidth(0.5)
            canvas.setStrokeGray(FRAME)
            canvas.rect(page_x, y, grid.page_width, grid.page_height)
            record = records.get(number, PageRecord(number, "", "", ""))
            _caption(canvas, fonts, page_x, y, grid.page_width, record, page_map.placements, lang, planned)
        if left is not None and right is not None:  # the spine
            canvas.setLineWidth(0.8)
            canvas.setStrokeGray(0.25)
            canvas.line(x + grid.page_width, y, x + grid.page_width, y + grid.page_height)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _caption(canvas: Canvas, fonts: _Fonts, x: float, page_bottom: float, width: float,
             record: PageRecord, placements: tuple[Placement, ...], lang: str, planned: dict[str, int]) -> None:
    room = width - 2 * CAPTION_PAD
    x += CAPTION_PAD
    y = page_bottom - FOLIO[1]
    canvas.setFillGray(0)
    canvas.setFont(fonts.bold, FOLIO[0])
    canvas.drawString(x, y, record.folio or f"[{record.number}]")
    on_page = [p for p in placements if p.page <= record.number <= p.last_page]
    rubrics = list(dict.fromkeys(p.rubric for p in on_page if p.rubric))
    y -= RUBRIC[1]
    if rubrics:
        canvas.setFillGray(GREY)
        canvas.setFont(fonts.regular, RUBRIC[0])
        canvas.drawString(x, y, shorten(" / ".join(rubrics), fonts.regular, RUBRIC[0], room))
    lines = [(p.title, p.page == record.number, _off_plan(p, record.number, planned)) for p in on_page]
    if not lines and record.template == "toc":
        lines = [(label(lang, "toc"), True, "")]
    if len(lines) > MAX_TITLES:
        lines = lines[:MAX_TITLES - 1] + [(f"+{len(lines) - MAX_TITLES + 1}", False, "")]
    for text, starts_here, off_plan in lines:
        y -= TITLE[1]
        font = fonts.regular if starts_here else fonts.italic
        mark = canvas.stringWidth(off_plan, fonts.bold, TITLE[0]) if off_plan else 0
        canvas.setFillGray(0 if starts_here else GREY)
        canvas.setFont(font, TITLE[0])
        shown = shorten(text, font, TITLE[0], room - mark)
        canvas.drawString(x, y, shown)
        if off_plan:  # the editors' plan said another page: seen from across the room
            canvas.setFillColorRGB(0.8, 0.1, 0.1)
            canvas.setFont(fonts.bold, TITLE[0])
            canvas.drawString(x + canvas.stringWidth(shown, font, TITLE[0]), y, off_plan)
    canvas.setFillGray(0)


def _off_plan(placement: Placement, page: int, planned: dict[str, int]) -> str:
    """" план 12" for an entry starting on `page` that the editors planned elsewhere."""
    wanted = planned.get(placement.entry_id)
    return f" план {wanted}" if placement.page == page and wanted is not None and wanted != page else ""


def shorten(text: str, font: str, size: float, width: float) -> str:
    """`text` on one line, cut at a word (or, failing that, a letter) and ended with an
    ellipsis when it is wider than `width`."""
    text = re.sub(r"[ \t\r\n]+", " ", text).strip()  # no-break spaces stay: they bind
    if stringWidth(text, font, size) <= width:
        return text
    words = text.split(" ")
    for count in range(len(words) - 1, 0, -1):
        candidate = " ".join(words[:count]).rstrip(",.:;—–-") + ELLIPSIS
        if stringWidth(candidate, font, size) <= width:
            return candidate
    for count in range(len(text) - 1, 0, -1):
        candidate = text[:count] + ELLIPSIS
        if stringWidth(candidate, font, size) <= width:
            return candidate
    return ELLIPSIS


def _png(sheet: bytes) -> bytes:
    document = pdfium.PdfDocument(sheet)
    try:
        image = document[0].render(scale=PNG_DPI / 72).to_pil().convert("RGB")
    finally:
        document.close()
    buffer = BytesIO()
    image.save(buffer, format="PNG")  # Pillow writes no time or text chunks unless asked
    return buffer.getvalue()
