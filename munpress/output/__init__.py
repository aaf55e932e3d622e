"""Writing PDFs: atomically, so a failed build never replaces the last good file.

Each file is written to a temporary `.<name>.<random>.part` beside its target, flushed to
disk, and only then renamed over the target. Whatever goes wrong (a full disk, a folder that
is not writable, Ctrl-C) the temporary file is removed and the old PDF stays as it was; an
OSError becomes one `InputError` that names the file and says what to do.

Ctrl-C is remembered while `interrupts_remembered()` is active: ReportLab swallows the
KeyboardInterrupt in places (bare `except:` around splitting), and a build that went on
after the user pressed Ctrl-C must not write its PDFs. A Ctrl-C while the finished files are
being renamed into place comes too late and is let go: the files are all new, not mixed.
"""

from __future__ import annotations

import errno
import glob
import os
import signal
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from munpress.diagnostics import InputError
from munpress.i18n import N_, _

# what to do about the usual reasons a file cannot be written, by errno
# (each says {option}: the command-line option, not translated)
_FIXES = {
    errno.ENOSPC: N_("the disk is full: free some space, or choose another folder with {option}"),
    errno.EDQUOT: N_("the disk quota is used up: free some space, or choose another folder with {option}"),
    errno.EACCES: N_("the folder is not writable for you: fix its permissions, or choose another folder with {option}"),
    errno.EPERM: N_("the folder is not writable for you: fix its permissions, or choose another folder with {option}"),
    errno.EROFS: N_("the disk is read-only: choose another folder with {option}"),
    errno.ENOTDIR: N_("a file stands where a folder should be: give {option} a folder"),
    errno.EEXIST: N_("a file stands where a folder should be: give {option} a folder"),
    errno.EISDIR: N_("a folder has the PDF's name: remove or rename it, or choose another folder with {option}"),
}
_DEFAULT_FIX = N_("choose a writable folder with {option}")
STOPPING = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))
_interrupted = threading.Event()  # Ctrl-C was pressed
_renaming = threading.Event()  # the files are being renamed into place: too late to stop


@contextmanager
def interrupts_remembered() -> Iterator[None]:
    """Ctrl-C raises KeyboardInterrupt as always and is also remembered until the block ends:
    write_pdfs then refuses to replace any file, even if something swallowed the exception."""
    if threading.current_thread() is not threading.main_thread() or \
            signal.getsignal(signal.SIGINT) is signal.SIG_IGN:  # signals go to the main thread only
        yield
        return

    def remember(signum, frame):
        if not _renaming.is_set():
            _interrupted.set()
            raise KeyboardInterrupt

    # a CI cancel, a timeout or `docker stop` sends SIGTERM, a closed terminal SIGHUP: each
    # stops the build as Ctrl-C does, leaving the last good PDFs and no temporary file
    previous = {number: signal.signal(number, remember) for number in STOPPING}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        _interrupted.clear()


def write_pdf(data: bytes, path: Path) -> Path:
    """Write `data` beside `path` and rename it into place once it is complete."""
    return write_pdfs({path: data})[0]


def write_pdfs(files: dict[Path, bytes]) -> list[Path]:
    """Write every file beside its target first, then rename them all into place: a file that
    cannot be written (a full disk) leaves every old file as it was, not just its own."""
    written: list[tuple[str, Path]] = []
    current = Path()
    try:
        for current, data in ((Path(path), data) for path, data in files.items()):
            written.append((_write_beside(data, current), current))
        if _interrupted.is_set():  # Ctrl-C was pressed and swallowed on the way here
            raise KeyboardInterrupt
        _renaming.set()  # a Ctrl-C now would leave some files new and some old: it comes too late
        for temporary, current in written:
            os.replace(temporary, current)
    except OSError as error:
        raise _unwritable(error, current) from None
    finally:
        _renaming.clear()
        for temporary, _target in written:
            Path(temporary).unlink(missing_ok=True)  # gone already once renamed
    return [path for _temporary, path in written]


def _write_beside(data: bytes, path: Path) -> str:
    """A complete, flushed copy of `data` in a temporary file in `path`'s folder, named with
    this process's id, so that a later build knows the parts of a build that was killed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _clear_stale_parts(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
    except BaseException:  # a full disk, Ctrl-C: leave nothing behind
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary


STALE_UNNAMED_SECONDS = 3600  # a part without a process id (munpress before 0.x): old enough to be stale


def _clear_stale_parts(path: Path) -> None:
    """Remove the temporary files of earlier builds of `path` whose process is gone (killed
    with SIGKILL, or a power cut); a build running beside this one keeps its own."""
    for part in path.parent.glob(f".{glob.escape(path.name)}.*.part"):
        owner = part.name[len(path.name) + 2:].split(".", 1)[0]
        try:
            if owner.isdigit():
                if _alive(int(owner)):
                    continue
            elif time.time() - part.stat().st_mtime < STALE_UNNAMED_SECONDS:
                continue
            part.unlink()
        except OSError:
            continue


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def _unwritable(error: OSError, path: Path) -> InputError:
    reason = error.strerror or str(error) or type(error).__name__
    return InputError(_("cannot write the PDF: {reason}", reason=reason), file=str(path), code="output.unwritable",
                      hint=_(_FIXES.get(error.errno, _DEFAULT_FIX), option="--out"))
