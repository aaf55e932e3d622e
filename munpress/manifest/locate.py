"""Where a key path (`sections[1].articles[0].manuscript.ky`) is written in a TOML file: the
line and column an editor's terminal or editor jumps to (`issue.toml:15:3`).

tomllib gives values, not places; this walks the lines as TOML lays them out (table headers,
arrays of tables, dotted keys, inline tables on one line). Where a path cannot be followed to
its end (a key that is missing, a value in a multi-line array) the nearest place above it is
given; where nothing is found, None.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r'\[(\d+)\]|"((?:[^"\\]|\\.)*)"|([A-Za-z0-9_-]+)')
_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r'^(\s*)((?:"(?:[^"\\]|\\.)*"|\'[^\']*\'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"(?:[^"\\]|\\.)*"|\'[^\']*\'|[A-Za-z0-9_-]+))*)\s*=')


def _inline_key(name: str) -> re.Pattern[str]:
    return re.compile(r'(?:^|[{,]\s*)("?' + re.escape(name) + r'"?)\s*=')

Path = tuple[str | int, ...]


def key_tokens(key_path: str) -> Path:
    """`sections[1].articles[0]."Style name"` → ("sections", 1, "articles", 0, "Style name")."""
    tokens: list[str | int] = []
    for index, quoted, bare in _TOKEN.findall(key_path):
        tokens.append(int(index) if index else (quoted if quoted else bare))
    return tuple(tokens)


def _names(dotted: str) -> list[str]:
    return [part.strip().strip('"').strip("'") for part in re.findall(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'|[^.]+', dotted)]


def locate(text: str, key_path: str) -> tuple[int, int] | None:
    """(line, column), both from 1, of the key path's key, or of the nearest place above it."""
    target = key_tokens(key_path)
    if not target:
        return None
    counts: dict[tuple[str, ...], int] = {}
    table: Path = ()
    best: tuple[int, tuple[int, int]] | None = None  # (tokens matched, place)
    for number, line in enumerate(text.splitlines(), 1):
        header = _HEADER.match(line)
        if header and not line.lstrip().startswith("#"):
            names = _names(header[2])
            if header[1] == "[[":
                counts[tuple(names)] = counts.get(tuple(names), -1) + 1
                for deeper in [k for k in counts if len(k) > len(names) and k[:len(names)] == tuple(names)]:
                    del counts[deeper]  # a new [[sections]] restarts its [[sections.articles]]
            table = _with_indexes(names, counts)
            best = _better(best, table, target, (number, len(line) - len(line.lstrip()) + 1))
            continue
        key = _KEY.match(line)
        if key is None:
            continue
        path = table + tuple(_names(key[2]))
        column = len(key[1]) + 1
        best = _better(best, path, target, (number, column))
        if target[:len(path)] == path and len(target) > len(path) and isinstance(target[len(path)], str):
            inner = _inline_key(str(target[len(path)])).search(line[key.end():])
            if inner:  # a key of an inline table on the same line: `manuscript = { ky = "…" }`
                best = _better(best, path + (target[len(path)],), target, (number, key.end() + inner.start(1) + 1))
    return best[1] if best else None


def _with_indexes(names: list[str], counts: dict[tuple[str, ...], int]) -> Path:
    path: list[str | int] = []
    for depth, name in enumerate(names, 1):
        path.append(name)
        if tuple(names[:depth]) in counts:
            path.append(counts[tuple(names[:depth])])
    return tuple(path)


def _better(best, path: Path, target: Path, place: tuple[int, int]):
    """Keep the place of the longest path that leads to the target."""
    if target[:len(path)] != path:
        return best
    if best is None or len(path) > best[0]:
        return (len(path), place)
    return best
