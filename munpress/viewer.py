"""`--open`: show a written PDF in the system's viewer, as `typst compile --open` does.

macOS `open`, Windows `os.startfile`, elsewhere `xdg-open`; munpress never waits for the
viewer. Where there is none to start (no xdg-open, CI=true, or Linux without DISPLAY or
WAYLAND_DISPLAY) `viewer_missing` says why, and the command goes on: the PDF is written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from munpress.i18n import _


def viewer_missing(environ: Mapping[str, str] | None = None, platform: str | None = None) -> str | None:
    """Why no viewer can be opened here, or None when one can."""
    environ = os.environ if environ is None else environ
    platform = platform or sys.platform
    if environ.get("CI", "").lower() in ("true", "1", "yes"):
        return _("CI is set")
    if platform == "darwin" or platform.startswith("win"):
        return None
    if shutil.which("xdg-open", path=environ.get("PATH")) is None:
        return _("{program} is not on the PATH", program="xdg-open")
    if platform.startswith("linux") and not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")):
        return _("there is no display ({variables} are not set)", variables="DISPLAY, WAYLAND_DISPLAY")
    return None


def open_in_viewer(path: Path, platform: str | None = None) -> None:
    """Start the viewer on `path` and return at once; an OSError if it cannot be started."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        os.startfile(str(path))  # type: ignore[attr-defined]  # Windows only
        return
    command = "open" if platform == "darwin" else shutil.which("xdg-open") or "xdg-open"
    subprocess.Popen([command, str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, start_new_session=True)
