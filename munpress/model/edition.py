"""One language edition of an issue, assembled: what layout draws, with nothing left to look up.

`assemble.py` builds it from the manifest and the manuscripts; every text here is already
in the edition's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from munpress.model.nodes import Block, Inline


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

    def entries(self) -> list[Entry]:
        return [entry for rubric in self.rubrics for entry in rubric.entries]
