"""The input contract as frozen dataclasses: `munpress.toml` (the magazine) and `issue.toml`.

`manifest/load.py` builds these from TOML and validates them; nothing downstream sees raw
TOML. Text that differs by language is a `Localized`; a plain string in TOML is the same
text in every language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

ANY_LANGUAGE = "*"

ENTRY_KINDS = ("article", "advertisement", "next-issue")

FILLER_KINDS = ("house-ad", "notice", "note")


@dataclass(frozen=True)
class Localized:
    """Text keyed by language code; `ANY_LANGUAGE` holds a text shared by all languages."""

    values: tuple[tuple[str, str], ...]

    @classmethod
    def same(cls, text: str) -> "Localized":
        return cls(((ANY_LANGUAGE, text),))

    def get(self, lang: str) -> str | None:
        found = dict(self.values)
        return found.get(lang, found.get(ANY_LANGUAGE))

    def __call__(self, lang: str) -> str:
        return self.get(lang) or ""

    def languages(self) -> set[str]:
        return {lang for lang, _ in self.values}


@dataclass(frozen=True)
class MastheadEntry:
    role: Localized
    name: Localized


@dataclass(frozen=True)
class Contacts:
    address: Localized
    email: str
    phones: tuple[str, ...]
    fax: str = ""


@dataclass(frozen=True)
class Margins:
    """Page margins in millimetres; inner is the spine side."""

    top: float = 18.0
    bottom: float = 20.0
    inner: float = 18.0
    outer: float = 15.0


@dataclass(frozen=True)
class FontRoles:
    """Font family per role; a family is looked up in `fonts/` first, then in PyPI packages."""

    body: str = "PT Serif"
    heading: str = "PT Sans"


@dataclass(frozen=True)
class LayoutSettings:
    trim: str = "A4"
    trim_mm: tuple[float, float] = (210.0, 297.0)
    margins: Margins = field(default_factory=Margins)
    columns: int = 2
    gutter_mm: float = 5.0
    body_size_pt: float = 10.0
    fonts: FontRoles = field(default_factory=FontRoles)
    bleed_mm: float = 3.0  # the print PDF's bleed on every side
    copyfit: bool = True  # pull articles back or run them long by whole lines (layout/fitting.py)


@dataclass(frozen=True)
class PrintSettings:
    """What the print house asks of the print PDF (`[print]` in munpress.toml)."""

    standard: str = "PDF/X-1a:2001"  # or "PDF/X-4"
    profile: Path | None = None  # the printer's own CMYK ICC profile; None: ISO Coated v2 300% (FOGRA39)
    condition: str | None = None  # its OutputConditionIdentifier, e.g. "FOGRA39"; None: the profile's name


@dataclass(frozen=True)
class TypographySettings:
    """The magazine's own word-division exceptions, for both languages."""

    unbreakable: tuple[str, ...] = ()  # words and proper names that never break at a line end


@dataclass(frozen=True)
class FillerEntry:
    """A short text of the magazine's own (`[[fillers]]` in munpress.toml) that the layout may
    set in the space left at the end of an article."""

    id: str
    key_path: str  # e.g. "fillers[1]", for messages
    kind: str  # one of FILLER_KINDS
    manuscripts: tuple[tuple[str, Path], ...]  # language -> absolute path; only the languages it has

    def in_edition(self, lang: str) -> bool:
        return lang in dict(self.manuscripts)

    def manuscript(self, lang: str) -> Path:
        return dict(self.manuscripts)[lang]


@dataclass(frozen=True)
class Magazine:
    """The constants of the magazine, from `munpress.toml` at the magazine root."""

    root: Path
    slug: str
    title: Localized
    tagline: Localized
    kind_line: Localized
    issn: str
    registration_number: str
    founder: Localized
    publisher: Localized
    masthead: tuple[MastheadEntry, ...]
    editorial_policy: Localized
    disclaimer: Localized
    contacts: Contacts
    photo_credits: Localized
    subscription: Localized
    layout: LayoutSettings = field(default_factory=LayoutSettings)
    styles: tuple[tuple[str, str], ...] = ()  # extra Word style name -> role, extends data/stylemap.toml
    typography: TypographySettings = field(default_factory=TypographySettings)
    printer: Localized | None = None  # the printing house, for the imprint
    print: PrintSettings = field(default_factory=PrintSettings)
    fillers: tuple[FillerEntry, ...] = ()  # in munpress.toml order
    messages: str | None = None  # [cli] messages: the language of munpress's own messages


@dataclass(frozen=True)
class ArticleEntry:
    """One entry of a section: an article, a full-page advertisement or the next-issue page."""

    id: str
    key_path: str  # e.g. "sections[2].articles[0]", for messages
    kind: str
    manuscripts: tuple[tuple[str, Path], ...]  # language -> absolute path
    planned_pages: tuple[tuple[str, int], ...]  # language -> page the editors planned
    title: Localized | None = None
    new_page: tuple[tuple[str, bool], ...] = ()  # language -> starts on a new page
    columns: int | None = None  # text columns of this article; None: the magazine's
    pull_quotes: tuple[Localized, ...] = ()  # sentences of the article the editors chose to set large

    def starts_new_page(self, lang: str) -> bool:
        return dict(self.new_page).get(lang, False)

    def in_edition(self, lang: str) -> bool:
        """An entry is printed in the editions it has a manuscript for."""
        return lang in dict(self.manuscripts)

    def manuscript(self, lang: str) -> Path:
        return dict(self.manuscripts)[lang]

    def planned_page(self, lang: str) -> int | None:
        return dict(self.planned_pages).get(lang)


@dataclass(frozen=True)
class Section:
    title: Localized
    articles: tuple[ArticleEntry, ...]
    key_path: str = ""
    running_head: Localized | None = None  # a shorter title for the running heads


@dataclass(frozen=True)
class IssueManifest:
    """`issues/<N>/issue.toml`: one issue of the magazine."""

    folder: Path
    number: int
    number_in_year: int
    date: dt.date
    languages: tuple[str, ...]
    headlines: tuple[Localized, ...]
    sections: tuple[Section, ...]
    print_run: int | None = None  # copies printed, for the imprint
    signed_to_print: dt.date | None = None

    def entries(self) -> list[ArticleEntry]:
        return [article for section in self.sections for article in section.articles]


@dataclass(frozen=True)
class Manifest:
    magazine: Magazine
    issue: IssueManifest
