"""Pictures decoded no larger than they print: a 40-megapixel photo set 6 cm wide is reduced
to what print needs before anything else reads it, so a build's memory stays bounded (a
JPEG is decoded at 1/2, 1/4 or 1/8 of its size by libjpeg's own scaling, Pillow's `draft`).
An SVG is drawn as vectors through svglib.
"""

from __future__ import annotations

import tempfile
from functools import lru_cache
from io import BytesIO

from PIL import Image as PILImage
from PIL import ImageCms

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


@lru_cache(maxsize=16)  # a picture is drawn again by each trial of the copyfitting
def in_press_colour(data: bytes, profile: bytes) -> bytes | None:
    """The picture in the press's CMYK, through littleCMS (Pillow's ImageCms): from its own
    ICC profile or sRGB, relative colorimetric with black-point compensation, as a print house
    converts. A JPEG stays a JPEG; others become a CMYK TIFF. None: grey or CMYK already,
    printed as it is."""
    with PILImage.open(BytesIO(data)) as picture:
        if picture.mode in ("L", "1", "CMYK"):
            return None
        if picture.mode == "LA":  # grey stays grey, flattened onto the paper
            out = BytesIO()
            _on_white(picture).convert("L").save(out, "PNG")
            return out.getvalue()
        is_jpeg = picture.format == "JPEG"
        own = picture.info.get("icc_profile")
        rgb = _on_white(picture)
    source = ImageCms.ImageCmsProfile(BytesIO(own)) if own else SRGB
    try:
        transform = _transform(source, profile)
    except ImageCms.PyCMSError:  # a damaged embedded profile: the picture is taken as sRGB
        transform = _transform(SRGB, profile)
    cmyk = ImageCms.applyTransform(rgb, transform)
    out = BytesIO()
    if is_jpeg:
        cmyk.save(out, "JPEG", quality=92, subsampling=0)
    else:
        cmyk.save(out, "TIFF", compression="tiff_lzw")
    return out.getvalue()


SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _transform(source: ImageCms.ImageCmsProfile, profile: bytes) -> ImageCms.ImageCmsTransform:
    return ImageCms.buildTransform(
        source, ImageCms.ImageCmsProfile(BytesIO(profile)), "RGB", "CMYK",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC, flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)


def _on_white(picture: PILImage.Image) -> PILImage.Image:
    """RGB, any transparency flattened onto the paper: PDF/X-1a has no transparency."""
    if picture.mode in ("RGBA", "LA", "PA") or (picture.mode == "P" and "transparency" in picture.info):
        rgba = picture.convert("RGBA")
        paper = PILImage.new("RGB", rgba.size, (255, 255, 255))
        paper.paste(rgba, mask=rgba.getchannel("A"))
        return paper
    return picture.convert("RGB")


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
