"""One language edition of an issue, assembled: what layout draws, with nothing left to look up.

`assemble.py` builds it from the manifest and the manuscripts; every text here is already
in the edition's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from munpress.model.nodes import Block, Inline, Paragraph

FILLER_KINDS = ("house-ad", "notice", "note", "pull-quote")


@dataclass(frozen=True, slots=True)
class FrontMatter:
    title: str
    tagline: str
    kind_line: str
    issue_line: str
    running_head: str
    year: int
    number_in_year: int
    headlines: tuple[str, ...]
    issn: str
    registration_number: str
    founder: str
    publisher: str
    masthead: tuple[tuple[str, str], ...]  # (role, name) in printed order
    editorial_policy: str
    disclaimer: str
    address: str
    email: str
    phones: tuple[str, ...]
    fax: str
    photo_credits: str
    subscription: str
    print_details: tuple[tuple[str, str], ...] = ()  # (label, value): signed to print, print run, printer


@dataclass(frozen=True, slots=True)
class Entry:
    """An article, a full-page advertisement or the next-issue page, ready to set."""

    id: str
    kind: str
    title: tuple[Inline, ...]
    blocks: tuple[Block, ...]
    source: str
    new_page: bool = False
    columns: int | None = None  # None: the magazine's
    # sentences to set large: the manuscript's "Intense Quote" paragraphs (which also stay in
    # `blocks`, where they stand), then those named by `pull_quotes` in issue.toml
    pull_quotes: tuple[tuple[Inline, ...], ...] = ()

    def pull_quote_fillers(self) -> tuple["Filler", ...]:
        """The pull quotes as fillers of kind "pull-quote" belonging to this entry."""
        return tuple(Filler(f"{self.id}/pull-quote-{number}", "pull-quote", (), (Paragraph(inlines, "pullquote"),),
                            self.source, self.id)
                     for number, inlines in enumerate(self.pull_quotes, start=1))


@dataclass(frozen=True, slots=True)
class Filler:
    """Material the layout may set in the space left at the end of an article: a house
    advertisement, a notice or a note of the magazine (`[[fillers]]` in munpress.toml), or a
    pull quote of an article. Nothing here is a manuscript of an entry: a filler left unused
    loses no text."""

    id: str
    kind: str  # one of FILLER_KINDS
    title: tuple[Inline, ...]  # () when none
    blocks: tuple[Block, ...]
    source: str  # the manuscript path as shown in messages
    entry_id: str | None = None  # pull quotes: the article they belong to


@dataclass(frozen=True, slots=True)
class Rubric:
    title: str
    entries: tuple[Entry, ...]
    running_head: str = ""  # "" : the title itself


@dataclass(frozen=True, slots=True)
class Edition:
    lang: str
    slug: str
    number: int
    front: FrontMatter
    rubrics: tuple[Rubric, ...]
    fillers: tuple[Filler, ...] = ()  # the magazine's, for this language, in munpress.toml order

    def entries(self) -> list[Entry]:
        return [entry for rubric in self.rubrics for entry in rubric.entries]
