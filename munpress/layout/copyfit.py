"""Copyfitting: no page left hollow where an article ends, filled as a designer fills it.

Where an article stops with more than a quarter of its page empty and what follows starts on
a new page, a `FillerSlot` sets the best-fitting piece of the magazine's own material in the
space: first a pull quote of that article, then the house advertisements, notices and short
notes of `fillers/` (munpress.toml `[[fillers]]`), each used once per edition. The choice is
made when ReportLab offers the slot its space, so the layout stays one pass; a page that no
filler fits is reported by `checks/pages.py` (`layout.hollow-page`).
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from reportlab.platypus import Flowable

from munpress.layout.flowables import frame_is_empty
from munpress.layout.pagemap import HOLLOW
from munpress.layout.theme import ACCENT

COLUMNS_SPACE_AFTER = 1.5  # lines of space after an article's columns (story.py)


class FillerPool:
    """The edition's fillers, each set at most once, in the order the magazine lists them."""

    def __init__(self, fillers: list[tuple[str, Callable[[float], Flowable]]]) -> None:
        self.fillers = fillers  # (id, build at a width)
        self.used: set[str] = set()

    def available(self) -> list[tuple[str, Callable[[float], Flowable]]]:
        return [(key, build) for key, build in self.fillers if key not in self.used]


class FillerSlot(Flowable):
    """The space after an article, filled when the page would otherwise stay hollow.

    `next_needs`: the height the next entry needs to start on this page (its CondPageBreak),
    or None when the next entry starts a new page anyway."""

    def __init__(self, pool: FillerPool, own: list[tuple[str, Callable[[float], Flowable]]],
                 frame_height: float, next_needs: float | None, gap: float) -> None:
        super().__init__()
        self.pool, self.own = pool, own
        self.frame_height, self.next_needs, self.gap = frame_height, next_needs, gap
        self.chosen: list[tuple[str, Flowable, float]] = []
        self.width = self.height = 0

    def __deepcopy__(self, memo):
        return self

    def wrap(self, available_width, available_height):
        self.chosen, self.height = [], 0
        frame = getattr(self, "_frame", None)
        empty = frame is not None and frame_is_empty(frame)
        leaves_page = self.next_needs is None or available_height < self.next_needs
        # the space after the article's columns is empty page too (the page map counts it)
        if empty or not leaves_page or available_height + self.gap * COLUMNS_SPACE_AFTER <= self.frame_height * HOLLOW:
            return available_width, 0
        self.chosen = self._fill(available_width, available_height)
        self.height = sum(height for _, _, height in self.chosen)
        self.width = available_width
        return available_width, self.height

    def _fill(self, width: float, room: float) -> list[tuple[str, Flowable, float]]:
        """Fillers until the page is full enough, spending as little of the pool as will do:
        the smallest one that is enough on its own, else the largest that fits, and again."""
        chosen: list[tuple[str, Flowable, float]] = []
        candidates = [*self.own, *self.pool.available()]
        while room + self.gap * COLUMNS_SPACE_AFTER > self.frame_height * HOLLOW:
            fitting = []
            for key, build in candidates:
                if any(key == taken for taken, _, _ in chosen):
                    continue
                flowable = build(width)
                _, height = flowable.wrapOn(self.canv, width, room)
                height += self.gap
                if height <= room:
                    fitting.append((key, flowable, height))
            if not fitting:
                break
            enough = [f for f in fitting if room - f[2] + self.gap * COLUMNS_SPACE_AFTER <= self.frame_height * HOLLOW]
            best = min(enough, key=lambda f: f[2]) if enough else max(fitting, key=lambda f: f[2])
            chosen.append(best)
            room -= best[2]
        order = [key for key, _ in candidates]  # the article's own pull quote first, under its text
        return sorted(chosen, key=lambda piece: order.index(piece[0]))

    def split(self, available_width, available_height):
        return []

    def draw(self):
        recorder = getattr(self.canv, "text_recorder", None)
        y = self.height
        for key, flowable, height in self.chosen:
            self.pool.used.add(key)
            if recorder is not None:
                recorder.add_filler(key)
            y -= height
            flowable.drawOn(self.canv, 0, y)


def pull_quote(inner: Flowable, grid: float) -> Flowable:
    """A pull quote as a designed element: the sentence large, between two accent rules."""
    return RuledBlock(inner, grid / 2)


class RuledBlock(Flowable):
    """A block between two accent rules, never split (a pull quote reads whole)."""

    RULE = 1.2

    def __init__(self, inner: Flowable, padding: float) -> None:
        super().__init__()
        self.inner, self.padding = inner, padding
        self.width = self.height = 0

    def __deepcopy__(self, memo):
        return RuledBlock(copy.copy(self.inner), self.padding)

    def wrap(self, available_width, available_height):
        _, height = self.inner.wrapOn(self.canv, available_width, available_height)
        self._inner_height = height
        self.width, self.height = available_width, height + 2 * (self.padding + self.RULE)
        return self.width, self.height

    def split(self, available_width, available_height):
        return []

    def draw(self):
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(self.RULE)
        for y in (self.RULE / 2, self.height - self.RULE / 2):
            canvas.line(0, y, self.width, y)
        canvas.restoreState()
        self.inner.drawOn(canvas, 0, self.RULE + self.padding)
