"""What a path names, in the words a one-line message uses: munpress reads regular files
only, and says what else it found (a folder, a FIFO that would block, a device)."""

from __future__ import annotations

import stat


def not_a_file(mode: int) -> str:
    """"" for a regular file; otherwise what the `st_mode` says it is."""
    if stat.S_ISREG(mode):
        return ""
    return "a folder" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode) else "a device or socket"
