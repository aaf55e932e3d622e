"""WordprocessingML namespaces and the small helpers every docx module reads XML with.

Elements are plain lxml elements (python-docx's custom classes are subclasses of them);
only the helpers here know about Clark names, so other modules say `tag("w:p")`,
`attribute(element, "w:val")`, `child(element, "w:rPr")`.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

Element = etree._Element

NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
}

# Namespaces of the mc:Choice branches the reader understands; other choices use Fallback.
UNDERSTOOD_CHOICES = frozenset(
    {
        NAMESPACES["wps"],
        NAMESPACES["wpg"],
        "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",  # wp14
        "http://schemas.microsoft.com/office/word/2010/wordml",  # w14
        "http://schemas.microsoft.com/office/word/2012/wordml",  # w15
        "http://schemas.microsoft.com/office/drawing/2010/main",  # a14
    }
)

# Parser for parts python-docx leaves as raw bytes (footnotes, endnotes, comments).
SAFE_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)

_TAGS: dict[str, str] = {}


def tag(prefixed: str) -> str:
    """'w:p' → '{http://…/main}p'."""
    found = _TAGS.get(prefixed)
    if found is None:
        prefix, name = prefixed.split(":")
        found = _TAGS[prefixed] = f"{{{NAMESPACES[prefix]}}}{name}"
    return found


def attribute(element: Element | None, prefixed: str) -> str | None:
    if element is None:
        return None
    return element.get(tag(prefixed))


def child(element: Element | None, prefixed: str) -> Element | None:
    if element is None:
        return None
    return element.find(tag(prefixed))


def children(element: Element | None, prefixed: str) -> list[Element]:
    if element is None:
        return []
    return element.findall(tag(prefixed))


def value(element: Element | None, prefixed_child: str) -> str | None:
    """The w:val of a child element: value(pPr, "w:pStyle") → "Heading1"."""
    return attribute(child(element, prefixed_child), "w:val")


def integer(text: str | None, default: int | None = None) -> int | None:
    """A number attribute ("12", " 12 ", "12.0"); `default` for anything else ("abc", "1e309", "nan")."""
    if text is None:
        return default
    try:
        return int(text.strip())
    except ValueError:  # also a decimal string too long for int()
        try:
            return int(float(text.strip()))
        except (ValueError, OverflowError):  # OverflowError: "1e309" or 5000 digits are infinite
            return default


def is_on(element: Element | None) -> bool | None:
    """A toggle property (<w:b/>, <w:b w:val="false"/>): True, False, or None when absent."""
    if element is None:
        return None
    setting = attribute(element, "w:val")
    return setting is None or setting.lower() not in ("0", "false", "off", "none")


def local_name(element: Element) -> str:
    name = element.tag
    if not isinstance(name, str):
        return ""  # comments, processing instructions, entity references
    return name.rpartition("}")[2]


def namespace(element: Element) -> str:
    name = element.tag
    if not isinstance(name, str) or not name.startswith("{"):
        return ""
    return name[1 : name.index("}")]


def is_element(element: Element) -> bool:
    return isinstance(element.tag, str)


def descendants(element: Element, prefixed: str) -> Iterator[Element]:
    return element.iter(tag(prefixed))


def parse_part(blob: bytes) -> Element:
    """Parse a part's XML without resolving entities or touching the network."""
    return etree.fromstring(blob, SAFE_PARSER)


def choose_alternate(alternate: Element) -> Element | None:
    """The branch of an mc:AlternateContent to read: the first understood Choice, else Fallback."""
    for choice in children(alternate, "mc:Choice"):
        required = (choice.get("Requires") or "").split()
        if all(choice.nsmap.get(prefix) in UNDERSTOOD_CHOICES for prefix in required):
            return choice
    return child(alternate, "mc:Fallback")


def is_on_attribute(element: Element | None, prefixed: str) -> bool:
    """An on/off attribute such as w:default="1" or w:hidden="true"."""
    setting = attribute(element, prefixed)
    return setting is not None and setting.lower() in ("1", "true", "on")


def own_text(element: Element) -> str:
    """The text of a leaf such as w:t; unresolved entity references are left out, what follows them kept."""
    parts = [element.text or ""]
    for node in element:
        if is_element(node):
            parts.append("".join(node.itertext()))
        parts.append(node.tail or "")
    return "".join(parts)
