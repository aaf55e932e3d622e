"""The numbering engine: which list a paragraph belongs to and the label Word prints for it.

numbering.xml holds abstract definitions (w:abstractNum: nine levels with start, format
and label text) and list instances (w:num) that point at one and may override levels.
Word counts per abstract definition, so instances sharing one continue each other; an
instance with a start override restarts its level the first time it is used, and later
paragraphs of the other instances count on from there (pandoc#8367 shows Word doing so).
Using a level restarts the deeper ones (unless w:lvlRestart says otherwise).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from munpress.readers.docx import ooxml
from munpress.readers.docx.numberformats import (
    UNORDERED_FORMATS,
    bullet_glyph,
    format_number,
)
from munpress.readers.docx.stylemap import StyleSheet

LEVEL_COUNT = 9
MAX_START = 32767  # Word's largest "Start at"; a larger w:start is damage (and 10**12 in letters is a MemoryError)
PLACEHOLDER = re.compile(r"%([1-9])")


@dataclass(frozen=True)
class Level:
    start: int = 1
    number_format: str = "decimal"
    text: str = "%1."
    restart_after: int | None = None  # w:lvlRestart: None = Word's default, 0 = never
    legal: bool = False
    paragraph_style: str | None = None
    suffix: str = "tab"


@dataclass(frozen=True)
class ListLabel:
    label: str
    ordered: bool
    level: int
    suffix: str = "tab"


@dataclass
class Instance:
    """One w:num: its abstract definition and the levels it overrides."""

    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, Level] = field(default_factory=dict)


def read_level(element: ooxml.Element) -> Level:
    number_format = ooxml.child(element, "w:numFmt")
    if number_format is None:
        for alternate in ooxml.children(element, "mc:AlternateContent"):
            found = ooxml.child(ooxml.child(alternate, "mc:Fallback"), "w:numFmt")
            number_format = found if found is not None else number_format
    format_name = ooxml.attribute(number_format, "w:val") or "decimal"
    text_element = ooxml.child(element, "w:lvlText")
    text = ooxml.attribute(text_element, "w:val") if text_element is not None else None
    return Level(
        start=start_number(ooxml.integer(ooxml.value(element, "w:start"), 1) or 0),
        number_format=format_name,
        text=text if text is not None else ("" if format_name in UNORDERED_FORMATS else "%1."),
        restart_after=ooxml.integer(ooxml.value(element, "w:lvlRestart")),
        legal=bool(ooxml.is_on(ooxml.child(element, "w:isLgl"))),
        paragraph_style=ooxml.value(element, "w:pStyle"),
        suffix=ooxml.value(element, "w:suff") or "tab",
    )


def start_number(start: int) -> int:
    return min(max(start, 0), MAX_START)


def read_levels(parent: ooxml.Element) -> dict[int, Level]:
    levels: dict[int, Level] = {}
    for element in ooxml.children(parent, "w:lvl"):
        index = ooxml.integer(ooxml.attribute(element, "w:ilvl"), 0) or 0
        if 0 <= index < LEVEL_COUNT and index not in levels:
            levels[index] = read_level(element)
    return levels


def read_instance(element: ooxml.Element) -> Instance | None:
    abstract_id = ooxml.value(element, "w:abstractNumId")
    if abstract_id is None:
        return None
    instance = Instance(abstract_id)
    for override in ooxml.children(element, "w:lvlOverride"):
        index = ooxml.integer(ooxml.attribute(override, "w:ilvl"), 0) or 0
        start = ooxml.integer(ooxml.value(override, "w:startOverride"))
        if start is not None:
            instance.start_overrides[index] = start_number(start)
        level = ooxml.child(override, "w:lvl")
        if level is not None:
            instance.level_overrides[index] = read_level(level)
    return instance


class Numbering:
    """numbering.xml, resolved: numId → the nine levels that list uses."""

    def __init__(self, numbering: ooxml.Element | None, styles: StyleSheet) -> None:
        self.styles = styles
        self.abstracts: dict[str, ooxml.Element] = {}
        self.instances: dict[str, Instance] = {}
        self._levels: dict[str, dict[int, Level]] = {}
        if numbering is not None:
            self._load(numbering)

    def _load(self, numbering: ooxml.Element) -> None:
        for element in ooxml.children(numbering, "w:abstractNum"):
            abstract_id = ooxml.attribute(element, "w:abstractNumId")
            if abstract_id is not None:
                self.abstracts.setdefault(abstract_id, element)
        for element in ooxml.children(numbering, "w:num"):
            number_id = ooxml.attribute(element, "w:numId")
            instance = read_instance(element)
            if number_id is not None and instance is not None:
                self.instances.setdefault(number_id, instance)

    def abstract_id(self, number_id: str, depth: int = 0) -> str | None:
        """The abstract definition a list uses, following w:numStyleLink to numbering styles."""
        instance = self.instances.get(number_id)
        if instance is None or depth > 5:
            return None
        abstract = self.abstracts.get(instance.abstract_id)
        link = ooxml.value(abstract, "w:numStyleLink")
        if link is None:
            return instance.abstract_id if abstract is not None else None
        linked_number_id, _ = self.styles.numbering(link)
        if linked_number_id is None or linked_number_id == number_id:
            return instance.abstract_id
        return self.abstract_id(linked_number_id, depth + 1) or instance.abstract_id

    def levels(self, number_id: str) -> dict[int, Level]:
        if number_id not in self._levels:
            abstract_id = self.abstract_id(number_id)
            levels = read_levels(self.abstracts[abstract_id]) if abstract_id is not None else {}
            instance = self.instances.get(number_id)
            if instance is not None:
                levels.update(instance.level_overrides)
            self._levels[number_id] = levels
        return self._levels[number_id]

    def level_for_style(self, number_id: str, style_id: str | None) -> int:
        for index, level in sorted(self.levels(number_id).items()):
            if style_id is not None and level.paragraph_style == style_id:
                return index
        return 0

    def counter_key(self, number_id: str) -> str:
        """Word counts per abstract definition: lists sharing one continue each other."""
        return self.abstract_id(number_id) or f"num:{number_id}"

    def start_of(self, number_id: str, index: int) -> int:
        instance = self.instances[number_id]
        if index in instance.start_overrides:
            return instance.start_overrides[index]
        level = self.levels(number_id).get(index)
        return level.start if level else 1


class ListCounter:
    """Counts list paragraphs in document order and gives each the label Word prints."""

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.counters: dict[str, list[int | None]] = {}
        self.overrides_applied: set[tuple[str, int]] = set()

    def resolve(
        self, paragraph_properties: ooxml.Element | None, style_id: str | None
    ) -> tuple[str, int] | None:
        """(numId, ilvl) of a paragraph, from its own w:numPr or its style's; None if no list."""
        direct = ooxml.child(paragraph_properties, "w:numPr")
        number_id = ooxml.value(direct, "w:numId")
        index = ooxml.integer(ooxml.value(direct, "w:ilvl"))
        style_number_id, style_index = self.numbering.styles.numbering(style_id)
        if number_id is None or number_id == style_number_id:
            number_id = style_number_id
            index = index if index is not None else style_index
        if number_id is None or number_id == "0" or number_id not in self.numbering.instances:
            return None
        if index is None:
            index = self.numbering.level_for_style(number_id, style_id)
        return number_id, min(max(index, 0), LEVEL_COUNT - 1)

    def next_label(self, number_id: str, index: int) -> ListLabel:
        levels = self.numbering.levels(number_id)
        level = levels.get(index, Level())
        counters = self.counters.setdefault(self.numbering.counter_key(number_id), [None] * LEVEL_COUNT)
        current = counters[index]
        if self.restarts_here(number_id, index) or current is None:
            counters[index] = self.numbering.start_of(number_id, index)
        else:
            counters[index] = current + 1
        for deeper in range(index + 1, LEVEL_COUNT):
            if restarts(levels.get(deeper, Level()), index):
                counters[deeper] = None
        return ListLabel(self.label_text(number_id, level, counters), ordered_format(level), index,
                         level.suffix)

    def restarts_here(self, number_id: str, index: int) -> bool:
        """A list instance with a start override restarts its level the first time it is used."""
        if index not in self.numbering.instances[number_id].start_overrides:
            return False
        first_use = (number_id, index) not in self.overrides_applied
        self.overrides_applied.add((number_id, index))
        return first_use

    def label_text(self, number_id: str, level: Level, counters: list[int | None]) -> str:
        if level.number_format == "bullet":
            return bullet_glyph(level.text)
        levels = self.numbering.levels(number_id)

        def substitute(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            referenced = levels.get(index, Level())
            number = counters[index]
            if number is None:
                number = self.numbering.start_of(number_id, index)
            number_format = "decimal" if level.legal else referenced.number_format
            return format_number(number, number_format)

        return PLACEHOLDER.sub(substitute, level.text)


def restarts(level: Level, used_index: int) -> bool:
    """Whether using level `used_index` restarts `level` (a deeper one)."""
    if level.restart_after is None:
        return True
    if level.restart_after == 0:
        return False
    return used_index < level.restart_after


def ordered_format(level: Level) -> bool:
    return level.number_format not in UNORDERED_FORMATS
