"""Workarounds for ReportLab 5.1: a bug that drops hyphens of the text itself, and
ligatures in its shaped paragraphs.

When a paragraph broken at a word's own hyphen ("Ich-|Zuständen", "кое-|как") is split
between columns or pages and broken again, ReportLab rejoins the pieces with
`paragraph._shyUnsplit`, which strips every trailing "-" as if it had been added by
hyphenation: "IchZuständen" is printed. Hyphens added by hyphenation are stripped by its
callers before the join, so the join itself must keep the text's own hyphen. Found by the
`layout.lost-text` check on a real manuscript; tested in tests/layout/test_reportlab_fixes.py.
"""

from __future__ import annotations

from reportlab.pdfbase import ttfonts
from reportlab.platypus import paragraph

from munpress.layout.shaping import FEATURES

_original_unsplit = paragraph._shyUnsplit


def _unsplit_keeping_hyphens(s, ss=None):
    # one argument: strip the added hyphen; a soft-hyphen word: the '-' was added at the split
    if ss is None or isinstance(s, paragraph._SHYStr):
        return _original_unsplit(s, ss)
    joined = _original_unsplit(s, ss)
    cut = len(s.rstrip("-"))
    if cut == len(s):
        return joined
    fixed = joined[:cut] + s[cut:] + joined[cut:]
    if isinstance(joined, paragraph._SHYIndexedStr):
        return paragraph._SHYIndexedStr(fixed, joined._shyIndices)
    return fixed


def apply() -> None:
    paragraph._shyUnsplit = _unsplit_keeping_hyphens
    # Paragraphs set by ReportLab (cover, contents, imprint) are shaped with kerning but
    # without ligatures: ReportLab maps a ligature to a private-use character, which copies
    # and extracts as garbage.
    ttfonts.shapeFragWord.__defaults__ = (FEATURES, False)
