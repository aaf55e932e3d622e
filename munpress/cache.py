"""What a build computed, kept in the magazine's `.munpress-cache/` for the next run.

Every entry is found by a key that hashes all it was made from: the input files' bytes, the
settings, the language of the messages and munpress's own code (`fingerprint`: its source
files and the versions of the libraries that draw the pages). A change to any of them is
another key, so an entry is never stale; it is only forgotten when the folder grows past
`LIMIT_BYTES`, oldest first. An entry that cannot be read back whole (cut short, changed,
written by another version) is deleted and made again, never trusted.

The folder is the magazine's own, written by munpress only: entries are pickles.
`munpress --no-cache …` (or MUNPRESS_NO_CACHE=1) neither reads nor writes it; `make clean`
removes it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import cache
from importlib import metadata
from pathlib import Path

FOLDER = ".munpress-cache"
MAGIC = b"munpress-cache 1\n"
LIMIT_BYTES = 400 * 1024 * 1024
# What draws the pages besides munpress's own code: another version may set them otherwise.
LIBRARIES = ("reportlab", "rl_accel", "pyphen", "uharfbuzz", "python-docx", "lxml", "pillow", "pikepdf",
             "babel", "fontpkg-pt-serif", "fontpkg-pt-sans", "svglib")


def enabled() -> bool:
    return os.environ.get("MUNPRESS_NO_CACHE", "") in ("", "0")


def disable() -> None:
    """For this process and the workers it starts (`--no-cache`)."""
    os.environ["MUNPRESS_NO_CACHE"] = "1"


@cache
def fingerprint() -> str:
    """munpress's source and data files and the libraries' versions, hashed."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".toml", ".json", ".txt", ".icc", ".mo", ".po"):
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=-".encode())
    return digest.hexdigest()


def key(*parts: object) -> str:
    """A key from what an entry depends on: bytes as they are, anything else by its repr."""
    digest = hashlib.sha256(fingerprint().encode())
    for part in parts:
        data = part if isinstance(part, bytes) else repr(part).encode()
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# What this process read or wrote lately, by file: `watch` asks for the same manuscripts and
# breaks after every save, and unpickling them again cost more than laying out the change.
RECENT_ENTRIES = 64
_recent: dict[Path, object] = {}
# Entries written once the PDFs are (flush): a proof should not wait for the cache.
_pending: list[tuple["Cache", str, str, object]] = []


def forget() -> None:
    """What this process remembers of the cache: as a new process would start."""
    _recent.clear()


def flush() -> None:
    """Write the entries put with `later=True`, then keep each folder within its limit once."""
    written = {}
    while _pending:
        store, kind, entry, value = _pending.pop(0)
        if store._write(kind, entry, value):
            written[store.folder] = store
    for store in written.values():
        store._prune()


class Cache:
    """Entries of one magazine, by kind ("manuscript", "edition", "pdf", "breaks") and key."""

    def __init__(self, root: Path, *, active: bool | None = None) -> None:
        self.folder = root / FOLDER
        self.active = enabled() if active is None else active

    def _path(self, kind: str, entry: str) -> Path:
        return self.folder / kind / f"{entry}.pickle"

    def get(self, kind: str, entry: str):
        """The value stored, or None: missing, unreadable or not whole."""
        if not self.active:
            return None
        path = self._path(kind, entry)
        if path in _recent:
            return _recent[path]
        try:
            data = path.read_bytes()
        except OSError:
            return None
        head = len(MAGIC) + 32
        if data[:len(MAGIC)] == MAGIC and hashlib.sha256(data[head:]).digest() == data[len(MAGIC):head]:
            try:
                value = pickle.loads(data[head:])
            except Exception:  # a class renamed since: the fingerprint should have caught it
                pass
            else:
                _remember(path, value)
                return value
        path.unlink(missing_ok=True)
        return None

    def put(self, kind: str, entry: str, value, *, later: bool = False) -> None:
        """Stored beside its place and renamed into it: a reader never sees half an entry.
        A cache that cannot be written (a full disk, a read-only folder) is no cache.
        `later`: at the next `flush()`."""
        if not self.active:
            return
        path = self._path(kind, entry)
        _remember(path, value)  # asked for again before the flush (the preflight): no work twice
        if later:
            _pending.append((self, kind, entry, value))
        elif self._write(kind, entry, value):
            self._prune()

    def _write(self, kind: str, entry: str, value) -> bool:
        path = self._path(kind, entry)
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _ignored_by_git(self.folder)
            temporary.write_bytes(MAGIC + hashlib.sha256(payload).digest() + payload)
            os.replace(temporary, path)
            return True
        except OSError:
            temporary.unlink(missing_ok=True)
            return False

    def _prune(self) -> None:
        entries = []
        for path in self.folder.glob("*/*.pickle"):
            try:
                found = path.stat()
            except OSError:  # pruned by another run at the same moment
                continue
            entries.append((found.st_mtime_ns, found.st_size, path))
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= LIMIT_BYTES:
                break
            path.unlink(missing_ok=True)
            total -= size


def _remember(path: Path, value) -> None:
    if len(_recent) >= RECENT_ENTRIES:
        del _recent[next(iter(_recent))]
    _recent[path] = value


def _ignored_by_git(folder: Path) -> None:
    """The cache is never committed, in a magazine made before munpress had one too."""
    marker = folder / ".gitignore"
    if not marker.exists():
        marker.write_text("*\n", encoding="utf-8")
