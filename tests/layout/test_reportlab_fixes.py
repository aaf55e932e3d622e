"""ReportLab keeps the text's own hyphens when a split paragraph is broken again."""

from __future__ import annotations

import pytest
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

import munpress.layout  # noqa: F401  (applies the fixes, as every build does)
from munpress.layout import reportlab_fixes
from munpress.layout.fonts import load_family
from munpress.typography.hyphenation import hyphenator_for
from tests.conftest import REPO

TEXT = ("Административно-территориальная реформа идёт кое-где медленно, из-за чего северо-западные "
        "айыл окмоту по-прежнему ждут <i>финансово-экономических</i> расчётов. " * 6)
COMPOUNDS = {"Административно-территориальная", "кое-где", "из-за", "северо-западные", "по-прежнему",
             "финансово-экономических"}


def _style() -> ParagraphStyle:
    font = load_family("PT Serif", REPO / "fonts").face("regular")
    return ParagraphStyle("body", fontName=font, fontSize=10, leading=13, alignment=TA_JUSTIFY,
                          hyphenationLang=hyphenator_for("ru"), embeddedHyphenation=1,
                          hyphenationMinWordLength=5, splitLongWords=1)


def _printed_words(paragraph: Paragraph, width: float) -> list[str]:
    paragraph.wrap(width, 100_000)
    lines = [" ".join(line[1]) if isinstance(line, tuple)
             else "".join(getattr(frag, "text", "") for frag in line.words)
             for line in paragraph.blPara.lines]
    joined = " ".join(lines)
    return joined.split()


def _rebroken_words() -> set[str]:
    """Split the paragraph after every line at one width, set the rest at another (as
    balanced columns and page turns do), and collect the words printed."""
    seen: set[str] = set()
    for lines in range(1, 12):
        whole = Paragraph(TEXT, _style())
        whole.wrap(170, 100_000)
        parts = whole.split(170, 13 * lines + 1)
        if len(parts) != 2:
            continue  # no split that leaves an orphan
        rest = parts[1]
        for width in (150, 200, 240):
            seen.update(_printed_words(rest, width))
    return seen


def test_compounds_keep_their_hyphen_when_a_split_paragraph_is_broken_again():
    printed = _rebroken_words()
    broken = {word.strip(".,").replace("-", "") for word in COMPOUNDS}
    assert not broken & {word.strip(".,") for word in printed}


def test_without_the_fix_reportlab_drops_the_hyphen(monkeypatch):
    from reportlab.platypus import paragraph

    monkeypatch.setattr(paragraph, "_shyUnsplit", reportlab_fixes._original_unsplit)
    printed = {word.strip(".,") for word in _rebroken_words()}
    if not {word.replace("-", "") for word in COMPOUNDS} & printed:
        pytest.fail("ReportLab no longer drops hyphens: remove munpress/layout/reportlab_fixes.py")
