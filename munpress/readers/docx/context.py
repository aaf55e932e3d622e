"""The state of one read: the manuscript's styles, lists, fields, notes and review marks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.opc.part import Part

from munpress.diagnostics import Sink
from munpress.model.meta import SourceRef
from munpress.model.nodes import ReviewMarks
from munpress.readers.docx.fields import FieldStack
from munpress.readers.docx.lists import ListCounter
from munpress.readers.docx.stylemap import StyleSheet

FIRST_PLACES_KEPT = 5
SNIPPET_LENGTH = 40


def snippet(text: str) -> str:
    words = " ".join(text.split())
    return words if len(words) <= SNIPPET_LENGTH else words[: SNIPPET_LENGTH - 1].rstrip() + "…"


@dataclass
class ReviewCounter:
    """Tracked changes and comments met during the walk, with the first places they sit."""

    insertions: int = 0
    deletions: int = 0
    moves: int = 0
    comments: set[str] = field(default_factory=set)
    change_places: list[SourceRef] = field(default_factory=list)
    comment_places: list[SourceRef] = field(default_factory=list)

    def note_place(self, place: SourceRef, *, comment: bool = False) -> None:
        places = self.comment_places if comment else self.change_places
        if len(places) < FIRST_PLACES_KEPT and place not in places:
            places.append(place)

    def freeze(self) -> ReviewMarks:
        return ReviewMarks(
            insertions=self.insertions,
            deletions=self.deletions,
            moves=self.moves,
            comments=len(self.comments),
            change_places=tuple(self.change_places),
            comment_places=tuple(self.comment_places),
        )


@dataclass
class NoteRegistry:
    """Footnote and endnote numbers, given in the order the references appear."""

    numbers: dict[tuple[str, str], int] = field(default_factory=dict)
    anchors: dict[tuple[str, str], int] = field(default_factory=dict)

    def number(self, kind: str, note_id: str, paragraph: int) -> int:
        key = (kind, note_id)
        if key not in self.numbers:
            self.numbers[key] = 1 + sum(1 for other_kind, _ in self.numbers if other_kind == kind)
            self.anchors[key] = paragraph
        return self.numbers[key]


@dataclass
class ReadContext:
    file_name: str
    sink: Sink
    article: str | None
    styles: StyleSheet
    lists: ListCounter
    part: Part
    fields: FieldStack = field(default_factory=FieldStack)
    notes: NoteRegistry = field(default_factory=NoteRegistry)
    review: ReviewCounter = field(default_factory=ReviewCounter)
    paragraph_count: int = 0
    current_paragraph: int | None = None
    fixed_paragraph: int | None = None  # set while reading notes: they point at their reference
    reported: set[str] = field(default_factory=set)
    # Documents embedded whole (altChunk): their note IDs are prefixed, their packages kept for
    # the notes; the dict is shared by every context of one read.
    note_prefix: str = ""
    chunks: dict[str, Any] = field(default_factory=dict)
    chunk_depth: int = 0
    contents_paragraphs: int = 0  # Word's own table of contents, left out

    def source(self, text: str, paragraph: int | None = None) -> SourceRef:
        where = self.current_paragraph if paragraph is None else paragraph
        return SourceRef(file=self.file_name, paragraph=where, snippet=snippet(text))

    def warn_once(self, key: str, code: str, message: str) -> None:
        if key not in self.reported:
            self.reported.add(key)
            self.sink.warning(code, message, file=self.file_name, article=self.article)

    def error(self, code: str, message: str) -> None:
        self.sink.error(code, message, file=self.file_name, article=self.article)
