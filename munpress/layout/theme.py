"""Page geometry and colours, from the manifest's layout settings; plain numbers in points."""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.lib.colors import CMYKColor
from reportlab.lib.units import mm

from munpress.manifest.schema import LayoutSettings

# The magazine's colours, in CMYK as a print house expects.
ACCENT = CMYKColor(0.95, 0.55, 0.0, 0.10)  # the masthead blue
ACCENT_LIGHT = CMYKColor(0.12, 0.05, 0.0, 0.0)
INK = CMYKColor(0, 0, 0, 1)
GREY = CMYKColor(0, 0, 0, 0.55)
PAPER = CMYKColor(0, 0, 0, 0)
PROOF_MARK = CMYKColor(0, 0.45, 0.35, 0, alpha=0.22)  # a pale red the text shows through


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Theme:
    page_width: float
    page_height: float
    top: float
    bottom: float
    inner: float
    outer: float
    columns: int
    gutter: float
    body_size: float

    @classmethod
    def from_settings(cls, settings: LayoutSettings) -> "Theme":
        width, height = settings.trim_mm
        margins = settings.margins
        return cls(width * mm, height * mm, margins.top * mm, margins.bottom * mm,
                   margins.inner * mm, margins.outer * mm, settings.columns,
                   settings.gutter_mm * mm, settings.body_size_pt)

    def content_box(self, page: int) -> Box:
        """The text area of a physical page; odd pages are rectos, the spine on their left."""
        left = self.inner if page % 2 else self.outer
        right = self.outer if page % 2 else self.inner
        return Box(left, self.bottom, self.page_width - left - right,
                   self.page_height - self.top - self.bottom)

    @property
    def column_width(self) -> float:
        return self.width_of_columns(self.columns)

    def width_of_columns(self, columns: int) -> float:
        """The width of one column when the text area is cut into `columns`."""
        box = self.content_box(1)
        # rounded down: ReportLab refuses a picture or table a rounding error wider than its column
        return math.floor((box.width - self.gutter * (columns - 1)) / columns * 100) / 100

    @property
    def leading(self) -> float:
        return round(self.body_size * 1.3, 2)


