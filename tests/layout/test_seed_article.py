"""The targets on a Kyrgyz text munpress was not tuned on: the source magazine's own text
(../shared/seed, read at test time, never copied), set at PT Serif 10 pt in 85 mm columns,
as the peers were measured (XeLaTeX 0.57 em, Typst 0.62 em, ReportLab 0.82 em)."""

from __future__ import annotations

import re

import pytest
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from munpress.checks.typography import percentile
from munpress.layout.fonts import load_family
from munpress.layout.paragraph import SetParagraph
from munpress.model.nodes import Text
from munpress.typography.hyphenation import hyphenator_for
from munpress.typography.normalize import normalize_text
from tests.conftest import REPO, SHARED

SEED = SHARED / "seed" / "000_758b02534ac7a334.txt"


def _paragraphs(text: str) -> list[str]:
    """Body paragraphs of the seed: long lines of prose, conversion marks removed."""
    lines = [re.sub(r"[*#_]+", "", line).strip() for line in text.splitlines()]
    return [line for line in lines if len(line) >= 200]


@pytest.mark.skipif(not SEED.is_file(), reason=f"the seed text is not at {SEED}")
def test_the_seed_kyrgyz_text_meets_the_targets():
    font = load_family("PT Serif", REPO / "fonts").face("regular")
    style = ParagraphStyle("body", fontName=font, fontSize=10, leading=13, alignment=TA_JUSTIFY,
                           firstLineIndent=12, hyphenationLang=hyphenator_for("ky"))
    gaps, run, longest, overfull, lines = [], 0, 0, 0, 0
    for text in _paragraphs(SEED.read_text("utf-8")):
        paragraph = SetParagraph((Text(normalize_text(text, "ky")),), style)
        paragraph.wrap(85 * mm, 100_000)
        for number, line in enumerate(paragraph._lines):
            placing = paragraph._placed(line, number)
            measured = paragraph._measure(line, number, placing)
            lines += 1
            run = run + 1 if measured.hyphenated else 0
            longest = max(longest, run)
            overfull += measured.overfull
            if measured.justified and measured.chars >= 20:
                gaps += [measured.gap] * max(1, measured.words - 1)
    assert lines > 80  # the seed is one short issue: about 110 lines of prose at this measure
    print(f"seed: {lines} lines, word space p95 {percentile(gaps, 0.95):.3f} em, longest hyphen run {longest}")
    assert percentile(gaps, 0.95) <= 0.50
    assert longest <= 2 and overfull == 0
