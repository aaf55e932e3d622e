"""Pandoc's native format (the Haskell `show` of its AST) → Python values → visible text.

pandoc's test suite keeps expected reader output as `.native` files such as

    [Header 2 ("id",[],[]) [Str "Some",Space,Str "nested"], OrderedList (1,Decimal,Period) [...]]

or, pretty-printed, `Pandoc Meta { unMeta = fromList [] } [ Para [ Str "x" ] ]`. `parse_native`
reads that into `Con(name, args)` for constructor applications, `list` for lists, `tuple`
for tuples, `Record(name, fields)` for record syntax, `str` and `int`/`float`.
`visible_text` then gives what a reader of the document sees, in pandoc's reading order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Union

Value = Union["Con", "Record", list, tuple, str, int, float]


@dataclass(frozen=True)
class Con:
    name: str
    args: tuple = ()


@dataclass(frozen=True)
class Record:
    name: str
    fields: dict = field(default_factory=dict, hash=False)


class NativeSyntaxError(ValueError):
    pass


# Haskell's named ASCII escapes (\NUL … \DEL); \SO is tried after \SOH by the longest-first order.
ASCII_NAMES = {
    "NUL": 0, "SOH": 1, "STX": 2, "ETX": 3, "EOT": 4, "ENQ": 5, "ACK": 6, "BEL": 7, "BS": 8,
    "HT": 9, "LF": 10, "VT": 11, "FF": 12, "CR": 13, "SO": 14, "SI": 15, "DLE": 16, "DC1": 17,
    "DC2": 18, "DC3": 19, "DC4": 20, "NAK": 21, "SYN": 22, "ETB": 23, "CAN": 24, "EM": 25,
    "SUB": 26, "ESC": 27, "FS": 28, "GS": 29, "RS": 30, "US": 31, "SP": 32, "DEL": 127,
}
SINGLE_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
                  '"': '"', "'": "'", "\\": "\\"}
TOKEN = re.compile(
    r"""\s*(?:
        (?P<string>"(?:[^"\\]|\\.)*")
      | (?P<number>-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)
      | (?P<name>[A-Za-z_][A-Za-z0-9_']*(?:\.[A-Za-z_][A-Za-z0-9_']*)*)
      | (?P<punct>[\[\](),{}=])
    )""",
    re.VERBOSE | re.DOTALL,
)
ESCAPE = re.compile(
    r"\\(?:(?P<decimal>\d+)|x(?P<hex>[0-9a-fA-F]+)|o(?P<octal>[0-7]+)|\^(?P<control>[@A-Z\[\\\]^_])"
    r"|(?P<named>" + "|".join(sorted(ASCII_NAMES, key=len, reverse=True)) + r")"
    r"|(?P<single>[abfnrtv\"'\\])|(?P<empty>&)|(?P<gap>\s+\\)|(?P<bad>.?))",
    re.DOTALL,
)


def unescape(body: str) -> str:
    """The characters of a Haskell string literal's body (without its quotes)."""

    def replace(match: re.Match[str]) -> str:
        if match.group("decimal"):
            return chr(int(match.group("decimal")))
        if match.group("hex"):
            return chr(int(match.group("hex"), 16))
        if match.group("octal"):
            return chr(int(match.group("octal"), 8))
        if match.group("control"):
            return chr(ord(match.group("control")) - 64)
        if match.group("named"):
            return chr(ASCII_NAMES[match.group("named")])
        if match.group("single"):
            return SINGLE_ESCAPES[match.group("single")]
        if match.group("bad") is not None:
            raise NativeSyntaxError(f"unknown escape {match.group(0)!r} in string {body[:40]!r}")
        return ""  # \& separates a numeric escape from a following digit; a gap \   \ is nothing

    return ESCAPE.sub(replace, body)


def tokenize(source: str) -> Iterator[tuple[str, object, int]]:
    position = 0
    end = len(source.rstrip())
    while position < end:
        match = TOKEN.match(source, position)
        if match is None:
            raise NativeSyntaxError(f"unexpected {source[position:position + 20]!r} at {position}")
        position = match.end()
        kind = match.lastgroup
        text = match.group(kind)
        if kind == "string":
            yield "string", unescape(text[1:-1]), match.start(kind)
        elif kind == "number":
            yield "number", float(text) if any(c in text for c in ".eE") else int(text), match.start(kind)
        else:
            yield kind, text, match.start(kind)  # type: ignore[misc]


class Parser:
    def __init__(self, source: str) -> None:
        self.tokens = list(tokenize(source))
        self.index = 0

    def peek(self) -> tuple[str, object, int] | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self, expected: str | None = None) -> tuple[str, object, int]:
        token = self.peek()
        if token is None:
            raise NativeSyntaxError(f"unexpected end of input, wanted {expected or 'a value'}")
        if expected is not None and token[1] != expected:
            raise NativeSyntaxError(f"wanted {expected!r}, found {token[1]!r} at {token[2]}")
        self.index += 1
        return token

    def starts_atom(self) -> bool:
        token = self.peek()
        return token is not None and (token[0] in ("string", "number", "name") or token[1] in ("[", "("))

    def expression(self) -> Value:
        """A constructor applied to atoms, a record, or a single atom."""
        token = self.peek()
        if token is not None and token[0] == "name":
            name = str(self.take()[1])
            following = self.peek()
            if following is not None and following[1] == "{":
                return self.record(name)
            args = []
            while self.starts_atom():
                args.append(self.atom())
            return Con(name, tuple(args))
        return self.atom()

    def atom(self) -> Value:
        kind, value, _ = self.take()
        if kind in ("string", "number"):
            return value  # type: ignore[return-value]
        if kind == "name":
            following = self.peek()
            if following is not None and following[1] == "{":
                return self.record(str(value))
            return Con(str(value))
        if value == "[":
            return self.sequence("]")
        if value == "(":
            items = self.sequence(")")
            return items[0] if len(items) == 1 else tuple(items)
        raise NativeSyntaxError(f"unexpected {value!r}")

    def sequence(self, closing: str) -> list:
        items: list = []
        token = self.peek()
        if token is not None and token[1] == closing:
            self.take()
            return items
        while True:
            items.append(self.expression())
            if self.take()[1] == closing:
                return items
            self.index -= 1
            self.take(",")

    def record(self, name: str) -> Record:
        self.take("{")
        fields: dict = {}
        while True:
            label = str(self.take()[1])
            self.take("=")
            fields[label] = self.expression()
            if self.take()[1] == "}":
                return Record(name, fields)
            self.index -= 1
            self.take(",")


def parse_native(source: str) -> Value:
    parser = Parser(source)
    value = parser.expression()
    if parser.peek() is not None:
        raise NativeSyntaxError(f"trailing input at {parser.peek()[2]}")  # type: ignore[index]
    return value


# Constructors whose string argument is text a reader sees, and which argument it is.
TEXT_ARGUMENT = {"Str": 0, "Code": 1, "CodeBlock": 1, "Math": 1, "RawInline": 1, "RawBlock": 1}
SPACES = frozenset({"Space", "SoftBreak", "LineBreak"})
BLOCKS = frozenset({
    "Plain", "Para", "LineBlock", "CodeBlock", "RawBlock", "BlockQuote", "OrderedList", "BulletList",
    "DefinitionList", "Header", "HorizontalRule", "Table", "Figure", "Div", "Caption", "Row", "Cell",
})
# Arguments that are never visible: attributes, link and image targets, list attributes.
HIDDEN_ARGUMENTS = {"Link": (0, 2), "Image": (0, 2), "OrderedList": (0,)}


def visible_text(document: Value, notes_at_end: bool = True) -> str:
    """The text a reader sees: words of Str/Code/Math/raw text, spaces between inlines as
    pandoc has them and between blocks. With `notes_at_end`, each `Note`'s text is taken out
    of the flow and appended after the document in reference order, as munpress numbers and
    places them: the notes of the text first, then notes referred to from those notes."""
    notes: list[Con] | None = [] if notes_at_end else None
    parts: list[str] = []
    walk(document, parts, notes)
    while notes:
        pending, notes = notes, []
        for note in pending:
            parts.append(" ")
            walk(list(note.args), parts, notes)
            parts.append(" ")
    return "".join(parts)


def walk(value: Value, parts: list[str], notes: list[Con] | None) -> None:
    if isinstance(value, str | int | float):
        return  # bare strings are identifiers, classes, URLs, formats: not visible
    if isinstance(value, list | tuple):
        for item in value:
            walk(item, parts, notes)
        return
    if isinstance(value, Record):
        for item in value.fields.values():
            walk(item, parts, notes)
        return
    name = value.name
    if name in TEXT_ARGUMENT:
        index = TEXT_ARGUMENT[name]
        text = value.args[index] if len(value.args) > index else ""
        parts.append(text if isinstance(text, str) else "")
        if name in BLOCKS:
            parts.append(" ")
        return
    if name in SPACES:
        parts.append(" ")
        return
    if name == "Note" and notes is not None:
        notes.append(value)
        return
    if name in ("Note", *BLOCKS):
        parts.append(" ")
    hidden = HIDDEN_ARGUMENTS.get(name, ())
    for index, argument in enumerate(value.args):
        if name == "LineBlock" and isinstance(argument, list):
            for line in argument:
                walk(line, parts, notes)
                parts.append(" ")
        elif index not in hidden:
            walk(argument, parts, notes)
    if name in ("Note", *BLOCKS):
        parts.append(" ")


def words(text: str) -> list[str]:
    return [word.casefold() for word in re.findall(r"\w+", text)]


def native_words(source: str, notes_at_end: bool = True) -> list[str]:
    return words(visible_text(parse_native(source), notes_at_end))
