"""Pictures decoded no larger than they print: a 40-megapixel photo set 6 cm wide is reduced
to what print needs before anything else reads it, so a build's memory stays bounded (a
JPEG is decoded at 1/2, 1/4 or 1/8 of its size by libjpeg's own scaling, Pillow's `draft`).
"""

from __future__ import annotations

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
