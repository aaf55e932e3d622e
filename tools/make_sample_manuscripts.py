#!/usr/bin/env python3
"""Build the Word manuscripts of a sample issue from its plain-text sources.

    python tools/make_sample_manuscripts.py [--samples samples/147] [--out issues/147/manuscripts]
    python tools/make_sample_manuscripts.py --samples samples/fillers --out fillers
    python tools/make_sample_manuscripts.py --all    # both: what `make sample` runs

Every ``NN-slug.<lang>.md`` (or ``slug.<lang>.md``) in the samples folder (markup:
``samples/147/README.md``) becomes ``<out>/<lang>/NN-slug.docx``: a python-docx document on
its default template with the built-in styles (Title, Heading 1/2, Normal, Quote, Intense
Quote, Caption, List Paragraph),
run formatting, ``w:br`` line breaks, real ``numbering.xml`` lists (one ``w:num`` per
list, numbered lists restart through ``w:startOverride``) and inline PNG charts drawn
with Pillow in PT Sans.

The output is byte-for-byte reproducible: fixed core properties, deterministic charts,
and a zip rewritten with a fixed timestamp and a stable member order.

Markup the tool does not understand is an error that names the file and line; files
that convert are still written, and the exit status is 1.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import io
import math
import os
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
import fontpkg
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from PIL import Image, ImageDraw, ImageFont

REPO = Path(__file__).resolve().parent.parent

LANGUAGES = {"ky": "ky-KG", "ru": "ru-RU"}
AUTHOR = "Редакция журнала «Муниципалитет»"
FIXED_DATETIME = _dt.datetime(2024, 1, 10, 0, 0, 0, tzinfo=_dt.timezone.utc)
ZIP_DATE_TIME = (2024, 1, 10, 0, 0, 0)

PICTURE_WIDTH = Cm(8)          # about one column of the magazine
CHART_SIZE = (1600, 1000)      # pixels; 1600 px over 8 cm = 508 dpi
CHART_DPI = 508

SOURCE_NAME = re.compile(r"^(?P<stem>(?:\d{2}-)?[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<lang>[a-z]{2})\.md$")
# what `--all` (and `make sample`) builds: samples folder -> output folder, both from the repository
SAMPLE_SETS = (("samples/147", "issues/147/manuscripts"), ("samples/fillers", "fillers"))

MAX_LIST_LEVEL = 8  # Word lists have nine levels, 0..8


class MarkupError(Exception):
    """Markup the generator does not understand, located by file and line."""

    def __init__(self, path: Path | str, line: int | None, message: str):
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line is not None else f"{self.path}"
        super().__init__(f"{where}: {message}")


# ---------------------------------------------------------------------------
# Inline markup: **bold**, *italic*, __underline__, a trailing " \" = line break
# ---------------------------------------------------------------------------

BREAK = "\n"  # the joined paragraph text uses "\n" for a w:br


@dataclass(frozen=True)
class Span:
    """A piece of a paragraph: text with its formatting, or a line break (text is None)."""

    text: str | None
    bold: bool = False
    italic: bool = False
    underline: bool = False

    @property
    def is_break(self) -> bool:
        return self.text is None


_MARK_NAMES = {"b": "bold", "i": "italic", "u": "underline"}
_MARK_TEXT = {"b": "**", "i": "*", "u": "__"}


@dataclass
class _Text:
    """Paragraph text joined from source lines, with the line number of every offset."""

    path: Path
    text: str
    starts: list[tuple[int, int]]  # (offset in text, source line number)

    def line_at(self, offset: int) -> int:
        line = self.starts[0][1]
        for start, number in self.starts:
            if start > offset:
                break
            line = number
        return line


def _join_lines(path: Path, lines: list[tuple[int, str]]) -> _Text:
    """Join (line number, raw content) pairs: a space between lines, "\\n" after a ` \\` line."""
    text = ""
    starts: list[tuple[int, int]] = []
    pending_break = False
    for index, (number, raw) in enumerate(lines):
        content = raw.strip()
        hard_break = content.endswith("\\") and not content.endswith("\\\\")
        if hard_break:
            content = content[:-1].rstrip()
        if index:
            text += BREAK if pending_break else " "
        starts.append((len(text), number))
        text += content
        pending_break = hard_break
    # a " \\" on the last line of a paragraph has nothing to break before: it is dropped
    return _Text(path, text, starts)


def parse_inline(source: _Text) -> list[Span]:
    """Split joined paragraph text into formatted spans and line breaks."""
    text = source.text
    spans: list[Span] = []
    state = {"b": False, "i": False, "u": False}
    opened_at = {"b": 0, "i": 0, "u": 0}
    buf: list[str] = []

    def flush() -> None:
        if buf:
            spans.append(Span("".join(buf), state["b"], state["i"], state["u"]))
            buf.clear()

    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and text[i + 1] in "*_\\":
            buf.append(text[i + 1])
            i += 2
            continue
        if c == BREAK:
            flush()
            spans.append(Span(None))
            i += 1
            continue
        if c == "*" or (c == "_" and text.startswith("__", i)):
            j = i
            while j < n and text[j] == c:
                j += 1
            run = text[i:j]
            before = text[i - 1] if i > 0 else " "
            after = text[j] if j < n else " "
            if before.isspace() and after.isspace():
                buf.append(run)  # a lone marker between spaces is just a character
                i = j
                continue
            if c == "_" and len(run) >= 4:
                buf.append(run)  # a fill-in line "________"
                i = j
                continue
            if c == "*":
                keys = {1: ["i"], 2: ["b"], 3: ["b", "i"]}.get(len(run))
            else:
                keys = ["u"] if len(run) == 2 else None
            if keys is None:
                raise MarkupError(source.path, source.line_at(i),
                                  f"cannot read {run!r}: use **bold**, *italic*, ***both***, "
                                  f"__underline__, or escape the characters with a backslash")
            for key in keys:
                if not state[key] and after.isspace():
                    raise MarkupError(source.path, source.line_at(i),
                                      f"{_MARK_TEXT[key]!r} is followed by a space, so it cannot start "
                                      f"{_MARK_NAMES[key]} text (write \\{c} for a literal {c!r})")
                if state[key] and before.isspace():
                    raise MarkupError(source.path, source.line_at(i),
                                      f"{_MARK_TEXT[key]!r} after a space cannot end {_MARK_NAMES[key]} "
                                      f"text (write \\{c} for a literal {c!r})")
            flush()
            for key in keys:
                state[key] = not state[key]
                if state[key]:
                    opened_at[key] = i
            i = j
            continue
        buf.append(c)
        i += 1
    for key in ("b", "i", "u"):
        if state[key]:
            raise MarkupError(source.path, source.line_at(opened_at[key]),
                              f"{_MARK_TEXT[key]!r} opens {_MARK_NAMES[key]} text that is never closed "
                              f"in this paragraph")
    flush()
    # merge neighbours with the same formatting
    merged: list[Span] = []
    for span in spans:
        if (merged and not span.is_break and not merged[-1].is_break
                and (span.bold, span.italic, span.underline)
                == (merged[-1].bold, merged[-1].italic, merged[-1].underline)):
            merged[-1] = Span(merged[-1].text + span.text, span.bold, span.italic, span.underline)
        elif span.is_break or span.text:
            merged.append(span)
    return merged


def plain_text(spans: list[Span]) -> str:
    return "".join(" " if s.is_break else s.text for s in spans)


# ---------------------------------------------------------------------------
# Blocks
# ---------------------------------------------------------------------------


@dataclass
class Paragraph:
    style: str  # "Title", "Heading 1", "Heading 2", "Normal", "Quote", "Intense Quote"
    spans: list[Span]
    line: int


@dataclass
class ListItem:
    level: int
    kind: str  # "bullet" | "number"
    spans: list[Span]
    line: int


@dataclass
class ListBlock:
    items: list[ListItem]

    @property
    def kind(self) -> str:
        return self.items[0].kind

    def level_kinds(self) -> dict[int, str]:
        kinds: dict[int, str] = {}
        for item in self.items:
            kinds.setdefault(item.level, item.kind)
        return kinds


@dataclass
class Picture:
    chart: str
    caption: list[Span]
    line: int


@dataclass
class Article:
    path: Path
    lang: str
    stem: str
    blocks: list = field(default_factory=list)

    @property
    def title(self) -> str:
        for block in self.blocks:
            if isinstance(block, Paragraph) and block.style == "Title":
                return plain_text(block.spans).strip()
        return ""


LIST_ITEM = re.compile(r"^(?P<indent> *)(?P<marker>-|\d+\.)[ ]+(?P<text>.*)$")
LIST_MARKER_ONLY = re.compile(r"^ *(?:-|\d+\.)\s*$")
HEADING = re.compile(r"^(?P<hashes>#+)(?:[ ]+(?P<text>.*))?$")
PICTURE = re.compile(r"^!\[(?P<caption>[^\]]+)\]\((?P<target>[^)]*)\)\s*$")
CHART_TARGET = re.compile(r"^chart:(?P<name>[a-z0-9_-]+)$")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\([^)]*\)")
RULE = re.compile(r"^\s*(?:\*\s*){3,}$|^\s*(?:-\s*){3,}$|^\s*(?:_\s*){3,}$")

_BLOCK_STYLES = {1: "Title", 2: "Heading 1", 3: "Heading 2"}
PARAGRAPH_STYLES = {"para": "Normal", "quote": "Quote", "pullquote": "Intense Quote"}


def parse_markup(path: Path, text: str, lang: str, stem: str) -> Article:
    article = Article(path=path, lang=lang, stem=stem)
    blocks = article.blocks

    # the block being collected: ("para"|"quote"|"pullquote", [(line, text)]) or ("list", [...])
    pending_kind: str | None = None
    pending_lines: list[tuple[int, str]] = []
    list_items: list[tuple[int, int, str, list[tuple[int, str]]]] = []  # (line, level, kind, lines)
    blank_before = False
    seen_content = False

    def close() -> None:
        nonlocal pending_kind, pending_lines, list_items
        if pending_kind in PARAGRAPH_STYLES:
            style = PARAGRAPH_STYLES[pending_kind]
            spans = parse_inline(_join_lines(path, pending_lines))
            if spans:
                blocks.append(Paragraph(style, spans, pending_lines[0][0]))
        elif pending_kind == "list":
            _close_list(path, list_items, blocks)
        pending_kind, pending_lines, list_items = None, [], []

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if not line.strip():
            if pending_kind in PARAGRAPH_STYLES:
                close()
            blank_before = True
            continue
        indent_part = line[: len(line) - len(line.lstrip())]
        if "\t" in indent_part:
            raise MarkupError(path, number, "a tab in the indentation: indent with spaces "
                                            "(two per list nesting level)")
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        first_content = not seen_content
        seen_content = True

        # --- lines the markup does not have --------------------------------------
        if stripped.startswith("```") or stripped.startswith("~~~"):
            raise MarkupError(path, number, "code blocks are not part of the markup")
        if stripped.startswith("|"):
            raise MarkupError(path, number, "tables are not part of the markup")
        if RULE.match(line):
            raise MarkupError(path, number, "horizontal rules are not part of the markup")
        if re.match(r"^[*+][ ]", stripped):
            raise MarkupError(path, number, f"bulleted items are written '- item', not "
                                            f"'{stripped[0]} item'")
        if re.match(r"^\d+\)[ ]", stripped):
            raise MarkupError(path, number, "numbered items are written '1. item' "
                                            "(Word prints the numbers and letters itself)")
        if LIST_MARKER_ONLY.match(line):
            raise MarkupError(path, number, "an empty list item")
        if LINK.search(line):
            raise MarkupError(path, number, "links [text](url) are not part of the markup")

        # --- headings --------------------------------------------------------------
        heading = HEADING.match(stripped)
        if heading:
            hashes = len(heading.group("hashes"))
            content = (heading.group("text") or "").strip()
            if indent:
                raise MarkupError(path, number, "a heading must start at the beginning of the line")
            if hashes not in _BLOCK_STYLES:
                raise MarkupError(path, number, f"{'#' * hashes!r} is not a heading level of the markup "
                                                f"(use '#' title, '##' heading, '###' subheading)")
            if not content:
                raise MarkupError(path, number, "an empty heading")
            if hashes == 1 and not first_content:
                raise MarkupError(path, number, "'# ' (the title) is allowed only on the first line; "
                                                "use '## ' for a heading")
            close()
            spans = parse_inline(_join_lines(path, [(number, content)]))
            if any(s.is_break for s in spans):
                raise MarkupError(path, number, "a heading cannot contain a line break")
            blocks.append(Paragraph(_BLOCK_STYLES[hashes], spans, number))
            blank_before = False
            continue

        # --- pictures --------------------------------------------------------------
        if stripped.startswith("!["):
            match = PICTURE.match(stripped)
            if not match:
                raise MarkupError(path, number, "a picture is written '![Caption](chart:NAME)' "
                                                "alone on its line")
            target = CHART_TARGET.match(match.group("target").strip())
            if not target:
                raise MarkupError(path, number, f"unknown picture target {match.group('target')!r}: "
                                                f"only 'chart:NAME' pictures are drawn "
                                                f"({', '.join(sorted(CHARTS))})")
            name = target.group("name")
            if name not in CHARTS:
                raise MarkupError(path, number, f"unknown chart {name!r}; the generator draws: "
                                                f"{', '.join(sorted(CHARTS))}")
            if lang not in CHARTS[name]:
                raise MarkupError(path, number, f"chart {name!r} has no labels in {lang!r}")
            close()
            caption = parse_inline(_join_lines(path, [(number, match.group("caption"))]))
            blocks.append(Picture(name, caption, number))
            blank_before = False
            continue
        if "![" in line and re.search(r"!\[[^\]]*\]\(", line):
            raise MarkupError(path, number, "a picture must stand alone on its line")

        # --- list items ------------------------------------------------------------
        item = LIST_ITEM.match(line)
        if item:
            if indent % 2:
                raise MarkupError(path, number, f"list indentation of {indent} spaces: nest list items "
                                                f"by two spaces per level")
            level = indent // 2
            kind = "bullet" if item.group("marker") == "-" else "number"
            if pending_kind != "list":
                close()
                pending_kind = "list"
            if level > MAX_LIST_LEVEL:
                raise MarkupError(path, number, f"list nesting level {level} is deeper than Word's "
                                                f"{MAX_LIST_LEVEL}")
            list_items.append((number, level, kind, [(number, item.group("text"))]))
            blank_before = False
            continue

        # --- quotes: "> " Quote, ">> " Intense Quote (a pull quote) --------------------
        if stripped.startswith(">"):
            if indent:
                raise MarkupError(path, number, "a quote line '> ' must start at the beginning of the line")
            kind, content = ("pullquote", stripped[2:]) if stripped.startswith(">>") else ("quote", stripped[1:])
            if content.startswith(">"):
                raise MarkupError(path, number, "'>>>' is not part of the markup: '> ' is a quote, "
                                                "'>> ' a pull quote")
            if not content.strip():  # a bare ">" separates two quote paragraphs
                if pending_kind == kind:
                    close()
                blank_before = False
                continue
            if pending_kind != kind:
                close()
                pending_kind = kind
            pending_lines.append((number, content))
            blank_before = False
            continue

        # --- ordinary text -------------------------------------------------------
        if pending_kind == "list":
            if not blank_before:
                list_items[-1][3].append((number, stripped))  # continuation of the item
                continue
            if indent:
                raise MarkupError(path, number, "an indented paragraph after a blank line inside a list: "
                                                "list items are one paragraph each")
            close()
        if pending_kind is None:
            pending_kind = "para"
        pending_lines.append((number, stripped))
        blank_before = False
    close()
    return article


def _close_list(path: Path, raw_items, blocks: list) -> None:
    """Turn collected list lines into ListBlocks; a change of the top-level kind starts a new list."""
    current: ListBlock | None = None
    previous_level = -1
    kinds: dict[int, tuple[str, int]] = {}
    for number, level, kind, lines in raw_items:
        spans = parse_inline(_join_lines(path, lines))
        if level == 0 and current is not None and current.kind != kind:
            current = None
        if current is None:
            if level != 0:
                raise MarkupError(path, number, "a nested list item without a parent item "
                                                "(indent by two spaces per level, starting at none)")
            current = ListBlock([])
            blocks.append(current)
            previous_level = -1
            kinds = {}
        if level > previous_level + 1:
            raise MarkupError(path, number, f"list item nested {level - previous_level} levels deeper than "
                                            f"the item before it (two more spaces per level)")
        if level in kinds and kinds[level][0] != kind:
            other_kind, other_line = kinds[level]
            raise MarkupError(path, number, f"a {kind} item at nesting level {level} of a list that has "
                                            f"{other_kind} items at that level (line {other_line}); "
                                            f"a Word list has one format per level")
        kinds.setdefault(level, (kind, number))
        current.items.append(ListItem(level, kind, spans, number))
        previous_level = level


# ---------------------------------------------------------------------------
# numbering.xml
# ---------------------------------------------------------------------------

BULLET_GLYPHS = ("•", "–", "▪")
NUMBER_FORMATS = (("decimal", "%{n}."), ("russianLower", "%{n})"), ("lowerRoman", "%{n})"))


def level_format(kind: str, level: int) -> tuple[str, str]:
    """(w:numFmt, w:lvlText) of a list level."""
    if kind == "bullet":
        return "bullet", BULLET_GLYPHS[level % 3]
    fmt, text = NUMBER_FORMATS[level % 3]
    return fmt, text.format(n=level + 1)


def _w(tag: str, **attrs: str):
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), str(value))
    return el


class ListNumbering:
    """Adds abstractNum/num definitions to the document's numbering part."""

    def __init__(self, document: docx.document.Document):
        self.root = document.part.numbering_part.element
        abstract_ids = [int(el.get(qn("w:abstractNumId"))) for el in self.root.findall(qn("w:abstractNum"))]
        num_ids = [int(el.get(qn("w:numId"))) for el in self.root.findall(qn("w:num"))]
        self.next_abstract = max(abstract_ids, default=-1) + 1
        self.next_num = max(num_ids, default=0) + 1
        self.abstracts: dict[tuple[str, ...], int] = {}

    def _abstract_for(self, kinds: tuple[str, ...]) -> int:
        if kinds in self.abstracts:
            return self.abstracts[kinds]
        abstract_id = self.next_abstract
        self.next_abstract += 1
        abstract = _w("w:abstractNum", abstractNumId=abstract_id)
        abstract.append(_w("w:nsid", val=f"4D50{abstract_id:04X}"))
        abstract.append(_w("w:multiLevelType", val="hybridMultilevel"))
        abstract.append(_w("w:tmpl", val=f"4D51{abstract_id:04X}"))
        for level, kind in enumerate(kinds):
            fmt, text = level_format(kind, level)
            lvl = _w("w:lvl", ilvl=level)
            lvl.append(_w("w:start", val=1))
            lvl.append(_w("w:numFmt", val=fmt))
            lvl.append(_w("w:lvlText", val=text))
            lvl.append(_w("w:lvlJc", val="left"))
            ppr = _w("w:pPr")
            ppr.append(_w("w:ind", left=720 * (level + 1), hanging=360))
            lvl.append(ppr)
            abstract.append(lvl)
        # abstractNum elements precede every w:num
        existing = self.root.findall(qn("w:abstractNum"))
        if existing:
            existing[-1].addnext(abstract)
        else:
            self.root.insert(0, abstract)
        self.abstracts[kinds] = abstract_id
        return abstract_id

    def new_list(self, block: ListBlock) -> int:
        used = block.level_kinds()
        kinds = tuple(used.get(level, block.kind) for level in range(MAX_LIST_LEVEL + 1))
        abstract_id = self._abstract_for(kinds)
        num_id = self.next_num
        self.next_num += 1
        num = _w("w:num", numId=num_id)
        num.append(_w("w:abstractNumId", val=abstract_id))
        # every list starts again at 1, also when it shares its abstractNum with an earlier one
        for level in sorted(used):
            if used[level] == "number":
                override = _w("w:lvlOverride", ilvl=level)
                override.append(_w("w:startOverride", val=1))
                num.append(override)
        after = self.root.findall(qn("w:num"))
        if after:
            after[-1].addnext(num)
        else:
            cleanup = self.root.find(qn("w:numIdMacAtCleanup"))
            if cleanup is not None:
                cleanup.addprevious(num)
            else:
                self.root.append(num)
        return num_id


# ---------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------

# name -> lang -> title, unit, categories, series [(legend or None, values)], decimals.
# The figures are those of the articles that show the charts (03-participatory-budget,
# 06-pasture-committees); the 2021 middle-zone figure is the total minus the two others.
CHARTS: dict[str, dict[str, dict]] = {
    "budget": {
        "ru": {
            "title": "Проекты жителей Каракола, 2023 год",
            "unit": "тыс. сомов",
            "categories": ["Водопровод в Ак-Тилеке", "Освещение улиц Пристани",
                           "Детская площадка", "Тротуар и пандус к ЦСМ"],
            "series": [(None, [2850, 2600, 1450, 1100])],
            "decimals": 0,
        },
        "ky": {
            "title": "Каракол: тургундардын долбоорлору, 2023-жыл",
            "unit": "миң сом",
            "categories": ["Ак-Тилектеги суу түтүгү", "Пристандагы көчө жарыгы",
                           "Балдар аянтчасы", "Жөө жол жана пандус"],
            "series": [(None, [2850, 2600, 1450, 1100])],
            "decimals": 0,
        },
    },
    "pasture": {
        "ru": {
            "title": "Скот на пастбищах летом по зонам",
            "unit": "тыс. условных голов",
            "categories": ["Присельные", "Весенне-осенние", "Дальние (джайлоо)"],
            "series": [("2021", [31.0, 29.0, 15.6]), ("2023", [12.5, 27.8, 35.3])],
            "decimals": 1,
        },
        "ky": {
            "title": "Жайкы мезгилде жайыт зоналарындагы мал",
            "unit": "миң шарттуу баш",
            "categories": ["Айылдын жанындагы", "Жазгы-күзгү", "Алыскы (жайлоолор)"],
            "series": [("2021", [31.0, 29.0, 15.6]), ("2023", [12.5, 27.8, 35.3])],
            "decimals": 1,
        },
    },
}

_SERIES_COLOURS = ((31, 95, 139), (150, 182, 207))  # single series: dark; two: light then dark
_INK = (34, 34, 34)
_MUTED = (110, 110, 110)
_GRID = (215, 215, 215)


def _font(weight: int, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(fontpkg.path("PT Sans", weight), size)


def _number(value: float, decimals: int = 0) -> str:
    """Kyrgyz and Russian style: 2850 -> "2 850" (no-break space), 12.5 -> "12,5"."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u00a0").replace(".", ",")


def _nice_step(top: float) -> float:
    raw = top / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    # a one- or two-letter word ("в", "и", "к") stays with the word after it
    text = re.sub(r"(?<!\S)(\S{1,2}) (?=\S)", "\\1\u00a0", text)
    lines: list[str] = []
    for word in text.split(" "):
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def render_chart(name: str, lang: str) -> bytes:
    """A deterministic bar chart (one bar per category, or a group per category) as PNG bytes."""
    spec = CHARTS[name][lang]
    width, height = CHART_SIZE
    image = Image.new("RGB", CHART_SIZE, "white")
    draw = ImageDraw.Draw(image)

    title_font = _font(700, 66)
    for size in range(66, 39, -2):  # the title fits on one line
        title_font = _font(700, size)
        if draw.textlength(spec["title"], font=title_font) <= width - 110:
            break
    unit_font = _font(400, 48)
    tick_font = _font(400, 44)
    value_font = _font(700, 48)

    draw.text((60, 40), spec["title"], font=title_font, fill=_INK)
    draw.text((60, 125), spec["unit"], font=unit_font, fill=_MUTED)

    categories = spec["categories"]
    series = spec["series"]
    decimals = spec["decimals"]
    colours = _SERIES_COLOURS[:1] if len(series) == 1 else _SERIES_COLOURS[::-1][: len(series)]

    # legend, right-aligned on the unit line
    x = width - 50
    for (legend, _), colour in reversed(list(zip(series, colours))):
        if legend is None:
            continue
        x -= draw.textlength(legend, font=unit_font)
        draw.text((x, 125), legend, font=unit_font, fill=_INK)
        x -= 12 + 40
        draw.rectangle([x, 137, x + 40, 177], fill=colour)
        x -= 50

    maximum = max(max(values) for _, values in series)
    step = _nice_step(maximum * 1.1)
    ticks = math.ceil(maximum * 1.1 / step)
    top_value = step * ticks

    left, right = 190, width - 50
    slot = (right - left) / len(categories)
    label_width = int(slot - 30)
    # the largest label size (44 px down to 34 px) at which every label fits in three lines
    for size in range(44, 33, -2):
        label_font = _font(400, size)
        wrapped = [_wrap(draw, label, label_font, label_width) for label in categories]
        if all(len(lines) <= 3 and all(draw.textlength(t, font=label_font) <= label_width for t in lines)
               for lines in wrapped):
            break
    line_height = int(label_font.size * 1.2)
    label_lines = max(len(lines) for lines in wrapped)
    bottom = height - 40 - label_lines * line_height - 25
    top = 240

    def y_of(value: float) -> float:
        return bottom - (bottom - top) * value / top_value

    for index in range(ticks + 1):
        tick = step * index
        y = round(y_of(tick))
        draw.line([(left, y), (right, y)], fill=_GRID if index else _INK, width=3 if index else 4)
        text = _number(tick, 0 if float(step).is_integer() else 1)
        draw.text((left - 20 - draw.textlength(text, font=tick_font), y), text,
                  font=tick_font, fill=_MUTED, anchor="lm")

    group_width = slot * (0.56 if len(series) == 1 else 0.8)
    gap = 0 if len(series) == 1 else 12
    bar_width = (group_width - gap * (len(series) - 1)) / len(series)
    for index, lines in enumerate(wrapped):
        centre = left + slot * (index + 0.5)
        for number, ((_, values), colour) in enumerate(zip(series, colours)):
            x0 = centre - group_width / 2 + number * (bar_width + gap)
            y0 = round(y_of(values[index]))
            draw.rectangle([round(x0), y0, round(x0 + bar_width), round(y_of(0)) - 2], fill=colour)
            draw.text((x0 + bar_width / 2, y0 - 14), _number(values[index], decimals),
                      font=value_font, fill=_INK, anchor="ms")
        for row, text in enumerate(lines):
            draw.text((centre, bottom + 25 + row * line_height), text, font=label_font,
                      fill=_INK, anchor="ma")

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=9, dpi=(CHART_DPI, CHART_DPI))
    return out.getvalue()


# ---------------------------------------------------------------------------
# The Word document
# ---------------------------------------------------------------------------


def _add_spans(paragraph, spans: list[Span]) -> None:
    run = None
    for span in spans:
        if span.is_break:
            if run is None:
                run = paragraph.add_run()
            run.add_break()
            continue
        run = paragraph.add_run(span.text)
        if span.bold:
            run.bold = True
        if span.italic:
            run.italic = True
        if span.underline:
            run.underline = True


def _set_lang(rpr, tag: str) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)  # w:lang is the last w:rPr child the default template uses
    lang.set(qn("w:val"), tag)


def build_document(article: Article) -> docx.document.Document:
    document = docx.Document()
    lang_tag = LANGUAGES[article.lang]

    # language of the edition: Normal style (and the document defaults it inherits from)
    _set_lang(document.styles["Normal"].element.get_or_add_rPr(), lang_tag)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            _set_lang(rpr, lang_tag)
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), lang_tag)

    numbering = ListNumbering(document)
    charts: dict[str, bytes] = {}
    for block in article.blocks:
        if isinstance(block, Paragraph):
            paragraph = document.add_paragraph(style=block.style)
            _add_spans(paragraph, block.spans)
        elif isinstance(block, ListBlock):
            num_id = numbering.new_list(block)
            for item in block.items:
                paragraph = document.add_paragraph(style="List Paragraph")
                num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
                num_pr.get_or_add_ilvl().val = item.level
                num_pr.get_or_add_numId().val = num_id
                _add_spans(paragraph, item.spans)
        elif isinstance(block, Picture):
            png = charts.setdefault(block.chart, render_chart(block.chart, article.lang))
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.keep_with_next = True
            paragraph.add_run().add_picture(io.BytesIO(png), width=PICTURE_WIDTH)
            doc_pr = paragraph._p.find(".//" + qn("wp:docPr"))
            if doc_pr is not None:
                doc_pr.set("descr", plain_text(block.caption))
            caption = document.add_paragraph(style="Caption")
            _add_spans(caption, block.caption)
        else:  # pragma: no cover - parse_markup makes only the three kinds
            raise TypeError(block)

    core = document.core_properties
    core.author = AUTHOR
    core.last_modified_by = AUTHOR
    core.title = article.title
    core.subject = "«Муниципалитет»"
    core.comments = ""
    core.keywords = ""
    core.category = ""
    core.language = lang_tag
    core.revision = 1
    core.created = FIXED_DATETIME
    core.modified = FIXED_DATETIME
    return document


def deterministic_zip(data: bytes) -> bytes:
    """Rewrite a .docx with a fixed timestamp, fixed attributes and a stable member order."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    order = sorted(members, key=lambda name: (name != "[Content_Types].xml", name))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, members[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return out.getvalue()


def docx_bytes(article: Article) -> bytes:
    buffer = io.BytesIO()
    build_document(article).save(buffer)
    return deterministic_zip(buffer.getvalue())


# ---------------------------------------------------------------------------
# Files and the command line
# ---------------------------------------------------------------------------


def read_article(path: Path) -> Article:
    match = SOURCE_NAME.match(path.name)
    if not match:
        raise MarkupError(path, None, "the file name is not 'NN-slug.<lang>.md' or 'slug.<lang>.md' "
                                      f"(lang one of {', '.join(LANGUAGES)})")
    lang = match.group("lang")
    if lang not in LANGUAGES:
        raise MarkupError(path, None, f"unknown language {lang!r} in the file name "
                                      f"(expected one of {', '.join(LANGUAGES)})")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise MarkupError(path, None, f"not UTF-8 text ({error})") from None
    return parse_markup(path, text, lang, match.group("stem"))


def source_files(samples: Path) -> list[Path]:
    return sorted(p for p in samples.glob("*.md") if p.name.lower() != "readme.md")


def convert(samples: Path, out: Path) -> tuple[list[Path], list[MarkupError]]:
    """Convert every source; returns the files written and the errors met."""
    written: list[Path] = []
    errors: list[MarkupError] = []
    for path in source_files(samples):
        try:
            article = read_article(path)
            data = docx_bytes(article)
        except MarkupError as error:
            errors.append(error)
            continue
        target = out / article.lang / f"{article.stem}.docx"
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(target.name + ".tmp")
        temporary.write_bytes(data)
        os.replace(temporary, target)
        written.append(target)
    return written, errors


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=Path, default=REPO / "samples" / "147",
                        help="folder with NN-slug.<lang>.md sources (default: samples/147)")
    parser.add_argument("--out", type=Path, default=None,
                        help="output folder; <lang>/NN-slug.docx is written inside it "
                             "(default: issues/<samples folder name>/manuscripts)")
    parser.add_argument("--all", action="store_true",
                        help="build every sample set of the repository: " + ", ".join(
                            f"{samples} -> {out}" for samples, out in SAMPLE_SETS))
    args = parser.parse_args(argv)
    if args.all:
        if args.out is not None or args.samples != parser.get_default("samples"):
            parser.error("--all builds every sample set; it takes no --samples or --out")
        return max(build(REPO / samples, REPO / out) for samples, out in SAMPLE_SETS)
    samples: Path = args.samples
    out: Path = args.out if args.out is not None else REPO / "issues" / samples.resolve().name / "manuscripts"
    return build(samples, out)


def build(samples: Path, out: Path) -> int:
    """Convert one samples folder, print what was written and what failed; the exit status."""
    if not samples.is_dir():
        print(f"error: {samples} is not a folder", file=sys.stderr)
        return 2
    if not source_files(samples):
        print(f"error: no NN-slug.<lang>.md files in {samples}", file=sys.stderr)
        return 2
    written, errors = convert(samples, out)
    for path in written:
        print(_shown(path))
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    if errors:
        print(f"{len(errors)} file(s) not converted because of the errors above", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
