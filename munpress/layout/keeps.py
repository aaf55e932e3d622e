"""Keeps: a heading never ends a column; it goes with at least two lines of the paragraph
after it (TeX's \\nobreak after a heading, CSS's break-after: avoid)."""

from __future__ import annotations

import copy

from reportlab.platypus import Flowable

from munpress.layout.paragraph import SetParagraph


class HeadingWithText(Flowable):
    """A heading and the paragraph after it, kept together: a column never ends with a
    heading, and at least two lines of its text follow it."""

    def __init__(self, heading: SetParagraph, text: SetParagraph) -> None:
        super().__init__()
        self.heading, self.text = heading, text
        self.width = self.height = 0

    def __deepcopy__(self, memo):
        return HeadingWithText(copy.copy(self.heading), copy.copy(self.text))

    def getSpaceBefore(self):
        return self.heading.getSpaceBefore()

    def getSpaceAfter(self):
        return self.text.getSpaceAfter()

    def _gap(self) -> float:
        return self.heading.getSpaceAfter() + self.text.getSpaceBefore()

    def wrap(self, available_width, available_height):
        _, heading = self.heading.wrap(available_width, available_height)
        _, text = self.text.wrap(available_width, available_height)
        self.width, self.height = available_width, heading + self._gap() + text
        return self.width, self.height

    def split(self, available_width, available_height):
        _, heading = self.heading.wrap(available_width, available_height)
        parts = self.text.split(available_width, available_height - heading - self._gap())
        if len(parts) != 2:
            return []  # the heading goes on with all of its text
        return [HeadingWithText(self.heading, parts[0]), parts[1]]

    def draw(self):
        heading_height = self.heading.height
        self.heading.drawOn(self.canv, 0, self.height - heading_height)
        self.text.drawOn(self.canv, 0, self.height - heading_height - self._gap() - self.text.height)


def keep_headings_with_text(flowables: list[Flowable]) -> list[Flowable]:
    """Bind each heading (a paragraph whose style keeps it with the next) to the paragraph after it."""
    bound: list[Flowable] = []
    for flowable in flowables:
        previous = bound[-1] if bound else None
        if (isinstance(flowable, SetParagraph) and isinstance(previous, SetParagraph)
                and previous.getKeepWithNext() and not flowable.getKeepWithNext()):
            bound[-1] = HeadingWithText(previous, flowable)
        else:
            bound.append(flowable)
    return bound
