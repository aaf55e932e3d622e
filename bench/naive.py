"""The naive baseline: what a 80-line script does with the same manuscripts and none of
munpress's features. python-docx paragraphs into two ReportLab frames a page, PT Serif
10/12.5, justified, ReportLab's own greedy lines with pyphen `ru_RU` hyphenation.

Usage: python bench/naive.py FILE.docx [FILE.docx …] [--out FILE.pdf]
Prints one JSON line: pages, CPU and wall seconds (imports included, and apart).
"""

from __future__ import annotations

import time

START_WALL, START_CPU = time.perf_counter(), time.process_time()

import argparse  # noqa: E402
import json  # noqa: E402
from io import BytesIO  # noqa: E402
from pathlib import Path  # noqa: E402

import docx  # noqa: E402
import fontpkg  # noqa: E402
from reportlab.lib.enums import TA_JUSTIFY  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph  # noqa: E402
from xml.sax.saxutils import escape  # noqa: E402

IMPORTS_WALL, IMPORTS_CPU = time.perf_counter() - START_WALL, time.process_time() - START_CPU


def typeset(paths: list[Path]) -> tuple[bytes, int]:
    pdfmetrics.registerFont(TTFont("Serif", str(fontpkg.path("PT Serif", 400, "normal"))))
    style = ParagraphStyle("body", fontName="Serif", fontSize=10, leading=12.5, alignment=TA_JUSTIFY,
                           firstLineIndent=10, hyphenationLang="ru_RU", embeddedHyphenation=1)
    story = [Paragraph(escape(paragraph.text), style)
             for path in paths for paragraph in docx.Document(str(path)).paragraphs if paragraph.text.strip()]
    width, height = A4
    top, bottom, inner, gutter = 18 * mm, 20 * mm, 16 * mm, 5 * mm
    column = (width - 2 * inner - gutter) / 2
    frames = [Frame(inner + i * (column + gutter), bottom, column, height - top - bottom, id=f"c{i}")
              for i in range(2)]
    buffer = BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=A4, pageTemplates=[PageTemplate(id="page", frames=frames)],
                          invariant=1)
    doc.build(story)
    return buffer.getvalue(), doc.page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("manuscripts", nargs="+", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    pdf, pages = typeset(args.manuscripts)
    if args.out:
        args.out.write_bytes(pdf)
    print(json.dumps({"pages": pages, "cpu": time.process_time() - START_CPU,
                      "wall": time.perf_counter() - START_WALL,
                      "imports_cpu": IMPORTS_CPU, "imports_wall": IMPORTS_WALL}))


if __name__ == "__main__":
    main()
