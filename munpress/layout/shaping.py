"""Kerning from the font's own tables (GPOS and `kern`), through HarfBuzz.

`kerns` gives the adjustment after each character of a string set in one font; the line
breaker measures words with it and the drawing writes the same numbers into the PDF's TJ
arrays (ReportLab's `ShapedStr`), so what is measured is what is drawn. Ligatures and
contextual alternates are off: one glyph per character keeps copy-paste and the lost-text
record exact (ReportLab would map a ligature to a private-use character).
"""

from __future__ import annotations

from functools import cache, lru_cache

import uharfbuzz
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedStr, ShapeData

FEATURES = {"kern": True, "liga": False, "clig": False, "dlig": False, "calt": False, "rlig": False}


@cache
def _harfbuzz(font_name: str):
    """HarfBuzz's font for a registered TrueType font and the scale to thousandths of an
    em; None for fonts without their file's bytes (ReportLab's built-in fonts)."""
    face = getattr(pdfmetrics.getFont(font_name), "face", None)
    data = getattr(face, "_ttf_data", None)
    if data is None:
        return None
    hb_face = uharfbuzz.Face(uharfbuzz.Blob(data))
    return uharfbuzz.Font(hb_face), 1000 / hb_face.upem


@lru_cache(maxsize=1 << 17)
def kerns(font_name: str, text: str) -> tuple[float, ...]:
    """The kerning after each character of `text`, in thousandths of an em (negative:
    closer). All zeros when the font has none, or when shaping is not one glyph per
    character (then nothing is adjusted rather than something wrongly)."""
    zeros = (0.0,) * len(text)
    if len(text) < 2:
        return zeros
    harfbuzz = _harfbuzz(font_name)
    if harfbuzz is None:
        return zeros
    font, scale = harfbuzz
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    uharfbuzz.shape(font, buffer, FEATURES)
    infos, positions = buffer.glyph_infos, buffer.glyph_positions
    if len(infos) != len(text) or any(info.cluster != index for index, info in enumerate(infos)):
        return zeros
    adjustments = tuple((position.x_advance - font.get_glyph_h_advance(info.codepoint)) * scale
                        for info, position in zip(infos, positions))
    return adjustments if any(adjustments) else zeros


def kerned_width(font_name: str, size: float, text: str, adjustments: tuple[float, ...]) -> float:
    return pdfmetrics.stringWidth(text, font_name, size) + sum(adjustments) * size / 1000


def shaped(text: str, font_name: str, adjustments: tuple[float, ...]) -> str:
    """The text as ReportLab draws it with the adjustments: a `ShapedStr` (TJ with numbers)
    when any pair is kerned, else the plain string (a plain Tj)."""
    if not any(adjustments):
        return text
    widths = pdfmetrics.getFont(font_name).face.charWidths
    data = []
    for index, (ch, adjustment) in enumerate(zip(text, adjustments)):
        width = widths.get(ord(ch), 0)
        data.append(ShapeData(index, width + adjustment, 0, 0, 0, width))
    return ShapedStr(text, data)


def kern_text(text: str, font_name: str) -> str:
    """A whole string kerned for drawing (running heads, folios, the contents' numbers)."""
    return shaped(text, font_name, kerns(font_name, text))
