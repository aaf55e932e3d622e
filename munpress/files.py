"""What a path names, in the words a one-line message uses: munpress reads regular files
only, and says what else it found (a folder, a FIFO that would block, a device); and what a
file given as a press profile is, by its ICC header."""

from __future__ import annotations

import stat


def not_a_file(mode: int) -> str:
    """"" for a regular file; otherwise what the `st_mode` says it is."""
    if stat.S_ISREG(mode):
        return ""
    return "a folder" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode) else "a device or socket"


def icc_header_problem(header: bytes) -> str | None:
    """What keeps an ICC profile's header (ICC.1 §7.2: device class at 12, colour space at 16,
    signature 'acsp' at 36) from being a CMYK printer profile; None when it is one."""
    if len(header) < 40 or header[36:40] != b"acsp":
        return "is not an ICC profile"
    if header[16:20] != b"CMYK" or header[12:16] != b"prtr":
        return f"is an ICC profile for {header[16:20].decode('latin-1').strip()} {header[12:16].decode('latin-1')}, not CMYK print"
    return None
