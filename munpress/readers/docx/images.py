"""Pictures and text boxes inside a run: DrawingML (w:drawing) and VML (w:pict, w:object).

A picture becomes an `InlineImage` with the bytes of its part; a picture linked to a file
outside the document is reported (`docx.missing-image`) and left out. A picture whose header
declares more than `MAX_PICTURE_PIXELS` refuses the manuscript (`docx.picture-too-large`)
before anything decodes it: a few kilobytes of PNG can declare gigabytes of pixels (a
decompression bomb). The text-box contents (w:txbxContent) are handed back to the block
reader, which places them after the paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from docx.image.image import Image as ImageHeader

from munpress.diagnostics import InputError
from munpress.i18n import N_, _
from munpress.model.nodes import ImageData, InlineImage
from munpress.readers.docx import ooxml
from munpress.readers.docx.context import ReadContext

EMU_PER_POINT = 12700
VML_UNITS = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75, "pc": 12.0, "": 0.75}
VML_LENGTH = re.compile(r"^\s*(-?[\d.]+)\s*([a-z]*)\s*$")
# 60 megapixels: a full A4 page with bleed at 300 ppi is 9; a 50-megapixel camera's photo still passes.
MAX_PICTURE_PIXELS = 60_000_000
_CHART = N_("{file}: a chart (paragraph {paragraph}) is not carried over; paste it into Word as a picture")
UNSUPPORTED_GRAPHICS = {
    "chart": _CHART, "chartex": _CHART,
    "diagram": N_("{file}: a SmartArt diagram (paragraph {paragraph}) is not carried over; "
                  "paste it into Word as a picture"),
}


@dataclass
class Anchored:
    """What a run's drawings hold: pictures to place inline, text boxes to place after."""

    images: list[InlineImage] = field(default_factory=list)
    text_boxes: list[ooxml.Element] = field(default_factory=list)


def outermost_text_boxes(container: ooxml.Element) -> list[ooxml.Element]:
    """w:txbxContent elements under `container` that are not inside another text box."""
    found: list[ooxml.Element] = []
    for box in ooxml.descendants(container, "w:txbxContent"):
        if not any(ancestor_is_box(box, container, outer) for outer in found):
            found.append(box)
    return found


def ancestor_is_box(box: ooxml.Element, container: ooxml.Element, outer: ooxml.Element) -> bool:
    parent = box.getparent()
    while parent is not None and parent is not container:
        if parent is outer:
            return True
        parent = parent.getparent()
    return False


def inside_any(element: ooxml.Element, boxes: list[ooxml.Element]) -> bool:
    return any(ancestor_is_box(element, box.getparent(), box) for box in boxes)


def read_drawing(drawing: ooxml.Element, context: ReadContext) -> Anchored:
    anchored = Anchored(text_boxes=outermost_text_boxes(drawing))
    report_unsupported_graphics(drawing, context)
    pictures = [p for p in ooxml.descendants(drawing, "pic:pic") if not inside_any(p, anchored.text_boxes)]
    frame = ooxml.child(drawing, "wp:inline")
    frame = frame if frame is not None else ooxml.child(drawing, "wp:anchor")
    for picture in pictures:
        blip = picture.find(f"{ooxml.tag('pic:blipFill')}/{ooxml.tag('a:blip')}")
        if blip is None:
            continue
        width, height = drawing_size(picture, frame if len(pictures) == 1 else None)
        image = load_image(blip_reference(blip), context, width, height, drawing_description(drawing))
        if image is not None:
            anchored.images.append(InlineImage(image))
    return anchored


def report_unsupported_graphics(drawing: ooxml.Element, context: ReadContext) -> None:
    for data in ooxml.descendants(drawing, "a:graphicData"):
        kind = (data.get("uri") or "").rstrip("/").rsplit("/", 1)[-1]
        if kind in UNSUPPORTED_GRAPHICS:
            context.warn_once(
                f"graphic:{kind}", "docx.unsupported-object",
                _(UNSUPPORTED_GRAPHICS[kind], file=context.file_name, paragraph=context.current_paragraph),
            )


def blip_reference(blip: ooxml.Element) -> str | None:
    """The relationship ID of a picture: r:embed for stored ones, r:link for linked ones."""
    return ooxml.attribute(blip, "r:embed") or ooxml.attribute(blip, "r:link")


def drawing_size(picture: ooxml.Element, frame: ooxml.Element | None) -> tuple[float | None, float | None]:
    extent = ooxml.child(frame, "wp:extent") if frame is not None else None
    if extent is None:
        extent = picture.find(f"{ooxml.tag('pic:spPr')}/{ooxml.tag('a:xfrm')}/{ooxml.tag('a:ext')}")
    if extent is None:
        return None, None
    return emu_to_points(extent.get("cx")), emu_to_points(extent.get("cy"))


def emu_to_points(text: str | None) -> float | None:
    amount = ooxml.integer(text)
    if amount is None or amount <= 0:
        return None
    return round(amount / EMU_PER_POINT, 2)


def drawing_description(drawing: ooxml.Element) -> str:
    for properties in ooxml.descendants(drawing, "wp:docPr"):
        return (properties.get("descr") or properties.get("title") or "").strip()
    return ""


def read_vml(container: ooxml.Element, context: ReadContext) -> Anchored:
    anchored = Anchored(text_boxes=outermost_text_boxes(container))
    for data in ooxml.descendants(container, "v:imagedata"):
        if inside_any(data, anchored.text_boxes):
            continue
        reference = ooxml.attribute(data, "r:id") or ooxml.attribute(data, "o:relid")
        shape = data.getparent()
        width, height = vml_size(shape.get("style", "") if shape is not None else "")
        description = (ooxml.attribute(data, "o:title") or "").strip()
        image = load_image(reference, context, width, height, description,
                           fallback_target=ooxml.attribute(data, "o:href"))
        if image is not None:
            anchored.images.append(InlineImage(image))
    return anchored


def vml_size(style: str) -> tuple[float | None, float | None]:
    sizes: dict[str, float] = {}
    for declaration in style.split(";"):
        name, _colon, amount = declaration.partition(":")
        match = VML_LENGTH.match(amount)
        if name.strip() in ("width", "height") and match and match.group(2) in VML_UNITS:
            sizes[name.strip()] = round(float(match.group(1)) * VML_UNITS[match.group(2)], 2)
    return sizes.get("width"), sizes.get("height")


def load_image(
    relationship_id: str | None, context: ReadContext, width: float | None, height: float | None,
    description: str, fallback_target: str | None = None,
) -> ImageData | None:
    relationship = context.part.rels.get(relationship_id) if relationship_id else None
    if relationship is None or relationship.is_external:
        target = relationship.target_ref if relationship is not None else fallback_target
        report_missing_image(context, target or None, description)
        return None
    try:
        part = relationship.target_part
        data = part.blob
    except Exception:  # a relationship to a part the package does not hold
        report_missing_image(context, relationship.target_ref, description)
        return None
    name = PurePosixPath(str(part.partname)).name
    refuse_decompression_bomb(data, name, context, description)
    return ImageData(
        name=name,
        content_type=part.content_type,
        data=data,
        width_pt=width,
        height_pt=height,
        description=description,
    )


def declared_pixels(data: bytes) -> tuple[int, int] | None:
    """Width and height as the picture's header states them, read without decoding a pixel;
    None for formats python-docx does not parse (EMF, WMF…) or a header it cannot read."""
    try:
        header = ImageHeader.from_blob(data)
        return int(header.px_width), int(header.px_height)
    except Exception:  # not ours to judge here: the layout reports pictures it cannot draw
        return None


def refuse_decompression_bomb(data: bytes, name: str, context: ReadContext, description: str) -> None:
    size = declared_pixels(data)
    if size is None or size[0] * size[1] <= MAX_PICTURE_PIXELS:
        return
    label = f" «{description}»" if description else ""
    megapixels, limit = format(size[0] * size[1] / 1e6, ",.0f"), MAX_PICTURE_PIXELS // 1_000_000
    raise InputError(
        _("{where}: the picture {name}{label} declares {width} × {height} pixels ({megapixels} megapixels, "
          "the limit is {limit}); refusing it as a possible decompression bomb",
          where=picture_place(context), name=name, label=label, width=size[0], height=size[1],
          megapixels=megapixels, limit=limit),
        code="docx.picture-too-large", article=context.article,
        hint=_("scale the picture down below {limit} megapixels and insert it again; "
               "300 ppi at its printed size is plenty", limit=limit),
    )


def picture_place(context: ReadContext) -> str:
    """Where a picture sits: the article (when known), the file and the paragraph."""
    if context.article:
        return _("article «{article}», {file}, paragraph {paragraph}",
                 article=context.article, file=context.file_name, paragraph=context.current_paragraph)
    return _("{file}, paragraph {paragraph}", file=context.file_name, paragraph=context.current_paragraph)


def report_missing_image(context: ReadContext, target: str | None, description: str) -> None:
    label = f" «{description}»" if description else ""
    if target is not None:
        message = _("{where}: the picture{label} is linked to {target} and not stored in the document; insert the "
                    "picture itself into the manuscript (Insert ▸ Picture, without 'Link to file')",
                    where=picture_place(context), label=label, target=target)
    else:
        message = _("{where}: the picture{label} is linked to a file that is not in the document and not stored in "
                    "the document; insert the picture itself into the manuscript (Insert ▸ Picture, without "
                    "'Link to file')", where=picture_place(context), label=label)
    context.error("docx.missing-image", message)
