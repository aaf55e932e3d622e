"""Model blocks → ReportLab flowables, for a given measure and a set of styles."""

from __future__ import annotations

import copy
import warnings
from dataclasses import dataclass, replace
from io import BytesIO

from PIL import Image as PILImage
from reportlab.lib.colors import CMYKColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.graphics import renderPDF
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Image,
    KeepTogether,
    Paragraph,
    Table,
    TableStyle,
)

from munpress.diagnostics import LayoutFailure, Sink
from munpress.i18n import _, _n
from munpress.layout.copyfit import pull_quote
from munpress.layout.markup import note_label, split_images
from munpress.layout.keeps import keep_headings_with_text
from munpress.layout.marked import alt_text
from munpress.layout.paragraph import SetParagraph
from munpress.layout.pictures import VECTOR_PPI, in_press_colour, is_svg, reduced, svg_drawing
from munpress.layout.roles import label_widths as _label_widths
from munpress.layout.roles import printable_label as _printable_label
from munpress.layout.roles import signature_of
from munpress.layout.tee import each_variant
from munpress.layout.theme import ACCENT_LIGHT, GREY
from munpress.model.nodes import (
    Block,
    Heading,
    InlineImage,
    ListItem,
    Note,
    NoteRef,
    Sidebar,
    Text,
    block_text,
)
from munpress.model.nodes import Paragraph as ParagraphNode
from munpress.model.nodes import Table as TableNode

LIST_INDENT = 12  # points per nesting level
CELL_PADDING = 3  # points left and right of a table cell's text
SMALLEST_TABLE_FONT = 6  # a table is set no smaller than this to fit its page
# a word wider than this many ems (a URL, a line of Chinese) may be split in a table cell
LONGEST_UNBROKEN = 8
# never decode a picture larger than this (the reader refuses such manuscripts already; this
# guards pictures reaching the layout by another way): 60 megapixels is 180 MB as RGB
MAX_PICTURE_PIXELS = 60_000_000


class RecordedImage(Image):
    """A picture that tells the text record where it landed, how sharp it is there, and in
    which colour space: what the printer's preflight asks."""

    record: tuple[str, int, str] = ("", 0, "")  # name, pixel width, PIL mode
    alt: str = ""  # the author's description in Word: what a screen reader says
    source: bytes = b""  # the picture's file as set: print converts it to the press's CMYK

    def draw(self):
        drawn_on, picture, record = self.canv, self._img, self.record
        records = []
        for canvas, _variant in each_variant(drawn_on, None):  # print has the picture in CMYK
            self.canv, self._img, self.record = canvas, picture, record
            press = getattr(canvas, "press_profile", None)
            if press is not None and self.source:
                converted = in_press_colour(self.source, press)
                if converted is not None:
                    self._img = ImageReader(BytesIO(converted))
                    self.record = (self.record[0], self.record[1], "CMYK")
            with alt_text(canvas, self.alt):
                super().draw()
            records.append(self.record)
        self.canv, self._img, self.record = drawn_on, picture, records[0]  # the record is the first canvas's
        recorder = getattr(drawn_on, "text_recorder", None)
        if recorder is not None:
            name, pixels, mode = self.record
            recorder.add_image(name, pixels * 72 / self.drawWidth if self.drawWidth else 0, mode)


class VectorPicture(RecordedImage):
    """An SVG picture, drawn as vectors (svglib turns it into a ReportLab drawing): sharp at
    any size, so it is recorded as a vector, never as too few pixels."""

    def __init__(self, drawing, width: float, height: float) -> None:
        Flowable.__init__(self)  # no bitmap to open: Image's own set-up reads one
        self.drawing = drawing
        self.drawWidth, self.drawHeight = width, height
        self.imageWidth, self.imageHeight = drawing.width, drawing.height

    def wrap(self, available_width, available_height):
        return self.drawWidth, self.drawHeight

    def draw(self):
        with alt_text(self.canv, self.alt):
            self.canv.saveState()
            self.canv.scale(self.drawWidth / self.imageWidth, self.drawHeight / self.imageHeight)
            renderPDF.draw(self.drawing, self.canv, 0, 0, showBoundary=False)
            self.canv.restoreState()
        recorder = getattr(self.canv, "text_recorder", None)
        if recorder is not None:
            recorder.add_image(self.record[0], VECTOR_PPI, "vector")


class ColumnTable(Table):
    """A table in a column. Balanced columns deep-copy a flowable for each split they try;
    a table's copy shares its cells and styles (wrap and split only rebind attributes), so
    trying splits of a long table costs time linear in its rows, not quadratic."""

    def __deepcopy__(self, memo):
        return copy.copy(self)


class SpanningTable(ColumnTable):
    """A table too wide for a column: the story sets it across the full text width."""


class SpanningImage(RecordedImage):
    """A picture the author placed wider than a column: set across the full text width."""


class SpanningVector(VectorPicture, SpanningImage):
    """An SVG picture placed wider than a column."""


class SpanningGroup(KeepTogether):
    """A spanning picture and the caption under it, kept together across the full width."""


SPANNING = (SpanningTable, SpanningImage, SpanningGroup)

WIDE_PICTURE = 1.1  # placed this much wider than a column in Word: meant to span the columns


@dataclass(frozen=True)
class BlockStyles:
    """The styles one kind of page uses for each kind of block."""

    body: ParagraphStyle
    body_first: ParagraphStyle
    quote: ParagraphStyle
    caption: ParagraphStyle
    signature: ParagraphStyle
    heading1: ParagraphStyle
    heading2: ParagraphStyle
    list_item: ParagraphStyle
    table_cell: ParagraphStyle
    note: ParagraphStyle


class BlockConverter:
    """Converts the blocks of one entry; reports pictures it cannot draw into the sink."""

    def __init__(self, styles: BlockStyles, width: float, max_image_height: float,
                 sink: Sink, entry_id: str, lang: str, full_width: float | None = None) -> None:
        self.styles, self.width, self.max_image_height = styles, width, max_image_height
        self.sink, self.entry_id, self.lang = sink, entry_id, lang
        self.full_width = full_width or width  # what a table too wide for `width` may take
        self.top_level = True  # a picture spans the columns only outside boxes

    def convert(self, blocks: tuple[Block, ...]) -> list[Flowable]:
        flowables: list[Flowable] = []
        after_heading = True
        notes_begun = False
        self._signature = signature_of(blocks) if self.top_level else None
        self._label_widths = _label_widths(blocks, self.styles.list_item)
        for block in blocks:
            if isinstance(block, Note) and not notes_begun:
                notes_begun = True  # a short rule sets the notes off from the text
                flowables.append(HRFlowable(width="30%", thickness=0.5, color=GREY, spaceBefore=6,
                                            spaceAfter=3, hAlign="LEFT"))
            flowables.extend(self._block(block, after_heading))
            after_heading = isinstance(block, Heading)
        return keep_headings_with_text(self._captions_with_spanning_pictures(flowables))

    def _captions_with_spanning_pictures(self, flowables: list[Flowable]) -> list[Flowable]:
        grouped: list[Flowable] = []
        for flowable in flowables:
            if grouped and isinstance(grouped[-1], SpanningImage) and \
                    getattr(flowable, "style", None) is self.styles.caption:
                grouped[-1] = SpanningGroup([grouped[-1], flowable])
            else:
                grouped.append(flowable)
        return grouped

    def _block(self, block: Block, after_heading: bool) -> list[Flowable]:
        if isinstance(block, ParagraphNode):
            return self._paragraph(block, after_heading)
        if isinstance(block, Heading):
            style = self.styles.heading1 if block.level <= 1 else self.styles.heading2
            return self._paragraph_pieces(block.inlines, style)
        if isinstance(block, ListItem):
            base = self.styles.list_item
            hanging = max(base.leftIndent - base.bulletIndent, self._label_widths.get(id(block), 0.0))
            style = replace_style(base, "lvl", leftIndent=base.bulletIndent + hanging + block.level * LIST_INDENT,
                                  bulletIndent=base.bulletIndent + block.level * LIST_INDENT)
            return self._paragraph_pieces(block.inlines, style, bullet=_printable_label(block, style))
        if isinstance(block, TableNode):
            return [self._table(block)]
        if isinstance(block, Sidebar):
            top_level, self.top_level = self.top_level, False
            try:
                return [self._boxed(self.convert(block.blocks))]
            finally:
                self.top_level = top_level
        if isinstance(block, Note):
            return self._note(block)
        return []  # a PageBreak: columns flow on; the text around it is kept

    def _note(self, note: Note) -> list[Flowable]:
        """A note at the article's end, its number leading its first paragraph."""
        inner = BlockConverter(replace(self.styles, body=self.styles.note, body_first=self.styles.note),
                               self.width, self.max_image_height, self.sink, self.entry_id, self.lang)
        label = note_label(note.number, note.kind)
        blocks = note.blocks
        if blocks and isinstance(blocks[0], ParagraphNode):
            number = (Text(label, frozenset({"superscript"})), Text("\u00a0"))
            return inner.convert((replace(blocks[0], inlines=number + blocks[0].inlines), *blocks[1:]))
        return [Paragraph(f"<super>{label}</super>", self.styles.note), *inner.convert(blocks)]

    def _paragraph(self, block: ParagraphNode, after_heading: bool) -> list[Flowable]:
        if block.role == "pullquote":  # a sentence repeated large, between rules, where it stands
            style = replace_style(self.styles.quote, "pull", fontSize=self.styles.quote.fontSize + 2,
                                  leading=self.styles.quote.leading * 1.25, alignment=TA_LEFT, leftIndent=0,
                                  rightIndent=0, spaceBefore=0, hyphenationLang="", ending="heading",
                                  balanced=1, grid=0, role="pullquote")
            return [pull_quote(SetParagraph(_trimmed(block.inlines), style), self.styles.body.leading)]
        role_styles = {"quote": self.styles.quote, "caption": self.styles.caption,
                       "signature": self.styles.signature, "title": self.styles.heading1,
                       "subtitle": self.styles.heading2}
        style = role_styles.get(block.role) or (self.styles.body_first if after_heading else self.styles.body)
        if block is self._signature:
            style = self.styles.signature
        return self._paragraph_pieces(block.inlines, style)

    def _paragraph_pieces(self, inlines, style, bullet: str | None = None) -> list[Flowable]:
        flowables: list[Flowable] = []
        for piece in split_images(inlines):
            if isinstance(piece, InlineImage):
                flowables.append(self._image(piece))
                continue
            if any(isinstance(node, NoteRef) or (isinstance(node, Text) and node.text.strip()) for node in piece):
                flowables.append(SetParagraph(_trimmed(piece), style, bullet))
                bullet = None
        return flowables

    def _image(self, node: InlineImage) -> Flowable:
        image = node.image
        if is_svg(image):
            return self._vector_image(image)
        too_big = _n("scale it below {count} megapixel and insert it again",
                     "scale it below {count} megapixels and insert it again", MAX_PICTURE_PIXELS // 1_000_000)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
                with PILImage.open(BytesIO(image.data)) as picture:  # reads the header only
                    pixel_width, pixel_height = picture.size
                    if pixel_width * pixel_height > MAX_PICTURE_PIXELS:  # never decoded
                        return self._refuse_image(image, _("picture {name} has {width} × {height} pixels, too "
                                                           "many to decode; a frame marks its place",
                                                           name=image.name, width=pixel_width,
                                                           height=pixel_height), too_big)
                    natural_width = image.width_pt or pixel_width * 72 / 300
                    natural_height = image.height_pt or pixel_height * 72 / 300
                    wide = self.top_level and self.full_width > self.width and \
                        natural_width > self.width * WIDE_PICTURE
                    width, kind = (self.full_width, SpanningImage) if wide else (self.width, RecordedImage)
                    scale = min(width / natural_width, self.max_image_height / natural_height)
                    smaller = reduced(picture, natural_width * scale, natural_height * scale)
                    if smaller is not None:  # no more pixels than print needs: memory stays bounded
                        data, pixel_width, mode = smaller
                    else:
                        picture.load()  # Windows metafiles open but cannot be drawn here
                        data, mode = image.data, picture.mode
        except PILImage.DecompressionBombError:
            return self._refuse_image(image, _("picture {name} declares too many pixels to decode; a frame marks "
                                               "its place", name=image.name), too_big)
        except Exception:
            return self._refuse_image(image, _("picture {name} ({type}) cannot be drawn; a frame marks its place",
                                               name=image.name, type=image.content_type),
                                      _("export the picture as PNG or JPEG and insert it again"))
        picture = kind(BytesIO(data), natural_width * scale, natural_height * scale)
        picture.record, picture.source = (image.name, pixel_width, mode), data
        picture.alt = image.description
        picture.spaceBefore, picture.spaceAfter = 4, 4
        return picture

    def _vector_image(self, image) -> Flowable:
        drawing = svg_drawing(image.data)
        if drawing is None or not drawing.width or not drawing.height:
            return self._refuse_image(image, _("picture {name} (SVG) cannot be read; a frame marks its place",
                                               name=image.name),
                                      _("export the picture as PNG or JPEG and insert it again"))
        natural_width = image.width_pt or drawing.width
        natural_height = image.height_pt or drawing.height
        wide = self.top_level and self.full_width > self.width and natural_width > self.width * WIDE_PICTURE
        width, kind = (self.full_width, SpanningVector) if wide else (self.width, VectorPicture)
        scale = min(width / natural_width, self.max_image_height / natural_height)
        picture = kind(drawing, natural_width * scale, natural_height * scale)
        picture.record = (image.name, 0, "vector")
        picture.alt = image.description
        picture.spaceBefore, picture.spaceAfter = 4, 4
        return picture

    def _refuse_image(self, image, message: str, hint: str) -> Flowable:
        """A picture that is never decoded: an error (`message`, the whole sentence), and a frame
        with its name in its place."""
        self.sink.error("layout.unsupported-image", message,
                        article=self.entry_id, lang=self.lang, file=image.name, hints=(hint,))
        return self._boxed([Paragraph(f"[{image.name}]", self.styles.caption)])

    def _table(self, table: TableNode) -> Flowable:
        grid, spans, header_rows = _grid(table)
        columns = len(grid[0])
        for width, kind in ((self.width, ColumnTable), (self.full_width, SpanningTable)):
            for style in _shrinking(self.styles.table_cell):
                minimum = _minimum_widths(grid, style)
                if sum(minimum) <= width:
                    return self._set_table(table, grid, spans, header_rows, style,
                                           _column_widths(minimum, width), kind)
                if kind is ColumnTable:
                    break  # a column table keeps the text size; it goes wide instead
        message = (_n("{article}: a table of {count} column is too wide for the page even in {size} pt type "
                      "({source})",
                      "{article}: a table of {count} columns is too wide for the page even in {size} pt type "
                      "({source})", columns, article=self.entry_id, size=SMALLEST_TABLE_FONT,
                      source=table.source.describe()) if table.source else
                   _n("{article}: a table of {count} column is too wide for the page even in {size} pt type",
                      "{article}: a table of {count} columns is too wide for the page even in {size} pt type",
                      columns, article=self.entry_id, size=SMALLEST_TABLE_FONT))
        raise LayoutFailure(message, code="layout.table-too-wide", article=self.entry_id,
                            hint=_("split the table in Word or turn its columns into rows"))

    def _set_table(self, table, grid, spans, header_rows, cell_style, widths, kind) -> Flowable:
        styles = replace(self.styles, body=cell_style, body_first=cell_style, table_cell=cell_style)

        def content(cell, column: int):
            width = sum(widths[column:column + cell.colspan]) - 2 * CELL_PADDING
            return BlockConverter(styles, width, self.max_image_height, self.sink, self.entry_id,
                                  self.lang).convert(cell.blocks)

        cells = [[content(cell, c) if cell else "" for c, cell in enumerate(row)] for row in grid]
        flowable = kind(cells, colWidths=widths, repeatRows=header_rows,
                        style=TableStyle([("GRID", (0, 0), (-1, -1), 0.4, GREY), table_font(cell_style),
                                          ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                          ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                                          ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING), *spans]))
        flowable.spaceBefore = flowable.spaceAfter = 6
        return flowable

    def _boxed(self, content: list[Flowable]) -> Flowable:
        return self.boxed(content, self.width)

    def boxed(self, content: list[Flowable], width: float) -> Flowable:
        """Content in the magazine's box: a sidebar, a filler."""
        box = Table([[content]], colWidths=[width],
                    style=TableStyle([("BACKGROUND", (0, 0), (-1, -1), ACCENT_LIGHT), table_font(self.styles.table_cell),
                                      ("BOX", (0, 0), (-1, -1), 0.5, CMYKColor(0.6, 0.3, 0, 0)),
                                      ("LEFTPADDING", (0, 0), (-1, -1), 6),
                                      ("RIGHTPADDING", (0, 0), (-1, -1), 6)]))
        box.spaceBefore = box.spaceAfter = 6
        return box


def _grid(table: TableNode):
    """Place cells on a grid, honouring row and column spans; returns ReportLab SPAN commands."""
    occupied: set[tuple[int, int]] = set()
    placed: list[tuple[int, int, object, int, int]] = []
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row.cells:
            while (r, c) in occupied:
                c += 1
            placed.append((r, c, cell, cell.colspan, cell.rowspan))
            occupied.update((r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan))
            c += cell.colspan
    rows = max(r for r, _c in occupied) + 1 if occupied else 1
    columns = max(c for _r, c in occupied) + 1 if occupied else 1
    grid: list[list[object]] = [[None for _i in range(columns)] for _j in range(rows)]
    spans = []
    for r, c, content, colspan, rowspan in placed:
        grid[r][c] = content
        if colspan > 1 or rowspan > 1:
            spans.append(("SPAN", (c, r), (c + colspan - 1, r + rowspan - 1)))
    header_rows = 0
    for row in table.rows:
        if not row.header:
            break
        header_rows += 1
    return grid, spans, header_rows


def _trimmed(inlines: tuple) -> tuple:
    """Spaces at a paragraph's ends are not set."""
    nodes = list(inlines)
    if nodes and isinstance(nodes[0], Text):
        nodes[0] = replace(nodes[0], text=nodes[0].text.lstrip())
    if nodes and isinstance(nodes[-1], Text):
        nodes[-1] = replace(nodes[-1], text=nodes[-1].text.rstrip())
    return tuple(nodes)


def _shrinking(style: ParagraphStyle):
    """The cell style, then ever smaller down to the smallest size a table is printed at."""
    size = style.fontSize
    yield style
    while size > SMALLEST_TABLE_FONT:
        size = max(SMALLEST_TABLE_FONT, size - 0.5)
        yield replace_style(style, f"{size:g}pt", fontSize=size, leading=size * style.leading / style.fontSize)


def _minimum_widths(grid, style: ParagraphStyle) -> list[float]:
    """Each column's longest word (set in the cell style, with room for bold) plus padding:
    narrower, words would be split letter by letter. A cell spanning columns shares its word."""
    columns = len(grid[0])
    widths = [4 * style.fontSize] * columns  # even an empty column stays visible
    for row in grid:
        for c, cell in enumerate(row):
            if cell is not None:
                share = _content_minimum(cell.blocks, style) / min(cell.colspan, columns - c)
                for k in range(c, min(c + cell.colspan, columns)):
                    widths[k] = max(widths[k], share + 2 * CELL_PADDING + 1)
    return widths


def _content_minimum(blocks, style: ParagraphStyle) -> float:
    """The narrowest measure blocks can be set in: their longest word, or the minimum of a
    table nested in them."""
    narrowest = 0.0
    for block in blocks:
        if isinstance(block, TableNode):
            grid, _spans, _header_rows = _grid(block)
            narrowest = max(narrowest, sum(_minimum_widths(grid, style)))
        elif isinstance(block, Sidebar):
            narrowest = max(narrowest, _content_minimum(block.blocks, style) + 12)
        else:
            longest = 1.1 * max((stringWidth(word, style.fontName, style.fontSize)
                                 for word in block_text(block).split()), default=0)
            narrowest = max(narrowest, min(longest, LONGEST_UNBROKEN * style.fontSize))
    return narrowest


def _column_widths(minimum: list[float], total: float) -> list[float]:
    """Equal columns when every column's words fit; otherwise each gets its minimum and an
    equal share of what is left."""
    if max(minimum) <= total / len(minimum):
        return [total / len(minimum)] * len(minimum)
    extra = (total - sum(minimum)) / len(minimum)
    return [width + extra for width in minimum]


def table_font(style: ParagraphStyle) -> tuple:
    """ReportLab tables default to Helvetica for plain-string cells: name the magazine's font."""
    return ("FONTNAME", (0, 0), (-1, -1), style.fontName)


def replace_style(style: ParagraphStyle, suffix: str, **changes) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-{suffix}", parent=style, **changes)
