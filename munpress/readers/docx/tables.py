"""Word tables on the grid: w:gridSpan → colspan, w:vMerge → rowspan (continuation cells
removed), w:tblHeader rows → header rows, nested tables kept inside their cell."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from munpress.model.nodes import Block, Table, TableCell, TableRow, block_text
from munpress.readers.docx import ooxml

if TYPE_CHECKING:
    from munpress.readers.docx.blocks import BlockReader

W = ooxml.NAMESPACES["w"]
WRAPPERS = frozenset({"sdt", "sdtContent", "customXml", "ins", "moveTo"})
MAX_COLUMNS = 63  # Word's widest table; a larger span is damage that would swamp the layout's grid


@dataclass
class GridCell:
    column: int
    span: int
    merge: str | None  # None, "restart" or "continue"
    blocks: tuple[Block, ...]
    rowspan: int = 1


@dataclass
class GridRow:
    cells: list[GridCell]
    header: bool


def unwrap(parent: ooxml.Element, name: str) -> list[ooxml.Element]:
    """Children called `name`, looking through content controls and custom XML around them."""
    found: list[ooxml.Element] = []
    for node in parent:
        if ooxml.namespace(node) != W:
            continue
        local = ooxml.local_name(node)
        if local == name:
            found.append(node)
        elif local in WRAPPERS:
            found.extend(unwrap(node, name))
    return found


def read_table(table: ooxml.Element, reader: "BlockReader") -> Table | None:
    first_paragraph = reader.context.paragraph_count + 1
    rows = [row for row in (read_row(element, reader) for element in unwrap(table, "tr")) if row]
    if not rows:
        return None
    span_rows(rows)
    model_rows = tuple(
        TableRow(tuple(TableCell(cell.blocks, cell.span, cell.rowspan) for cell in row.cells
                       if cell.merge != "continue"), row.header)
        for row in rows
    )
    if not any(cell.blocks for row in rows for cell in row.cells):
        return None  # nothing printable: an empty grid or only form fields
    text = " ".join(block_text(block) for row in rows for cell in row.cells for block in cell.blocks)
    where = reader.context.fixed_paragraph or first_paragraph
    return Table(tuple(row for row in model_rows if row.cells), reader.context.source(text, where))


def read_row(row: ooxml.Element, reader: "BlockReader") -> GridRow | None:
    properties = ooxml.child(row, "w:trPr")
    if ooxml.child(properties, "w:del") is not None:
        reader.context.review.deletions += 1
        return None
    if ooxml.child(properties, "w:ins") is not None:
        reader.context.review.insertions += 1
    header = bool(ooxml.is_on(ooxml.child(properties, "w:tblHeader")))
    cells: list[GridCell] = []
    column = 0
    for cell in unwrap(row, "tc"):
        cell_properties = ooxml.child(cell, "w:tcPr")
        span = columns(ooxml.value(cell_properties, "w:gridSpan"), 1)
        cells.append(GridCell(column, span, merge_kind(cell_properties), tuple(reader.read_container(cell))))
        column += span
    if not cells:
        return None
    return GridRow(pad_grid(cells, properties), header)


def columns(text: str | None, least: int) -> int:
    """A grid span, gridBefore or gridAfter: `least` when unreadable, never wider than Word's widest table."""
    return min(max(ooxml.integer(text, least) or least, least), MAX_COLUMNS)


def pad_grid(cells: list[GridCell], properties: ooxml.Element | None) -> list[GridCell]:
    """Empty cells for w:gridBefore/w:gridAfter, so every row covers the table's grid."""
    before = columns(ooxml.value(properties, "w:gridBefore"), 0)
    after = columns(ooxml.value(properties, "w:gridAfter"), 0)
    for cell in cells:
        cell.column += before
    padded = [GridCell(0, before, None, ())] if before else []
    padded.extend(cells)
    if after:
        padded.append(GridCell(cells[-1].column + cells[-1].span, after, None, ()))
    return padded


def merge_kind(cell_properties: ooxml.Element | None) -> str | None:
    merge = ooxml.child(cell_properties, "w:vMerge")
    if merge is None:
        return None
    return "restart" if ooxml.attribute(merge, "w:val") == "restart" else "continue"


def span_rows(rows: list[GridRow]) -> None:
    """Give each vertically merged first cell its rowspan; orphan continuations become cells."""
    open_cells: dict[int, GridCell] = {}
    for row in rows:
        for cell in row.cells:
            if cell.merge == "continue" and cell.column in open_cells:
                open_cells[cell.column].rowspan += 1
                continue
            if cell.merge == "continue":
                cell.merge = None  # nothing above to merge into: keep it as an ordinary cell
            if cell.merge == "restart":
                open_cells[cell.column] = cell
            else:
                open_cells.pop(cell.column, None)
