"""Floats: a picture (or a pull quote set in the text) that does not fit the rest of its
column waits at the top of the next one while the text after it fills the column, so no
column is left short for it (LaTeX's float placement, InDesign's anchored objects). A
picture keeps its caption; the text it lets pass is the few paragraphs after it, never past
a heading's section or the end of the article.
"""

from __future__ import annotations

import copy

from reportlab.platypus import Flowable

from munpress.layout.blocks import SPANNING, RecordedImage
from munpress.layout.copyfit import RuledBlock
from munpress.layout.grid import GridBlock
from munpress.layout.keeps import HeadingWithText
from munpress.layout.paragraph import SetParagraph

FUZZ = 1e-6
# paragraphs a picture may let pass: enough to fill any column it leaves, few enough that it
# stays near the text that speaks of it
MAX_FOLLOWERS = 6


class Stack(Flowable):
    """Flowables one under the other as one block, spaced as a frame spaces them."""

    sits_on_grid = True  # its parts are on the grid already (layout/grid.py)

    def __init__(self, parts: list[Flowable]) -> None:
        super().__init__()
        self.parts = parts
        self.width = self.height = 0
        self._heights: list[float] = []

    def __deepcopy__(self, memo):
        return Stack([copy.deepcopy(part, memo) for part in self.parts])

    def getSpaceBefore(self):
        return self.parts[0].getSpaceBefore() if self.parts else 0

    def getSpaceAfter(self):
        return self.parts[-1].getSpaceAfter() if self.parts else 0

    def getKeepWithNext(self):
        return self.parts[-1].getKeepWithNext() if self.parts else 0

    def wrap(self, available_width, available_height):
        self._heights = [part.wrapOn(self.canv, available_width, available_height)[1] for part in self.parts]
        self.width = available_width
        self.height = sum(self._heights) + sum(_gap(a, b) for a, b in zip(self.parts, self.parts[1:]))
        return self.width, self.height

    def split(self, available_width, available_height):
        return []

    def draw(self):
        y = self.height
        for index, (part, height) in enumerate(zip(self.parts, self._heights)):
            y -= height + (_gap(self.parts[index - 1], part) if index else 0)
            part.drawOn(self.canv, _x(part, self.width), y)


class FloatGroup(Stack):
    """A picture (with its caption) and the paragraphs after it. Where all of it fits it is
    set in the author's order; where the picture does not fit what is left of the column,
    the paragraphs fill the column and the picture opens the next one."""

    def __init__(self, picture: Flowable, followers: list[Flowable]) -> None:
        super().__init__([picture, *followers])
        self.picture, self.followers = picture, followers

    def __deepcopy__(self, memo):
        return FloatGroup(copy.deepcopy(self.picture, memo), [copy.deepcopy(f, memo) for f in self.followers])

    def split(self, available_width, available_height):
        placed: list[Flowable] = []
        room, waiting, rest = available_height, False, []
        parts = self.parts
        for index, part in enumerate(parts):
            gap = _gap(placed[-1], part) if placed else 0
            _, height = part.wrapOn(self.canv, available_width, max(0.0, room - gap))
            if height <= room - gap + FUZZ:
                placed.append(part)
                room -= gap + height
                continue
            if part is self.picture:
                waiting = True  # the text after it goes first
                continue
            pieces = part.splitOn(self.canv, available_width, room - gap) if room - gap > 0 else []
            if pieces:
                placed.append(pieces[0])
                rest = [*pieces[1:], *parts[index + 1:]]
            else:
                rest = list(parts[index:])
            break
        if waiting:
            rest.insert(0, self.picture)  # it opens the next column
        if not placed or not rest:
            return []  # nothing of it fits here: it all goes on
        return [placed[0] if len(placed) == 1 else Stack(placed), *rest]


def float_pictures(flowables: list[Flowable]) -> list[Flowable]:
    """The column's flowables with each picture (and its caption) grouped with the text
    paragraphs after it, so that the text may pass it at a column's foot."""
    out: list[Flowable] = []
    index = 0
    while index < len(flowables):
        flowable = flowables[index]
        if not _is_picture(flowable):
            out.append(flowable)
            index += 1
            continue
        picture, index = flowable, index + 1
        if index < len(flowables) and _is_caption(flowables[index]):
            picture, index = Stack([picture, flowables[index]]), index + 1
        passes_headings = _is_pull_quote(flowable)  # a picture stays in its section; a pull quote may leave it
        followers = []
        while index < len(flowables) and len(followers) < MAX_FOLLOWERS and \
                _is_text(flowables[index], passes_headings):
            followers.append(flowables[index])
            index += 1
        out.append(FloatGroup(picture, followers) if followers else picture)
    return out


def _inner(flowable: Flowable) -> Flowable:
    """What a column holds, without the padding that puts it on the grid."""
    return flowable.inner if isinstance(flowable, GridBlock) else flowable


def _is_picture(flowable: Flowable) -> bool:
    """A column picture, or a pull quote set in the text: neither is read at one place."""
    inner = _inner(flowable)
    return (isinstance(inner, RecordedImage) and not isinstance(inner, SPANNING)) or isinstance(inner, RuledBlock)


def _is_caption(flowable: Flowable) -> bool:
    return isinstance(flowable, SetParagraph) and getattr(flowable.style, "role", "") == "caption"


def _is_pull_quote(flowable: Flowable) -> bool:
    return isinstance(_inner(flowable), RuledBlock)


def _is_text(flowable: Flowable, passes_headings: bool) -> bool:
    """A paragraph of running text, or a subhead with its first paragraph where the float may
    pass headings."""
    if passes_headings and isinstance(flowable, HeadingWithText):
        return True
    return isinstance(flowable, SetParagraph) and getattr(flowable.style, "role", "text") == "text"


def _gap(above: Flowable, below: Flowable) -> float:
    return above.getSpaceAfter() + below.getSpaceBefore()


def _x(part: Flowable, width: float) -> float:
    align = getattr(part, "hAlign", "LEFT")
    return (width - part.width) / 2 if align == "CENTER" else width - part.width if align == "RIGHT" else 0
