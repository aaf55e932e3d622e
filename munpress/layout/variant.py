"""The three PDFs of an edition, from one layout: what each adds around the same pages.

| variant | page | bleed, crop marks, Trim/BleedBox | colour | navigation | marks |
|---|---|---|---|---|---|
| print  | trim + bleed + marks | yes (bleed configurable) | CMYK | none (links mean nothing on paper) | — |
| screen | trim | no | RGB | bookmarks rubric → article, clickable contents, links | — |
| proof  | trim | no | RGB | as screen | diagonal ГРАНКА / КОРРЕКТУРА, slug line with build time and manuscript hashes |
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm

VARIANT_NAMES = ("print", "screen", "proof")
DEFAULT_VARIANTS = ("print", "screen")
# Crop marks stand this far outside the trim (beyond the bleed) and are this long.
MARK_OFFSET, MARK_LENGTH = 2 * mm, 5 * mm


@dataclass(frozen=True)
class Variant:
    name: str
    bleed: float = 0.0  # points added on every side of the trim, drawn into by backgrounds
    crop_marks: bool = False
    color_space: str = "rgb"  # what ReportLab enforces on every colour: "cmyk" or "rgb"
    navigation: bool = True  # bookmarks, clickable contents, hyperlinks
    watermark: bool = False
    slug: str = ""  # the line printed under the page's foot (proof): issue, edition, build time
    slug_hashes: tuple[tuple[str, str], ...] = ()  # entry -> its manuscript's hash, printed on its pages
    press_profile: bytes | None = None  # print: the press's CMYK ICC profile, pictures are converted to it

    @property
    def margin(self) -> float:
        """Paper outside the trim on each side: bleed, then the crop marks."""
        return self.bleed + MARK_OFFSET + MARK_LENGTH if self.crop_marks else 0.0


def make_variant(name: str, *, bleed_mm: float = 3.0, slug: str = "",
                 slug_hashes: tuple[tuple[str, str], ...] = (), press_profile: bytes | None = None) -> Variant:
    if name == "print":
        return Variant("print", bleed=bleed_mm * mm, crop_marks=True, color_space="cmyk", navigation=False,
                       press_profile=press_profile)
    if name == "screen":
        return Variant("screen")
    if name == "proof":
        return Variant("proof", watermark=True, slug=slug, slug_hashes=slug_hashes)
    raise ValueError(f"unknown variant {name!r}; choose from {', '.join(VARIANT_NAMES)}")
