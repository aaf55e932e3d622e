"""SVG pictures are drawn as vectors (svglib), sharp at any size; a broken one is an error with
a frame in its place, like any picture that cannot be drawn (issue 12)."""

from __future__ import annotations

import pypdfium2
import pytest

from munpress.assemble import front_matter
from munpress.diagnostics import Sink
from munpress.layout import layout_edition
from munpress.manifest import load_manifest
from munpress.model.edition import Edition, Entry, Rubric
from munpress.model.nodes import ImageData, InlineImage, Paragraph, Text
from tests.conftest import REPO

CHART = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
         b'width="400" height="200" viewBox="0 0 400 200"><rect x="0" y="0" width="400" height="200" fill="#ffffff"/>'
         b'<rect x="20" y="40" width="80" height="160" fill="#cc0000"/><rect x="140" y="100" width="80" height="100" '
         b'fill="#003366"/><image xlink:href="/etc/hostname" x="0" y="0" width="40" height="40"/></svg>')


def lay_out(picture: ImageData):
    manifest = load_manifest(REPO, "147", check_files=False)
    blocks = (Paragraph((Text("Бюджеттин түзүмү төмөнкү сүрөттө көрсөтүлгөн."),)), Paragraph((InlineImage(picture),)))
    entry = Entry("chart", "article", (Text("Диаграмма"),), blocks, "chart.docx")
    edition = Edition("ky", "chart", 147, front_matter(manifest.magazine, manifest, "ky"),
                      (Rubric("РУБРИКА", (entry,)),))
    sink = Sink()
    laid_out = layout_edition(edition, manifest.magazine.layout, REPO / "fonts", sink)
    return laid_out, sink


@pytest.mark.parametrize("content_type", ["image/svg+xml", "application/octet-stream"])  # a wrong type: sniffed
def test_an_svg_picture_is_drawn_as_vectors(content_type):
    laid_out, sink = lay_out(ImageData("chart.svg", content_type, CHART, 170.0, 85.0))
    assert sink.items == []
    [image] = laid_out.page_map.images
    assert (image.entry_id, image.name, image.mode) == ("chart", "chart.svg", "vector")
    page = pypdfium2.PdfDocument(laid_out.pdf)[image.page - 1]
    bitmap = page.render(scale=1).to_pil().convert("RGB")
    reds = sum(count for count, (r, g, b) in bitmap.getcolors(1 << 24) if r > 180 and g < 60 and b < 60)
    assert reds > 500  # the red bar is on the page


def test_an_svg_that_cannot_be_read_is_an_error_with_a_frame():
    laid_out, sink = lay_out(ImageData("broken.svg", "image/svg+xml", b"<svg", 170.0, 85.0))
    [error] = sink.errors
    assert error.code == "layout.unsupported-image" and error.file == "broken.svg" and error.article == "chart"
    assert laid_out.page_map.images == ()
