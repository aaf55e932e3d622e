"""One layout, every variant: a canvas that draws each call on one canvas per variant.

The pages of print, screen and proof are the same (variant.py): lines, columns and page
breaks do not depend on the sheet, the colours or the links. So the edition is broken and
paginated once, and every drawing call goes to the canvas of each variant, which makes its
own PDF: a larger sheet with crop marks and CMYK for print, links and bookmarks for screen.
What only some variants draw asks `each_variant` for the canvases and their variants:
colour bands into the bleed, the proof's watermark and slug, a picture in the press's CMYK.
The first canvas is the one the layout reads back (its text record, where it stands).

tests/layout/test_tee.py: each variant's PDF has the bytes of a layout of its own.
"""

from __future__ import annotations

from io import BytesIO

from munpress.layout.variant import Variant

# What only a variant with navigation draws (ReportLab's outline, destinations and links).
NAVIGATION = frozenset({"bookmarkPage", "bookmarkHorizontal", "bookmarkHorizontalAbsolute", "addOutlineEntry",
                        "showOutline", "linkURL", "linkRect", "linkAbsolute"})


class _Fan:
    """Attributes set and deleted on every one of `parts`; read from the first."""

    def __init__(self, parts: list) -> None:
        object.__setattr__(self, "parts", parts)

    def __getattr__(self, name: str):
        value = getattr(self.parts[0], name)
        return _on_each(self.parts, name) if callable(value) else value

    def __setattr__(self, name: str, value) -> None:
        for part in self.parts:
            setattr(part, name, value)

    def __delattr__(self, name: str) -> None:
        for part in self.parts:
            delattr(part, name)


def _on_each(targets: list, name: str):
    """A method called on each target, each given its own text object; the first answers."""
    def call(*args, **kwargs):
        results = [getattr(target, name)(*_own(args, number), **kwargs) for number, target in enumerate(targets)]
        return results[0] if results else None
    return call


class TeeCanvas(_Fan):
    """Stands for the canvases of several variants; reads are answered by the first."""

    def __init__(self, canvases: list, variants: list[Variant]) -> None:
        super().__init__(canvases)
        object.__setattr__(self, "_variants", variants)
        object.__setattr__(self, "_navigating", [c for c, v in zip(canvases, variants) if v.navigation])

    @property
    def pairs(self) -> list[tuple[object, Variant]]:
        return list(zip(self.parts, self._variants))

    @property
    def outputs(self) -> list[BytesIO]:
        """The buffers of the canvases after the first, in their order."""
        return [canvas._filename for canvas in self.parts[1:]]

    def __getattr__(self, name: str):
        if name in NAVIGATION:
            return _on_each(self._navigating, name)
        return super().__getattr__(name)

    def beginText(self, x=0, y=0, direction=None):
        return TeeText([canvas.beginText(x, y, direction=direction) for canvas in self.parts])


class TeeText(_Fan):
    """A text object per canvas, moved and filled together."""

    def operator(self, code: str) -> None:
        """A PDF operator the text object has no method for (a marked-content span)."""
        for part in self.parts:
            part._code.append(code)


def _own(args: tuple, number: int) -> tuple:
    """A text object passed on: each canvas gets its own."""
    return tuple(arg.parts[number] if isinstance(arg, TeeText) else arg for arg in args)


def each_variant(canvas, variant: Variant) -> list[tuple[object, Variant]]:
    """The canvases a drawing goes to, each with its variant: the tee's, or this one."""
    return canvas.pairs if isinstance(canvas, TeeCanvas) else [(canvas, variant)]


def add_operator(text, code: str) -> None:
    """`code` into a text object, a tee's or ReportLab's."""
    if isinstance(text, TeeText):
        text.operator(code)
    else:
        text._code.append(code)  # a text object has no public way to add an operator
