"""The printer's preflight: pictures sharp enough where they are printed and their colour
spaces, the imprint complete in the edition's language, fonts whose licence allows
embedding. (Glyph coverage is `layout.missing-glyph`; page count, `pages`; ISSN, `issn`.)"""

from __future__ import annotations

from collections import Counter

from munpress.checks.facts import EditionFacts
from munpress.diagnostics import Diagnostic, Severity
from munpress.i18n import N_, _
from munpress.layout.pagemap import PRINT_PPI
from munpress.locale import label
from munpress.model.nodes import block_text

# FrontMatter field -> the munpress.toml key an editor fills in
IMPRINT_FIELDS = {
    "title": "title", "issn": "issn", "registration_number": "registration_number",
    "founder": "founder", "publisher": "publisher", "editorial_policy": "editorial_policy",
    "disclaimer": "disclaimer", "address": "contacts.address", "email": "contacts.email",
    "phones": "contacts.phones", "masthead": "masthead",
}
RESTRICTED, NO_SUBSETTING, BITMAP_ONLY = 0x0002, 0x0100, 0x0200


def check_images(facts: EditionFacts) -> list[Diagnostic]:
    if facts.page_map is None:
        return []
    found = [Diagnostic(Severity.WARNING, "images.low-resolution",
                        _("picture {name} prints at {ppi} ppi on page {page}; print needs {needed}", name=image.name,
                          ppi=format(image.ppi, ".0f"), page=image.page, needed=PRINT_PPI),
                        article=image.entry_id, lang=facts.lang, page=image.page,
                        file=image.name, hints=(_("ask the author for the original photo, or print it smaller"),),
                        data={"ppi": image.ppi})
             for image in facts.page_map.images if image.ppi < PRINT_PPI]
    modes = Counter(image.mode for image in facts.page_map.images)
    if modes:
        listing = ", ".join(f"{count} {mode}" for mode, count in sorted(modes.items()))
        found.append(Diagnostic(
            Severity.INFO, "images.colour-space",
            _("pictures by colour space: {listing}; the print PDF has them in the press's CMYK, converted from "
              "their own profile or sRGB (munpress.toml {key})", listing=listing, key="[print] profile")
            if modes.keys() - {"CMYK", "L", "1", "vector"} else _("pictures by colour space: {listing}", listing=listing),
            lang=facts.lang, data={"modes": dict(modes)}))
    return found


def check_imprint(facts: EditionFacts) -> list[Diagnostic]:
    front = facts.front
    if front is None:
        return []
    return [Diagnostic(Severity.ERROR, "imprint.missing-field",
                       _("the imprint has no {key} in this edition's language", key=key),
                       lang=facts.lang, file="munpress.toml",
                       hints=(_("fill in {key} for {lang} in munpress.toml", key=key, lang=facts.lang),), data={"key": key})
            for field, key in IMPRINT_FIELDS.items() if not _filled(getattr(front, field))] + \
        _missing_print_details(facts)


def _missing_print_details(facts: EditionFacts) -> list[Diagnostic]:
    """A printed issue states how many copies and who printed them (the law on mass media asks both)."""
    given = {name for name, _value in facts.front.print_details}
    wanted = (("print_run", "issue.toml", "print_run = 1000", N_("the imprint does not say the print run ({label})")),
              ("printer", "munpress.toml", 'printer = { ky = "…", ru = "…" }',
               N_("the imprint does not say the printer ({label})")))
    return [Diagnostic(Severity.WARNING, "imprint.print-details",
                       _(message, label=label(facts.lang, key)),
                       lang=facts.lang, file=file, hints=(_("add {example} to {file}", example=example, file=file),),
                       data={"key": key})
            for key, file, example, message in wanted if label(facts.lang, key) not in given]


def _filled(value) -> bool:
    if isinstance(value, tuple):
        return bool(value) and all(_filled(item) for item in value)
    return bool(str(value).strip())


def check_font_licences(facts: EditionFacts) -> list[Diagnostic]:
    found = []
    for family, face, flags in facts.fonts:
        if (flags & 0x000F) == RESTRICTED or flags & BITMAP_ONLY:
            found.append(Diagnostic(Severity.ERROR, "fonts.no-embedding",
                                    _("the licence of {family} {face} does not allow embedding ({flags})",
                                      family=family, face=face, flags="fsType " + format(flags, "#06x")),
                                    lang=facts.lang, hints=(_("choose another font in {key}", key="[layout.fonts]"),)))
        elif flags & NO_SUBSETTING:
            found.append(Diagnostic(Severity.WARNING, "fonts.no-subsetting",
                                    _("the licence of {family} {face} forbids subsetting ({flags})",
                                      family=family, face=face, flags="fsType " + format(flags, "#06x")),
                                    lang=facts.lang))
    return found


def check_front_glyphs(facts: EditionFacts) -> list[Diagnostic]:
    """Characters of the cover, imprint, contents or back page the fonts cannot print (the
    articles' own are `layout.missing-glyph` of check_lost_text), reported where they were
    typed: an article's title in the contents comes from its manuscript or from issue.toml."""
    if facts.page_map is None:
        return []
    blank = "".join(dict.fromkeys(glyph.char for glyph in facts.page_map.missing_glyphs if glyph.entry_id is None))
    by_source: dict[tuple[str, str | None], str] = {}
    for char in blank:
        source = _typed_in(facts, char)
        by_source[source] = by_source.get(source, "") + char
    found = []
    for (file, entry_id), chars in by_source.items():
        shown = " ".join(f"«{ch}» U+{ord(ch):04X}" for ch in chars[:6])
        if entry_id is None:
            message = _("the cover, imprint, contents or back page have characters the fonts lack: {shown}", shown=shown)
            hint = _("change the text in munpress.toml or issue.toml, or use a font that has them")
        elif file == "issue.toml":
            message = _("the article's title in the contents has characters the fonts lack: {shown}", shown=shown)
            hint = _("change the article's {key} in issue.toml, or use a font that has them", key="title = …")
        else:
            message = _("the article's title, printed in the contents, has characters the fonts lack: {shown}",
                        shown=shown)
            hint = _("replace them in the title of {file}, give the article a {key} in issue.toml, "
                     "or use a font that has them", file=file, key="title = …")
        found.append(Diagnostic(Severity.ERROR, "layout.missing-glyph", message, lang=facts.lang, file=file,
                                article=entry_id, hints=(hint,), data={"characters": list(chars)}))
    return found


def _typed_in(facts: EditionFacts, char: str) -> tuple[str, str | None]:
    """(file, entry) where a character of the front pages was typed."""
    for placement in facts.page_map.placements if facts.page_map else ():
        if char in placement.title:
            title = facts.titles.get(placement.entry_id)
            document = facts.documents.get(placement.entry_id)
            if title is not None and document is not None and char in block_text(title):
                return document.source, placement.entry_id
            return "issue.toml", placement.entry_id
    return "munpress.toml", None