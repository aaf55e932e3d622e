"""Layout: an assembled edition → a PDF and the page map of where everything landed.

The only package that imports ReportLab (with output/). One pass: TOC numbers are forms
filled when each article lands (see doctemplate.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from io import BytesIO
from pathlib import Path

from reportlab.platypus.doctemplate import LayoutError

from munpress.diagnostics import LayoutFailure, Sink
from munpress.i18n import _
from munpress.layout import fitting, reportlab_fixes
from munpress.layout.doctemplate import IssueDocTemplate
from munpress.layout.flowables import OversetError
from munpress.layout.fonts import FontFamily, load_family
from munpress.layout.pagemap import PageMap
from munpress.layout.story import StoryBuilder
from munpress.layout.styles import build_styles
from munpress.layout.templates import Fonts, build_templates
from munpress.layout.theme import Theme
from munpress.layout.variant import Variant, make_variant
from munpress.locale import label, language_tag
from munpress.manifest.schema import LayoutSettings
from munpress.model.edition import Edition

reportlab_fixes.apply()
SCREEN = make_variant("screen")


@dataclass(frozen=True)
class LaidOutEdition:
    lang: str
    pdf: bytes
    page_map: PageMap
    fonts: tuple[FontFamily, ...]
    also: dict[str, bytes] = field(default_factory=dict)  # the PDFs of `also`'s variants, by name


def layout_edition(edition: Edition, settings: LayoutSettings, fonts_dir: Path, sink: Sink,
                   unbreakable: tuple[str, ...] = (), variant: Variant = SCREEN,
                   also: tuple[Variant, ...] = ()) -> LaidOutEdition:
    """`unbreakable`: words and names the magazine never divides (munpress.toml [typography]);
    `variant`: print, screen or proof (layout/variant.py): the pages are the same in each, so
    the variants in `also` are drawn from this same layout (layout/tee.py), each its own PDF.
    When copyfitting by whole lines would make the edition better (layout/fitting.py), it is
    laid out a second time with those lines, and the better of the two is kept."""
    theme = Theme.from_settings(settings)
    body = load_family(settings.fonts.body, fonts_dir)
    heading = load_family(settings.fonts.heading, fonts_dir)
    styles = build_styles(theme, body, heading, edition.lang, unbreakable)
    fonts = (body, heading)
    first = _lay_out(edition, styles, theme, sink, variant, fonts, {}, also)
    if not settings.copyfit:
        return first
    fits = fitting.plan(first.page_map, theme.content_box(1).height, theme.leading, theme.columns)
    if not fits:
        return first
    try:
        second = _lay_out(edition, styles, theme, Sink(), variant, fonts, {fit.entry_id: fit.lines for fit in fits},
                          also)
    except LayoutFailure:
        return first  # the first layout could be set: it stands
    return second if fitting.score(second.page_map) < fitting.score(first.page_map) else first


def _lay_out(edition: Edition, styles, theme: Theme, sink: Sink, variant: Variant, fonts: tuple[FontFamily, ...],
             fits: dict[str, int], also: tuple[Variant, ...] = ()) -> LaidOutEdition:
    builder = StoryBuilder(edition, styles, theme, sink, fits)
    story = builder.build()
    buffer = BytesIO()
    front = edition.front
    body, heading = fonts
    doc = IssueDocTemplate(
        buffer, templates=build_templates(theme, Fonts(heading.face("regular"), heading.face("bold")), variant,
                                          label(edition.lang, "proof_watermark")),
        running_head=front.running_head, number_style=styles.toc_entry, lang=language_tag(edition.lang),
        variant=variant, also=also, pagesize=(theme.page_width, theme.page_height),
        title=_plain(f"{front.title} — {front.issue_line}"), author=_plain(front.publisher),
        subject=_plain(front.kind_line), keywords=_plain(", ".join(rubric.title for rubric in edition.rubrics)),
        creator="munpress",
        initialFontName=body.face("regular"))
    try:
        doc.build(story)
    except OversetError as overset:
        raise LayoutFailure(
            _("{article}: text does not fit its page: needs {needed} pt, the page has {available} pt",
              article=overset.entry_id, needed=format(overset.needed, ".0f"), available=format(overset.available, ".0f")),
            code="layout.overset", article=overset.entry_id,
            hint=_("shorten the text or make it an article that flows over pages")) from None
    except LayoutError as error:
        placed = doc.page_map().placements
        raise LayoutFailure(_("an element cannot be placed on any page: {reason}",
                              reason=(str(error).splitlines() or [""])[0]),
                            code="layout.overset", article=placed[-1].entry_id if placed else None,
                            hint=_("make the picture or table smaller")) from None
    page_map = replace(doc.page_map(), fitted=tuple(sorted(builder.fitted.items())))
    return LaidOutEdition(edition.lang, buffer.getvalue(), page_map, fonts, doc.outputs())


def _plain(text: str) -> str:
    """Document metadata is searched and listed, not set: plain spaces."""
    return text.replace("\u00a0", " ")
