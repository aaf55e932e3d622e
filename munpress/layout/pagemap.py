"""Where things landed: plain data the checks read, with no ReportLab in it."""

from __future__ import annotations

from dataclasses import dataclass


# A page between the contents and the back may end with at most this share of its type area
# empty: copyfitting fills to it (copyfit.py, fitting.py) and the checks report pages past it.
HOLLOW = 0.25
# What a print house asks of a picture: the layout reduces larger ones to it (pictures.py),
# the preflight warns below it (checks/preflight.py).
PRINT_PPI = 300


@dataclass(frozen=True)
class Placement:
    """An entry of the edition and the physical page its title landed on."""

    entry_id: str
    kind: str
    title: str
    rubric: str
    page: int
    last_page: int


@dataclass(frozen=True)
class PageRecord:
    number: int  # physical page, the cover is 1
    template: str
    rubric: str
    folio: str  # what is printed at the foot ("" where none is printed)
    head: str = ""  # the rubric as printed in the running head ("" where there is none)
    head_wanted: str = ""  # what the running head should say; differs from `head` when shortened
    filled: float = 1.0  # share of the type area's height down to the lowest thing set on it


@dataclass(frozen=True)
class DrawnLine:
    """One line of text as drawn on the page, with the entry it belongs to (None before the
    first entry: cover, imprint, contents)."""

    page: int
    entry_id: str | None
    text: str


@dataclass(frozen=True)
class SetLine:
    """A line of a paragraph as munpress set it: what the typography report measures."""

    page: int
    entry_id: str | None
    chars: int
    words: int
    gap: float  # the line's word space as drawn, in ems of its font
    justified: bool  # stretched to the measure (not a last or ragged line)
    hyphenated: bool
    overfull: bool
    paragraph_start: bool  # the paragraph's first line
    paragraph_end: bool  # the paragraph's last line
    fragment_start: bool  # the first line of this column's part of the paragraph
    fragment_end: bool  # the last line of this column's part of the paragraph
    tracking: float = 0.0  # letter spacing, in ems of the type size per letter
    expansion: float = 0.0  # glyphs widened (+) or narrowed (-), as a share of their width
    kerned: int = 0  # letter pairs drawn closer or wider by the font's kerning
    letters: int = 0
    x: float = 0.0  # the line's left edge and baseline on the page, in points from its corner
    y: float = 0.0
    size: float = 0.0  # the type size of the paragraph
    role: str = "text"  # "text", "title" (an article's), "heading", "signature", "list", "note"
    text: str = ""  # the line as drawn, for pointing at the worst cases


@dataclass(frozen=True)
class PlacedImage:
    page: int
    entry_id: str | None
    name: str
    ppi: float  # pixels per inch at the size it is printed
    mode: str  # PIL's colour mode: RGB, CMYK, L, P, …


@dataclass(frozen=True)
class PlacedFiller:
    """A filler or pull quote copyfitting set after an article (layout/copyfit.py)."""

    page: int
    entry_id: str | None  # the article it follows
    filler_id: str


# What the text record holds in place of a character the font cannot print.
NOT_PRINTED = "\ufffd"


@dataclass(frozen=True)
class MissingGlyph:
    """A character drawn in a font that has no glyph for it: the page shows a blank."""

    entry_id: str | None
    char: str
    font: str


@dataclass(frozen=True)
class PageMap:
    lang: str
    placements: tuple[Placement, ...]
    pages: tuple[PageRecord, ...]
    lines: tuple[DrawnLine, ...] = ()
    missing_glyphs: tuple[MissingGlyph, ...] = ()
    set_lines: tuple[SetLine, ...] = ()
    images: tuple[PlacedImage, ...] = ()
    barcode: tuple[str, str] | None = None  # the EAN-13 and add-on digits drawn on the cover
    fillers: tuple[PlacedFiller, ...] = ()
    fitted: tuple[tuple[str, int], ...] = ()  # (entry, lines won (-) or added (+)) by copyfitting (fitting.py)

    def hollow_pages(self) -> list[PageRecord]:
        """The article pages that stop above three-quarters of their type area (HOLLOW)."""
        return [page for page in self.pages if page.template == "article" and page.filled < 1 - HOLLOW]

    def lines_of(self, entry_id: str) -> list[DrawnLine]:
        return [line for line in self.lines if line.entry_id == entry_id]

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def page_of(self, entry_id: str) -> int | None:
        for placement in self.placements:
            if placement.entry_id == entry_id:
                return placement.page
        return None


def page_runs(pages) -> list[tuple[int, int]]:
    """Sorted page numbers as runs of consecutive pages: [4, 5, 6, 9] → [(4, 6), (9, 9)]."""
    runs: list[tuple[int, int]] = []
    for page in pages:
        if runs and page == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], page)
        else:
            runs.append((page, page))
    return runs
