"""What the checks look at: plain data gathered by the pipeline, one record per edition."""

from __future__ import annotations

from dataclasses import dataclass, field

from munpress.layout.pagemap import PageMap
from munpress.model.edition import FrontMatter
from munpress.model.nodes import Block, Document


@dataclass(frozen=True)
class EditionFacts:
    lang: str
    documents: dict[str, Document]  # entry id -> manuscript, for the ones that could be read
    unreadable: dict[str, str] = field(default_factory=dict)  # entry id (or 'filler <id>') -> why not
    page_map: PageMap | None = None  # None when the edition could not be laid out
    layout_error: tuple[str, str, str | None] | None = None  # (code, message, entry id)
    # the manuscript's block printed as the article's title, above the rest
    titles: dict[str, Block] = field(default_factory=dict)
    # blocks of a manuscript the issue does not print on purpose: its title, when the
    # manifest gives the article another one
    set_aside: dict[str, tuple[Block, ...]] = field(default_factory=dict)
    front: FrontMatter | None = None  # the imprint as this edition prints it
    fonts: tuple[tuple[str, str, int], ...] = ()  # (family, face, OS/2 fsType) of the fonts used
