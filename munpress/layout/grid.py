"""The baseline grid: body text sits on lines of the body leading, and whatever else stands
in a column (pictures, tables, boxes, captions, notes, rules) takes whole lines of it, so the
baselines of two columns line up as in a designed magazine (InDesign's "align to baseline
grid"). Text styles on the grid have a leading and spaces that are whole lines; this module
rounds up the rest.
"""

from __future__ import annotations

import copy
import math

from reportlab.platypus import Flowable
from reportlab.platypus.doctemplate import ActionFlowable

from munpress.layout.keeps import HeadingWithText
from munpress.layout.paragraph import SetParagraph

MIN_PADDING = 3.0  # points kept clear above and below a block in the column


class GridBlock(Flowable):
    """A flowable padded to whole grid lines, the padding shared above and below it."""

    def __init__(self, inner: Flowable, grid: float) -> None:
        super().__init__()
        self.inner, self.grid = inner, grid
        self.hAlign = getattr(inner, "hAlign", "LEFT")
        self.width = self.height = 0
        self._inner_height = 0.0

    def __deepcopy__(self, memo):  # balanced columns copy to try splits; the inner copies by its own rule
        return GridBlock(copy.deepcopy(self.inner, memo), self.grid)

    def wrap(self, available_width, available_height):
        width, height = self.inner.wrapOn(self.canv, available_width, available_height)
        self._inner_height = height
        self.width = width
        self.height = lines_for(height + 2 * MIN_PADDING, self.grid) * self.grid
        return self.width, self.height

    def split(self, available_width, available_height):
        parts = self.inner.splitOn(self.canv, available_width, max(0.0, available_height - 2 * MIN_PADDING))
        return [on_grid(part, self.grid) for part in parts]

    def getSpaceBefore(self):
        return 0

    def getSpaceAfter(self):
        return 0

    def getKeepWithNext(self):
        return self.inner.getKeepWithNext()

    def draw(self):
        self.inner.drawOn(self.canv, 0, (self.height - self._inner_height) / 2)


def lines_for(height: float, grid: float) -> int:
    """How many grid lines a height takes (a hair over a line is not a line more)."""
    return max(1, math.ceil(height / grid - 0.01))


def on_grid(flowable: Flowable, grid: float) -> Flowable:
    """The flowable as a column holds it: text set on the grid as it is, anything else padded."""
    return flowable if _sits_on_grid(flowable) else GridBlock(flowable, grid)


def _sits_on_grid(flowable: Flowable) -> bool:
    if getattr(flowable, "sits_on_grid", False):
        return True  # made of flowables on the grid (layout/floats.py)
    if isinstance(flowable, ActionFlowable) or getattr(flowable, "_ZEROSIZE", False):
        return True  # a frame break of a split, not a block
    if isinstance(flowable, SetParagraph):
        return bool(getattr(flowable.style, "grid", 0))
    if isinstance(flowable, HeadingWithText):
        return _sits_on_grid(flowable.heading) and _sits_on_grid(flowable.text)
    return False
