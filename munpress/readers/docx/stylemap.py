"""Word styles: which role a paragraph style plays, and which marks a style gives its runs.

Roles come from `munpress/data/stylemap.toml` (Word style NAME → role) plus the magazine's
own additions. Styles are matched by name, never by ID; a style based on a mapped style
takes its role; headings are also recognized by `w:outlineLvl`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from munpress.readers.docx import ooxml

HEADING_ROLES = {f"heading{level}": level for level in range(1, 10)}
# "contents": Word's own table of contents, which the reader leaves out.
ROLES = frozenset({"body", "title", "subtitle", "quote", "pullquote", "caption", "signature", "list",
                   "contents", *HEADING_ROLES})
TOGGLE_MARKS = ("bold", "italic", "strike", "smallcaps", "allcaps", "hidden")
BODY_TEXT_OUTLINE_LEVEL = 9


def normalize_name(name: str) -> str:
    return " ".join(name.split()).casefold()


@cache
def builtin_roles() -> dict[str, str]:
    text = resources.files("munpress.data").joinpath("stylemap.toml").read_text("utf-8")
    table = tomllib.loads(text)["roles"]
    return {normalize_name(name): role for name, role in table.items()}


def role_table(extra_styles: tuple[tuple[str, str], ...] = ()) -> dict[str, str]:
    roles = dict(builtin_roles())
    for name, role in extra_styles:
        roles[normalize_name(name)] = role.replace("-", "").replace(" ", "")
    return roles


@dataclass(frozen=True)
class Style:
    style_id: str
    name: str
    kind: str
    based_on: str | None
    paragraph_properties: ooxml.Element | None
    run_properties: ooxml.Element | None


@dataclass(frozen=True)
class ParagraphStyleRole:
    """What a paragraph style means here: a role, a heading level, and whether it was known."""

    role: str
    heading_level: int | None = None
    known: bool = True


TOGGLES = {"w:b": "bold", "w:i": "italic", "w:smallCaps": "smallcaps", "w:caps": "allcaps",
           "w:vanish": "hidden", "w:strike": "strike", "w:dstrike": "strike"}


def run_marks(run_properties: ooxml.Element | None) -> dict[str, bool]:
    """Marks a w:rPr sets explicitly: {"bold": True, "italic": False, …}."""
    if run_properties is None:
        return {}
    marks: dict[str, bool] = {}
    toggles = {ooxml.tag(prefixed): mark for prefixed, mark in TOGGLES.items()}
    for node in run_properties:
        mark = toggles.get(node.tag)
        if mark is not None:
            marks[mark] = bool(ooxml.is_on(node)) or (mark == "strike" and marks.get("strike", False))
        elif node.tag == ooxml.tag("w:u"):
            marks["underline"] = (ooxml.attribute(node, "w:val") or "single") != "none"
        elif node.tag == ooxml.tag("w:vertAlign"):
            marks.update(vertical_alignment(ooxml.attribute(node, "w:val")))
    return marks


def vertical_alignment(setting: str | None) -> dict[str, bool]:
    if setting is None:
        return {}
    return {"superscript": setting == "superscript", "subscript": setting == "subscript"}


class StyleSheet:
    """The styles part of one manuscript, resolved lazily and cached per style ID."""

    def __init__(self, styles: ooxml.Element | None, roles: dict[str, str]) -> None:
        self.roles = roles
        self.styles: dict[str, Style] = {}
        self.default_paragraph_style: str | None = None
        self.default_marks: dict[str, bool] = {}
        self._marks: dict[str, dict[str, bool]] = {}
        self._effective: dict[tuple[object, ...], dict[str, bool]] = {}
        self._numbering: dict[str | None, tuple[str | None, int | None]] = {}
        if styles is not None:
            self._load(styles)

    def _load(self, styles: ooxml.Element) -> None:
        defaults = ooxml.child(ooxml.child(styles, "w:docDefaults"), "w:rPrDefault")
        self.default_marks = run_marks(ooxml.child(defaults, "w:rPr"))
        for element in ooxml.children(styles, "w:style"):
            style_id = ooxml.attribute(element, "w:styleId")
            if style_id is None or style_id in self.styles:
                continue
            kind = ooxml.attribute(element, "w:type") or "paragraph"
            self.styles[style_id] = Style(
                style_id=style_id,
                name=ooxml.value(element, "w:name") or style_id,
                kind=kind,
                based_on=ooxml.value(element, "w:basedOn"),
                paragraph_properties=ooxml.child(element, "w:pPr"),
                run_properties=ooxml.child(element, "w:rPr"),
            )
            if kind == "paragraph" and ooxml.is_on_attribute(element, "w:default"):
                self.default_paragraph_style = self.default_paragraph_style or style_id

    def chain(self, style_id: str | None) -> list[Style]:
        """The style and the styles it is based on, most specific first (cycles cut)."""
        found: list[Style] = []
        seen: set[str] = set()
        while style_id is not None and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            style = self.styles[style_id]
            found.append(style)
            style_id = style.based_on
        return found

    def paragraph_style_id(self, paragraph_properties: ooxml.Element | None) -> str | None:
        style_id = ooxml.value(paragraph_properties, "w:pStyle")
        if style_id is not None and style_id in self.styles:
            return style_id
        return self.default_paragraph_style

    def name_of(self, style_id: str | None) -> str:
        style = self.styles.get(style_id or "")
        return style.name if style else (style_id or "")

    def role_of_name(self, name: str) -> str | None:
        key = normalize_name(name)
        if key in self.roles:
            return self.roles[key]
        first_alias = key.split(",")[0].strip()
        return self.roles.get(first_alias)

    def paragraph_role(self, style_id: str | None) -> ParagraphStyleRole:
        """The role of the nearest mapped style in the basedOn chain; a body style that sets
        (or inherits) an outline level 1–9 is a heading, as in Word's navigation pane."""
        chain = self.chain(style_id)
        roles = (self.role_of_name(style.name) for style in chain)
        role = next((found for found in roles if found in ROLES), None)
        if role is not None and role != "body":
            return ParagraphStyleRole(role, HEADING_ROLES.get(role))
        outline = self.outline_level(chain)
        if outline is not None:
            return ParagraphStyleRole(f"heading{outline + 1}", outline + 1)
        return ParagraphStyleRole("body", None, known=role is not None or not chain)

    def outline_level(self, chain: list[Style]) -> int | None:
        for style in chain:
            level = ooxml.integer(ooxml.value(style.paragraph_properties, "w:outlineLvl"))
            if level is not None:
                return level if 0 <= level < BODY_TEXT_OUTLINE_LEVEL else None
        return None

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        """(numId, ilvl) a style gives its paragraphs; each is taken from the nearest style in
        the basedOn chain that sets it (Word lets a derived style set only the level)."""
        if style_id in self._numbering:
            return self._numbering[style_id]
        number_id: str | None = None
        index: int | None = None
        for style in self.chain(style_id):
            numbering = ooxml.child(style.paragraph_properties, "w:numPr")
            if number_id is None:
                number_id = ooxml.value(numbering, "w:numId")
            if index is None:
                index = ooxml.integer(ooxml.value(numbering, "w:ilvl"))
        self._numbering[style_id] = (number_id, index)
        return number_id, index

    def style_marks(self, style_id: str | None) -> dict[str, bool]:
        """Marks a paragraph or character style gives (its basedOn chain merged)."""
        if style_id is None:
            return {}
        if style_id not in self._marks:
            marks: dict[str, bool] = {}
            for style in reversed(self.chain(style_id)):
                marks.update(run_marks(style.run_properties))
            self._marks[style_id] = marks
        return self._marks[style_id]

    def effective_marks(
        self, paragraph_style: str | None, character_style: str | None, direct: dict[str, bool]
    ) -> dict[str, bool]:
        """Defaults, then paragraph style, then character style (toggles flip), then direct."""
        key = (paragraph_style, character_style, tuple(sorted(direct.items())))
        if key not in self._effective:
            self._effective[key] = self._combine_marks(paragraph_style, character_style, direct)
        return self._effective[key]

    def _combine_marks(
        self, paragraph_style: str | None, character_style: str | None, direct: dict[str, bool]
    ) -> dict[str, bool]:
        marks = dict(self.default_marks)
        marks.update(self.style_marks(paragraph_style))
        for mark, setting in self.style_marks(character_style).items():
            if mark in TOGGLE_MARKS and setting and marks.get(mark):
                marks[mark] = False
            else:
                marks[mark] = setting
        marks.update(direct)
        return marks
