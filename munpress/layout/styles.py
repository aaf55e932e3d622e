"""ParagraphStyles of an edition: the type scale, built from the theme and the font roles."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from munpress.layout.flowables import LEADER_ROOM, TOC_NUMBER_WIDTH
from munpress.layout.fonts import FontFamily
from munpress.layout.theme import ACCENT, GREY, INK, PAPER, Theme
from munpress.typography.hyphenation import hyphenator_for


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    body_first: ParagraphStyle
    quote: ParagraphStyle
    caption: ParagraphStyle
    heading1: ParagraphStyle
    heading2: ParagraphStyle
    list_item: ParagraphStyle
    table_cell: ParagraphStyle
    note: ParagraphStyle
    article_title: ParagraphStyle
    rubric: ParagraphStyle
    page_title: ParagraphStyle
    toc_rubric: ParagraphStyle
    toc_entry: ParagraphStyle
    small: ParagraphStyle
    small_bold: ParagraphStyle
    cover_title: ParagraphStyle
    cover_line: ParagraphStyle
    cover_headline: ParagraphStyle
    ad_title: ParagraphStyle
    ad_body: ParagraphStyle
    ad_heading: ParagraphStyle
    ad_list: ParagraphStyle
    pull_quote: ParagraphStyle


# Titles and headings: ragged, balanced, never hyphenated, never ending on one word.
HEADING = dict(hyphenationLang="", balanced=1, ending="heading", role="heading")
TITLE = {**HEADING, "role": "title"}  # an article's title: checked for length (checks/composition.py)


def build_styles(theme: Theme, body: FontFamily, heading: FontFamily, lang: str,
                 unbreakable: tuple[str, ...] = ()) -> Styles:
    size, leading = theme.body_size, theme.leading
    serif, sans = body.face("regular"), heading.face("regular")
    sans_bold = heading.face("bold")
    hyphenate = hyphenator_for(lang, unbreakable)
    # on the baseline grid (layout/grid.py): the body's leading, first baseline one body size down
    grid = dict(leading=leading, grid=1, firstBaseline=size)

    def style(name: str, **overrides) -> ParagraphStyle:
        base = dict(fontName=serif, fontSize=size, leading=leading, textColor=INK,
                    alignment=TA_JUSTIFY, allowWidows=0, allowOrphans=0,
                    hyphenationLang=hyphenate or "", embeddedHyphenation=1,
                    hyphenationMinWordLength=5, splitLongWords=1, shaping=1)
        base.update(overrides)
        return ParagraphStyle(f"{lang}-{name}", **base)

    return Styles(
        body=style("body", firstLineIndent=size * 1.2, **grid),
        body_first=style("body-first", **grid),
        quote=style("quote", fontName=body.face("italic"), leftIndent=size, rightIndent=size,
                    spaceBefore=leading, **grid),
        caption=style("caption", fontName=heading.face("italic"), fontSize=size - 1.5,
                      alignment=TA_LEFT, textColor=GREY, role="caption", **grid),
        heading1=style("heading1", fontName=sans_bold, fontSize=size + 1.5, alignment=TA_LEFT,
                       spaceBefore=leading, keepWithNext=1, textColor=ACCENT, **HEADING, **grid),
        heading2=style("heading2", fontName=sans_bold, fontSize=size + 0.5, alignment=TA_LEFT,
                       spaceBefore=leading, keepWithNext=1, **HEADING, **grid),
        list_item=style("list", leftIndent=size * 1.6, bulletIndent=size * 0.3,
                        bulletFontName=serif, alignment=TA_LEFT, role="list", **grid),
        table_cell=style("cell", fontSize=size - 1, leading=leading - 1.5, alignment=TA_LEFT),
        note=style("note", fontSize=size - 2, leading=leading - 3, alignment=TA_LEFT, role="note"),
        article_title=style("article-title", fontName=sans_bold, fontSize=19, leading=22.5,
                            alignment=TA_LEFT, spaceAfter=leading * 0.9, **TITLE),
        rubric=style("rubric", fontName=sans_bold, fontSize=10, leading=13, alignment=TA_LEFT,
                     textColor=PAPER, backColor=ACCENT, borderPadding=(4, 6, 4, 6),
                     spaceBefore=6, spaceAfter=14, hyphenationLang=""),
        page_title=style("page-title", fontName=sans_bold, fontSize=24, leading=28,
                         alignment=TA_LEFT, textColor=ACCENT, spaceAfter=18, hyphenationLang=""),
        toc_rubric=style("toc-rubric", fontName=sans_bold, fontSize=10, leading=13,
                         alignment=TA_LEFT, textColor=ACCENT, spaceBefore=9, spaceAfter=3,
                         keepWithNext=1, hyphenationLang=""),
        toc_entry=style("toc-entry", fontSize=size + 0.5, leading=leading + 0.5, alignment=TA_LEFT,
                        rightIndent=TOC_NUMBER_WIDTH + 4 + LEADER_ROOM, spaceAfter=3, hyphenationLang="",
                        embeddedHyphenation=0),  # «Көк-Булак» is not broken at its hyphen
        small=style("small", fontName=sans, fontSize=8.5, leading=11, alignment=TA_LEFT,
                    hyphenationLang=""),
        small_bold=style("small-bold", fontName=sans_bold, fontSize=8.5, leading=11,
                         alignment=TA_LEFT, spaceBefore=4, hyphenationLang=""),
        cover_title=style("cover-title", fontName=sans_bold, fontSize=50, leading=56,
                          alignment=TA_CENTER, textColor=ACCENT, hyphenationLang=""),
        cover_line=style("cover-line", fontName=sans, fontSize=12, leading=15, alignment=TA_CENTER,
                         hyphenationLang=""),
        cover_headline=style("cover-headline", fontName=sans_bold, fontSize=17, leading=21,
                             alignment=TA_LEFT, spaceAfter=12, hyphenationLang=""),
        ad_title=style("ad-title", fontName=sans_bold, fontSize=20, leading=24, alignment=TA_CENTER,
                       textColor=ACCENT, spaceAfter=12, hyphenationLang=""),
        ad_body=style("ad-body", fontName=sans, fontSize=11.5, leading=15, alignment=TA_CENTER,
                      spaceAfter=8),
        ad_heading=style("ad-heading", fontName=sans_bold, fontSize=14, leading=18,
                         alignment=TA_CENTER, spaceBefore=8, spaceAfter=8, textColor=ACCENT,
                         hyphenationLang=""),
        pull_quote=style("pull-quote", fontName=body.face("italic"), fontSize=15, leading=19, textColor=ACCENT,
                         alignment=TA_CENTER, **HEADING),
        ad_list=style("ad-list", fontName=sans, fontSize=11, leading=14, alignment=TA_LEFT,
                      leftIndent=16, bulletIndent=4, bulletFontName=sans, spaceAfter=3),
    )


