"""Some pages of a finished PDF (pikepdf): `munpress build --article … / --pages …`.

The pages are those of the whole edition, untouched: folios, running heads and the contents'
numbers stay the edition's. What pointed at a page left out goes: its bookmarks (a rubric's
bookmark moves to its first article kept) and the contents' links to it. Page labels make a
viewer show the edition's page numbers. The print variant stays PDF/X (its output intent and
XMP are the whole edition's), and the same pages of the same PDF give the same bytes.
"""

from __future__ import annotations

import io
import uuid

import pikepdf

from munpress.output.pdfx import STANDARDS


def excerpt_pdf(data: bytes, pages: tuple[int, ...], standard: str | None = None) -> bytes:
    """`pages`: physical page numbers (the cover is 1), in order. `standard`: the print
    variant's PDF/X standard, saved as finish_pdf saves it."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        kept = {pdf.pages[page - 1].objgen for page in pages}
        with pdf.open_outline() as outline:
            outline.root[:] = _kept_items(outline.root, kept)
        for index in reversed(range(len(pdf.pages))):
            if index + 1 not in pages:
                del pdf.pages[index]
        for page in pdf.pages:
            _drop_links_out(page, kept)
        pdf.Root.PageLabels = pikepdf.Dictionary(Nums=pikepdf.Array(_labels(pages)))
        _new_instance(pdf, pages)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, force_version=STANDARDS[standard]["pdf"] if standard else None,
                 compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.disable if standard else pikepdf.ObjectStreamMode.preserve)
        return out.getvalue()


def _target(destination) -> tuple[int, int] | None:
    """The page object a destination ([page, /Fit]) points at."""
    if isinstance(destination, pikepdf.Array) and len(destination) and isinstance(destination[0], pikepdf.Dictionary):
        return destination[0].objgen
    return None


def _kept_items(items, kept: set[tuple[int, int]]) -> list:
    """The bookmarks to pages kept; one whose page is left out stays when something under it
    is kept, then pointing at the first of those."""
    found = []
    for item in items:
        item.children[:] = _kept_items(item.children, kept)
        if _target(item.destination) in kept:
            found.append(item)
        elif item.children:
            item.destination = item.children[0].destination
            found.append(item)
    return found


def _drop_links_out(page: pikepdf.Page, kept: set[tuple[int, int]]) -> None:
    annotations = page.obj.get("/Annots")
    if annotations is None:
        return
    staying = [a for a in annotations if "/Dest" not in a or _target(a.Dest) in kept]
    if len(staying) == len(annotations):
        return
    if staying:
        page.obj.Annots = pikepdf.Array(staying)
    else:
        del page.obj["/Annots"]


def _labels(pages: tuple[int, ...]) -> list:
    """A label range wherever the numbering jumps: 4-6,9 shows as 4, 5, 6, 9."""
    nums: list = []
    for index, page in enumerate(pages):
        if index == 0 or page != pages[index - 1] + 1:
            nums += [index, pikepdf.Dictionary(S=pikepdf.Name.D, St=page)]
    return nums


def _new_instance(pdf: pikepdf.Pdf, pages: tuple[int, ...]) -> None:
    """The excerpt is another rendition of the edition's document: the same DocumentID, its
    own InstanceID, derived from the pages (no clock)."""
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        instance = str(meta.get("xmpMM:InstanceID", ""))
        if instance:
            pages_named = ",".join(map(str, pages))
            meta["xmpMM:InstanceID"] = f"uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{instance}:pages:{pages_named}')}"
