"""What a path names, in the words a one-line message uses: munpress reads regular files
only, and says what else it found (a folder, a FIFO that would block, a device); and what a
file given as a press profile is, by its ICC header."""

from __future__ import annotations

import stat

from munpress.i18n import _


def not_a_file(mode: int) -> str:
    """"" for a regular file; otherwise what the `st_mode` says it is."""
    if stat.S_ISREG(mode):
        return ""
    return _("a folder") if stat.S_ISDIR(mode) else _("a FIFO") if stat.S_ISFIFO(mode) else _("a device or socket")


def icc_header_problem(header: bytes, name: str) -> str | None:
    """What keeps the ICC profile `name`'s header (ICC.1 §7.2: device class at 12, colour space
    at 16, signature 'acsp' at 36) from being a CMYK printer profile; None when it is one."""
    if len(header) < 40 or header[36:40] != b"acsp":
        return _("{file} is not an ICC profile", file=name)
    if header[16:20] != b"CMYK" or header[12:16] != b"prtr":
        return _("{file} is an ICC profile for {space} {device_class}, not CMYK print", file=name,
                 space=header[16:20].decode("latin-1").strip(), device_class=header[12:16].decode("latin-1"))
    return None
