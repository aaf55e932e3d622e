"""Copyfitting by whole lines, worked out over the whole edition from a first layout.

An article that runs onto a page of its own by a few lines, in an edition one page over a
multiple of four, is pulled back: paragraphs are set a line shorter where it costs least
(TeX's `\\looseness`), pictures a little smaller.
One that leaves its last page hollow, with no filler to fill it, is run long the same way.
The edition is then laid out again, and the second layout is kept only when it is better
for the whole issue (a page count the printer can stitch, fewer hollow and filled pages);
otherwise the first stands. One extra layout, and only for an edition that needs it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.platypus import Flowable

from munpress.layout.blocks import SPANNING, RecordedImage
from munpress.layout.pagemap import HOLLOW, PageMap
from munpress.layout.keeps import HeadingWithText
from munpress.layout.paragraph import SetParagraph

PULL_BACK_LINES = 8  # an article with at most this many lines alone on its last page is pulled back
PICTURE_SHRINK = 0.85  # a picture may be set down to this share of its size to pull text back
STRETCH_LINES = 24  # at most this many lines are added to run an article long; a page that needs more is left


@dataclass(frozen=True)
class Fit:
    """What copyfitting asked of one article: lines fewer (<0) or more (>0)."""

    entry_id: str
    lines: int


def plan(page_map: PageMap, frame_height: float, leading: float, columns: int) -> tuple[Fit, ...]:
    """The articles to pull back or run long, read from where the first layout put them."""
    lines_on = Counter((line.entry_id, line.page) for line in page_map.set_lines)
    pictures_on = {(image.entry_id, image.page) for image in page_map.images}
    filled_by_filler = {filler.page for filler in page_map.fillers}
    placements = page_map.placements
    one_over = page_map.page_count % 4 == 1  # a page freed makes it a multiple of four
    fits = []
    for index, placement in enumerate(placements):
        if placement.kind != "article":
            continue
        following = placements[index + 1].page if index + 1 < len(placements) else page_map.page_count
        last = placement.last_page
        if following <= last:
            continue  # the next entry starts on the article's last page: nothing is left hollow
        held = lines_on[(placement.entry_id, last)]
        if last > placement.page and 0 < held <= PULL_BACK_LINES and (placement.entry_id, last) not in pictures_on:
            if not one_over:
                continue  # the page it frees would not make the count one the printer can stitch
            fits.append(Fit(placement.entry_id, -(held + columns)))  # a line a column more: splits keep two lines
            continue
        page = page_map.pages[last - 1]
        if page.filled < 1 - HOLLOW and last not in filled_by_filler:
            missing = math.ceil(((1 - HOLLOW) - page.filled) * frame_height / leading) * columns
            if missing <= STRETCH_LINES:  # more than that no running long can give: not tried
                fits.append(Fit(placement.entry_id, missing))
    return tuple(fits)


def apply(body: list[Flowable], lines: int, width: float, leading: float) -> int:
    """Set paragraphs of an article's `body` (flowables not yet laid out) a line shorter or
    longer, cheapest first, until `lines` is reached; when pulling back and the text alone
    cannot give enough, set its pictures smaller. Returns the lines won (an estimate: the
    second layout says what really happened)."""
    step = -1 if lines < 0 else 1
    costs = []
    for order, paragraph in enumerate(_body_paragraphs(body)):
        cost = paragraph.looseness_cost(width, step)
        if cost is not None:
            costs.append((cost, order, paragraph))
    costs.sort(key=lambda item: item[:2])  # ties go to the earlier paragraph: deterministic
    won = 0
    for _, _, paragraph in costs[:abs(lines)]:
        paragraph.looseness, paragraph._width = step, -1.0  # broken anew, looser or tighter, as it is laid out
        won += 1
    if step < 0 and won < abs(lines):
        won += _shrink_pictures(body, abs(lines) - won, leading)
    return won * step


def _body_paragraphs(body: list[Flowable]) -> Iterator[SetParagraph]:
    """The justified text paragraphs: headings, lists, captions and signatures keep their setting."""
    for flowable in body:
        paragraph = flowable.text if isinstance(flowable, HeadingWithText) else flowable
        if isinstance(paragraph, SetParagraph) and paragraph.style.alignment == TA_JUSTIFY \
                and getattr(paragraph.style, "role", "text") == "text":
            yield paragraph


def _shrink_pictures(body: list[Flowable], lines: int, leading: float) -> int:
    """Column pictures set down to PICTURE_SHRINK of their size, centred: the lines it gives."""
    won = 0
    for flowable in body:
        if won >= lines or not isinstance(flowable, RecordedImage) or isinstance(flowable, SPANNING):
            continue
        height = flowable.drawHeight
        flowable.drawWidth *= PICTURE_SHRINK
        flowable.drawHeight *= PICTURE_SHRINK
        flowable.hAlign = "CENTER"
        won += int(height * (1 - PICTURE_SHRINK) // leading)
    return won


def score(page_map: PageMap) -> tuple[bool, int, int]:
    """Lower is better: a page count that is no multiple of four first (the printer cannot
    stitch it), then hollow pages, then pages that needed fillers."""
    return (page_map.page_count % 4 != 0, len(page_map.hollow_pages()), len({f.page for f in page_map.fillers}))
