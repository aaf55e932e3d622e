"""Word spacing measured from a PDF's text layer, the way the peers were measured: any
typesetter's output can be compared, munpress's own line records are not needed.

Usage: python bench/wordgaps.py FILE.pdf [FILE.pdf …] [--first-page N]

For every page: words (pdfplumber, 1 pt tolerance inside a word) are grouped into lines; a
line counts when it has 20 or more characters and reaches its column's right edge (justified,
not a paragraph's last line). The gap between two words is the distance from the end of one
to the start of the next, in ems of the first word's size. Printed: the 95th percentile and
largest gap, the measured lines, and the longest run of consecutive lines ending in a hyphen.
"""

from __future__ import annotations

import argparse
import math
from collections import defaultdict

import pdfplumber

MIN_CHARS = 20
EDGE = 1.0  # points: a line this close to its column's right edge is justified


def _lines(page):
    words = page.extract_words(x_tolerance=1, y_tolerance=2, keep_blank_chars=False, extra_attrs=["size"])
    rows = defaultdict(list)
    for word in words:
        rows[round(word["bottom"])].append(word)
    return [sorted(row, key=lambda w: w["x0"]) for _, row in sorted(rows.items())]


def _columns(lines, middle: float):
    """Split each printed row at the gutter: the gap that spans the middle of the page."""
    for row in lines:
        run = [row[0]]
        for word in row[1:]:
            if run[-1]["x1"] < middle < word["x0"]:
                yield run
                run = [word]
            else:
                run.append(word)
        yield run


def measure(path: str, first_page: int = 1) -> dict:
    gaps: list[float] = []
    measured = 0
    run = longest = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages[first_page - 1:]:
            pieces = list(_columns(_lines(page), page.width / 2))
            edges: dict[int, float] = defaultdict(float)
            for piece in pieces:
                edges[round(piece[0]["x0"] / 20)] = max(edges[round(piece[0]["x0"] / 20)], piece[-1]["x1"])
            for piece in sorted(pieces, key=lambda p: (p[0]["x0"] > page.width / 2, p[0]["bottom"])):
                text = " ".join(word["text"] for word in piece)
                run = run + 1 if text.endswith("-") and text[-2:-1].isalpha() else 0
                longest = max(longest, run)
                edge = edges[round(piece[0]["x0"] / 20)]
                if len(text) < MIN_CHARS or len(piece) < 2 or edge - piece[-1]["x1"] > EDGE:
                    continue
                measured += 1
                gaps += [(b["x0"] - a["x1"]) / a["size"] for a, b in zip(piece, piece[1:])]
    gaps.sort()
    p95 = gaps[max(0, math.ceil(0.95 * len(gaps)) - 1)] if gaps else 0.0
    return {"file": path, "lines": measured, "gap_p95": round(p95, 3),
            "gap_max": round(gaps[-1], 3) if gaps else 0.0, "hyphen_run": longest}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--first-page", type=int, default=1, help="skip the cover and contents")
    args = parser.parse_args()
    for path in args.files:
        row = measure(path, args.first_page)
        print(f"{row['file']}: {row['lines']} justified lines, word space p95 {row['gap_p95']:.2f} em, "
              f"max {row['gap_max']:.2f} em, longest run of hyphenated lines {row['hyphen_run']}")


if __name__ == "__main__":
    main()
