"""An edition → the list of flowables ReportLab lays out: the only model→ReportLab translation
of the issue's structure (cover, imprint, contents, rubrics and articles, full pages, back)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import BalancedColumns

from munpress.diagnostics import LayoutFailure, Sink
from munpress.i18n import _
from munpress.layout.barcode import CoverBarcode
from munpress.layout.blocks import (
    SPANNING,
    BlockConverter,
    BlockStyles,
    replace_style,
    table_font,
)
from munpress.layout.flowables import AlignRight, BreakPage, FullPage, Marker, OpenerSpace, TocEntry
from munpress.layout import fitting
from munpress.layout.copyfit import COLUMNS_SPACE_AFTER, FillerPool, FillerSlot, pull_quote
from munpress.layout.floats import float_pictures
from munpress.layout.grid import on_grid
from munpress.layout.markup import to_markup
from munpress.layout.paragraph import MEMO, SetParagraph
from munpress.layout.styles import Styles
from munpress.layout.theme import Theme
from munpress.locale import label
from munpress.model.edition import Edition, Entry, Filler, FrontMatter, Rubric
from munpress.model.nodes import Paragraph as ParagraphNode
from munpress.model.nodes import plain_text

# Space an article needs below its title before it may start on a page: title + six lines.
ARTICLE_START_SPACE = 150
# A title taller than this share of the type area leaves no page for its article (or its
# contents): it stops the build with its length, before ReportLab fails on it with its own words.
LONGEST_TITLE_SHARE = 0.5
TITLE_LINES = 3  # what a title may take; check warns past it (checks/composition.py)


class StoryBuilder:
    def __init__(self, edition: Edition, styles: Styles, theme: Theme, sink: Sink,
                 fits: dict[str, int] | None = None) -> None:
        """`fits`: lines to take off (-) or add to (+) an article, by entry (layout/fitting.py)."""
        self.edition, self.styles, self.theme, self.sink = edition, styles, theme, sink
        self.fits = fits or {}
        self.fitted: dict[str, int] = {}  # what the fits could be given, by entry
        self.lang = edition.lang
        self.frame_height = theme.content_box(1).height
        self.block_styles = self._block_styles()  # kind of page -> styles of its blocks

    def build(self) -> list[Flowable]:
        MEMO.article = None  # the front pages are no article's
        story: list[Flowable] = [self._cover(self.edition.front)]
        story += [BreakPage("imprint-recto"), self._imprint(self.edition.front)]
        story += [BreakPage("toc-recto"), *self._contents()]
        story += [BreakPage("article-recto")]
        pool = FillerPool([(filler.id, self._filler_builder(filler)) for filler in self.edition.fillers])
        placed = [(entry, rubric, index == 0 or all(e.kind != "article" for e in rubric.entries[:index]))
                  for rubric in self.edition.rubrics for index, entry in enumerate(rubric.entries)]
        for number, (entry, rubric, opens) in enumerate(placed):
            MEMO.article = entry.id  # the break cache keeps each article's paragraphs apart
            if entry.kind != "article":
                story += self._full_page(entry)
                continue
            story += self._article(entry, rubric if opens else None)
            following = placed[number + 1] if number + 1 < len(placed) else None
            story.append(FillerSlot(pool, self._own_pull_quotes(entry), self.frame_height,
                                    self._start_space(*following) if following else None, self.theme.leading))
        MEMO.article = None  # the back page, and the fillers set as the pages fill
        story += [BreakPage("back-recto"), Marker("end", "back"), self._back(self.edition.front)]
        return story

    # -- front ------------------------------------------------------------------------
    def _cover(self, front: FrontMatter) -> Flowable:
        s = self.styles
        content: list[Flowable] = [
            Paragraph(escape(front.issue_line), s.cover_line), Spacer(1, 40),
            Paragraph(escape(front.title), s.cover_title), Spacer(1, 6),
            Paragraph(escape(front.tagline), replace_style(s.cover_line, "tagline", fontSize=13, leading=17)),
            Spacer(1, 14),
            Paragraph(f"<b>{escape(front.kind_line)}</b>", s.cover_line), Spacer(1, 30),
            Paragraph(str(front.year), replace_style(s.cover_title, "year", fontSize=40, leading=46)),
            Spacer(1, 50),
        ]
        content += [Paragraph(escape(line), s.cover_headline) for line in front.headlines]
        try:
            barcode: Flowable = AlignRight(CoverBarcode(front.issn, front.number_in_year, font_name=s.cover_line.fontName))
        except ValueError:  # a wrong ISSN: no barcode a scanner would misread; `check` names the fix (checks/issn.py)
            barcode = Paragraph(f"ISSN {escape(front.issn)}", replace_style(s.cover_line, "no-barcode", alignment=TA_RIGHT))
        content += [Spacer(1, 20), barcode]
        return FullPage("cover", content)

    def _imprint(self, front: FrontMatter) -> Flowable:
        s, lang = self.styles, self.lang
        masthead = [Paragraph(escape(label(lang, "masthead")), s.toc_rubric)]
        role_style = replace_style(s.small, "role", spaceBefore=7)  # a role and its name are one group
        name_style = replace_style(s.small_bold, "name", spaceBefore=0)
        for role, name in front.masthead:
            masthead += [Paragraph(escape(role) + ":", role_style), Paragraph(f"<b>{escape(name)}</b>", name_style)]
        fields = [
            Paragraph(escape(front.title), replace_style(s.page_title, "imprint", fontSize=18, leading=21, spaceAfter=2)),
            Paragraph(escape(front.kind_line), s.small_bold),
            Spacer(1, 8),
            self._field("founder", front.founder), self._field("publisher", front.publisher),
            Paragraph(escape(front.editorial_policy), s.small),
            Paragraph(f"<b>{escape(front.disclaimer)}</b>", s.small),
            self._field("address", front.address), self._field("email", front.email),
            self._field("phones", ", ".join(front.phones)), self._field("fax", front.fax),
            Paragraph(escape(front.photo_credits), s.small),
            self._field("registration", front.registration_number),
            Paragraph(f"<b>ISSN {escape(front.issn)}</b>", s.small_bold),
            *(Paragraph(f"<b>{escape(name)}:</b> {escape(value)}", s.small) for name, value in front.print_details),
            Spacer(1, 8),
            Paragraph(f"<b>{escape(label(lang, 'subscription'))}.</b> {escape(front.subscription)}", s.small),
        ]
        width = self.theme.content_box(2).width
        table = Table([[masthead, fields]], colWidths=[width * 0.36, width * 0.64],
                      style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), table_font(s.small),
                                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                        ("RIGHTPADDING", (0, 0), (0, -1), 14)]))
        return FullPage("imprint", [table])

    def _field(self, key: str, value: str) -> Paragraph:
        return Paragraph(f"<b>{escape(label(self.lang, key))}:</b> {escape(value)}", self.styles.small)

    def _contents(self) -> list[Flowable]:
        s = self.styles
        header = Table([[Paragraph(escape(label(self.lang, "toc")), s.page_title),
                         Paragraph(escape(label(self.lang, "page")),
                                   replace_style(s.small, "page-head", alignment=TA_RIGHT))]],
                       colWidths=[None, 60], style=[("VALIGN", (0, 0), (-1, -1), "BOTTOM"), table_font(s.small),
                                                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                                    ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
        flowables: list[Flowable] = [header]
        for rubric in self.edition.rubrics:
            articles = [e for e in rubric.entries if e.kind == "article"]
            if not articles:
                continue
            flowables.append(Paragraph(escape(rubric.title), s.toc_rubric))
            for entry in articles:
                line = TocEntry(escape(_last_words_bound(plain_text(entry.title))), s.toc_entry, entry.id)
                flowables.append(self._fitting_title(line, entry, "contents", s.toc_entry.leading))
        return flowables

    # -- articles ---------------------------------------------------------------------
    def _article(self, entry: Entry, rubric: Rubric | None) -> list[Flowable]:
        s = self.styles
        flowables: list[Flowable] = []
        if entry.new_page:
            flowables.append(BreakPage("article-recto"))
        flowables.append(CondPageBreak(ARTICLE_START_SPACE + (40 if rubric else 0)))
        if rubric is not None:
            flowables += [Marker("rubric", rubric.title, rubric.title, head=rubric.running_head or rubric.title),
                          Paragraph(escape(rubric.title), s.rubric)]
        title = plain_text(entry.title)
        flowables.append(Marker("entry", entry.id, title, entry.kind))
        if rubric is None:  # a rubric's bar is the page's head; a plain opener keeps clear of the head
            flowables.append(OpenerSpace(self.theme.leading))
        flowables.append(self._fitting_title(SetParagraph(entry.title, s.article_title), entry, "article opening",
                                             s.article_title.leading))
        columns = entry.columns or self.theme.columns
        width = self.theme.width_of_columns(columns)
        body = self._converter(entry, width, self.block_styles["article"]).convert(entry.blocks)
        if self.fits.get(entry.id):
            self.fitted[entry.id] = fitting.apply(body, self.fits[entry.id], width, self.theme.leading)
        if columns == 1:
            return flowables + float_pictures(body)
        for run in _runs_between_spanning(body):
            if isinstance(run, SPANNING):
                flowables.append(run)
            elif run:
                flowables.append(BalancedColumns(
                    float_pictures([on_grid(flowable, self.theme.leading) for flowable in run]), nCols=columns, innerPadding=self.theme.gutter, leftPadding=0,
                    rightPadding=0, topPadding=0, bottomPadding=0, spaceAfter=self.theme.leading * COLUMNS_SPACE_AFTER,
                    needed=self.theme.leading * 3))
        return flowables

    def _start_space(self, entry: Entry, rubric: Rubric, opens: bool) -> float | None:
        """The room the next entry needs to start on the page; None: it starts a new page."""
        if entry.kind != "article" or entry.new_page:
            return None
        return ARTICLE_START_SPACE + (40 if opens else 0)

    def _fitting_title(self, flowable: Flowable, entry: Entry, where: str, leading: float) -> Flowable:
        """The title, measured across the type area: one too long for a page is an error that
        says how long a title may be."""
        width = self.theme.content_box(1).width
        _width, height = flowable.wrap(width, self.frame_height * 100)
        if height <= self.frame_height * LONGEST_TITLE_SHARE:
            return flowable
        characters = len(plain_text(entry.title))
        lines = max(1, round(height / leading))
        most = characters * TITLE_LINES // lines
        values = dict(article=entry.id, characters=f"{characters:,}", lines=lines,
                      share=f"{height / self.frame_height:.0%}")
        raise LayoutFailure(
            _("{article}: the title is too long for a page: {characters} characters set in {lines} lines "
              "take {share} of the page in the contents", **values) if where == "contents" else
            _("{article}: the title is too long for a page: {characters} characters set in {lines} lines "
              "take {share} of the page in the article opening", **values),
            code="layout.title-too-long", article=entry.id,
            hint=_("shorten it to about {characters} characters, {lines} lines, or give a shorter {toml} in {file}",
                   characters=most, lines=TITLE_LINES, toml="title = …", file="issue.toml"))

    # -- copyfitting --------------------------------------------------------------------
    def _filler_builder(self, filler: Filler):
        styles = self.block_styles["advertisement" if filler.kind in ("house-ad", "notice") else "article"]
        title_style = styles.heading1

        def build(width: float) -> Flowable:
            converter = BlockConverter(styles, width - 12, self.frame_height * 0.3, self.sink, filler.id, self.lang)
            converter.top_level = False
            content = ([SetParagraph(filler.title, title_style)] if filler.title else []) + \
                converter.convert(filler.blocks)
            return converter.boxed(content, width)
        return build

    def _own_pull_quotes(self, entry: Entry):
        """The pull quotes issue.toml names for the article (an Intense Quote paragraph of the
        manuscript is set where it stands), as candidates for the space after it."""
        in_text = {plain_text(block.inlines) for block in entry.blocks
                   if isinstance(block, ParagraphNode) and block.role == "pullquote"}
        style = self.styles.pull_quote
        return [(filler.id, lambda width, inlines=inlines: pull_quote(SetParagraph(inlines, style), self.theme.leading))
                for filler in entry.pull_quote_fillers()
                for inlines in [filler.blocks[0].inlines] if plain_text(inlines) not in in_text]

    def _block_styles(self) -> dict[str, BlockStyles]:
        s = self.styles
        return {
            "article": BlockStyles(
                body=s.body, body_first=s.body_first, quote=s.quote, caption=s.caption,
                signature=replace_style(s.body_first, "signature", alignment=TA_LEFT,
                                        fontName=s.quote.fontName, hyphenationLang="", ending="",
                                        role="signature"),
                heading1=s.heading1, heading2=s.heading2, list_item=s.list_item,
                table_cell=s.table_cell, note=s.note),
            "advertisement": BlockStyles(
                body=s.ad_body, body_first=s.ad_body, quote=s.ad_body, caption=s.caption,
                signature=s.ad_body, heading1=s.ad_heading, heading2=s.ad_heading,
                list_item=s.ad_list, table_cell=s.table_cell, note=s.note),
            "next-issue": BlockStyles(
                body=s.body_first, body_first=s.body_first, quote=s.quote, caption=s.caption,
                signature=s.body_first, heading1=s.cover_headline, heading2=s.heading1,
                list_item=s.list_item, table_cell=s.table_cell, note=s.note),
        }

    def _converter(self, entry: Entry, width: float, styles: BlockStyles) -> BlockConverter:
        return BlockConverter(styles, width, self.frame_height * 0.45, self.sink, entry.id, self.lang,
                              full_width=self.theme.content_box(1).width)

    # -- full pages -------------------------------------------------------------------
    def _full_page(self, entry: Entry) -> list[Flowable]:
        s = self.styles
        styles = self.block_styles[entry.kind]
        title_style = s.page_title if entry.kind == "next-issue" else s.ad_title
        width = self.theme.content_box(1).width
        content = [Paragraph(to_markup(entry.title), title_style),
                   *self._converter(entry, width, styles).convert(entry.blocks)]
        valign = "middle" if entry.kind == "advertisement" else "top"
        return [BreakPage("fullpage-recto"), Marker("entry", entry.id, plain_text(entry.title), entry.kind),
                FullPage(entry.id, content, valign), BreakPage("article-recto")]

    def _back(self, front: FrontMatter) -> Flowable:
        s, lang = self.styles, self.lang
        center = replace_style(s.ad_body, "back", alignment=TA_CENTER)
        content = [
            Paragraph(escape(front.title), replace_style(s.cover_title, "back-title", fontSize=34, leading=40)),
            Paragraph(f"<b>{escape(front.kind_line)}</b>", s.cover_line), Spacer(1, 40),
            Paragraph(escape(label(lang, "subscription")), s.ad_title),
            Paragraph(escape(front.subscription), replace_style(center, "sub", fontSize=15, leading=20)),
            Spacer(1, 30),
            Paragraph(escape(front.address), center),
            Paragraph(f"{escape(label(lang, 'phones'))}: {escape(', '.join(front.phones))}", center),
            Paragraph(f"{escape(label(lang, 'email'))}: {escape(front.email)}", center),
            Spacer(1, 20), Paragraph(f"ISSN {escape(front.issn)}", s.cover_line),
        ]
        return FullPage("back", content, valign="middle")


def _last_words_bound(title: str) -> str:
    """A contents title never ends on a line of one word: its last two words go together."""
    head, space, last = title.rstrip().rpartition(" ")
    return f"{head}\u00a0{last}" if space and len(head.split()) >= 2 else title


def _runs_between_spanning(body: list[Flowable]) -> list:
    """The body cut at what spans both columns (wide tables, wide pictures with their
    captions): [run, table, run, …]; text above it is balanced in its columns, and the text
    after it starts new columns."""
    runs: list = [[]]
    for flowable in body:
        if isinstance(flowable, SPANNING):
            runs += [flowable, []]
        else:
            runs[-1].append(flowable)
    return runs
