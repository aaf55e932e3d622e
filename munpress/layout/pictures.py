"""Pictures decoded no larger than they print: a 40-megapixel photo set 6 cm wide is reduced
to what print needs before anything else reads it, so a build's memory stays bounded (a
JPEG is decoded at 1/2, 1/4 or 1/8 of its size by libjpeg's own scaling, Pillow's `draft`).
An SVG is drawn as vectors through svglib.
"""

from __future__ import annotations

import tempfile
from io import BytesIO

from PIL import Image as PILImage

from munpress.layout.pagemap import PRINT_PPI

# a picture is reduced only when it has more than this many times the pixels print needs,
# and is large enough for its decoding to matter: the others are embedded as they came
REDUCE_ABOVE = 1.5
REDUCE_FROM_PIXELS = 4_000_000  # 12 MB decoded as RGB


def reduced(picture: PILImage.Image, width_pt: float, height_pt: float) -> tuple[bytes, int, str] | None:
    """The picture's data at PRINT_PPI for a print size in points, with its pixel width and
    colour mode; None when it is not larger than that by REDUCE_ABOVE (use it as it is)."""
    wanted = (max(1, round(width_pt / 72 * PRINT_PPI)), max(1, round(height_pt / 72 * PRINT_PPI)))
    if picture.width * picture.height < REDUCE_FROM_PIXELS or picture.width <= wanted[0] * REDUCE_ABOVE \
            or picture.format not in ("JPEG", "PNG"):
        return None
    profile = picture.info.get("icc_profile")
    picture.thumbnail(wanted, PILImage.Resampling.LANCZOS)  # a JPEG through draft(): decoded small
    out = BytesIO()
    if picture.format == "JPEG" or picture.mode == "CMYK":
        picture.convert("RGB" if picture.mode not in ("RGB", "L", "CMYK") else picture.mode).save(
            out, "JPEG", quality=92, subsampling=0, icc_profile=profile)
    else:
        picture.save(out, "PNG", icc_profile=profile)
    return out.getvalue(), picture.width, picture.mode


# How a vector picture is recorded for the preflight: no pixels to run short of.
VECTOR_PPI = 2400.0
MAX_SVG_BYTES = 20 * 1024 * 1024


def is_svg(image) -> bool:
    head = image.data[:512].lstrip().lower()
    return image.content_type == "image/svg+xml" or head.startswith(b"<svg") or (
        head.startswith(b"<?xml") and b"<svg" in head)


def svg_drawing(data: bytes):
    """The SVG as a ReportLab drawing, or None. References outside the file (pictures, fonts
    on disk or the web) are refused: a manuscript's picture draws what it holds."""
    if len(data) > MAX_SVG_BYTES:
        return None
    with tempfile.TemporaryDirectory() as nowhere:
        try:
            from svglib.svglib import logger, svg2rlg  # loaded only for a manuscript that has an SVG

            logger.disabled = True  # it logs what it leaves out to the terminal; the frame below says it
            return svg2rlg(BytesIO(data), external_reference_root=nowhere)
        except Exception:  # svglib raises many kinds on a bad file
            return None
