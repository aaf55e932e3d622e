"""One layout, every variant (layout/tee.py): each variant drawn from the screen layout has
the bytes of a layout of its own, and the record the checks read is the screen layout's."""

from __future__ import annotations

import pytest

from munpress.assemble import assemble_edition
from munpress.diagnostics import Sink
from munpress.editions import _read_fillers, _read_manuscripts, _variant, load_press_profile
from munpress.layout import layout_edition
from munpress.layout.tee import NAVIGATION, TeeCanvas
from munpress.layout.variant import make_variant
from munpress.manifest import load_manifest
from tests.conftest import REPO


@pytest.fixture(scope="module", params=["ky", "ru"])
def edition(request):
    manifest = load_manifest(REPO, "147")
    lang = request.param
    sink = Sink()
    documents, errors = _read_manuscripts(manifest, lang, sink, typography=True)
    fillers, filler_errors = _read_fillers(manifest, lang, sink, typography=True)
    assert not errors and not filler_errors
    return manifest, assemble_edition(manifest, documents, lang, Sink(), lambda text: text, fillers)


def test_every_variant_drawn_from_one_layout_has_the_bytes_of_its_own_layout(edition):
    manifest, assembled = edition
    magazine = manifest.magazine
    slug = ("ГРАНКА · test", (("05-apricot-brand", "05:abcdef12"),))
    print_, proof = _variant(manifest, "print", ("", ())), _variant(manifest, "proof", slug)

    def alone(variant):
        return layout_edition(assembled, magazine.layout, magazine.root / "fonts", Sink(),
                              magazine.typography.unbreakable, variant)

    together = layout_edition(assembled, magazine.layout, magazine.root / "fonts", Sink(),
                              magazine.typography.unbreakable, make_variant("screen"), (print_, proof))
    screen = alone(make_variant("screen"))
    assert together.pdf == screen.pdf and together.page_map == screen.page_map
    assert set(together.also) == {"print", "proof"}
    assert together.also["print"] == alone(print_).pdf  # a larger sheet, CMYK, crop marks, no links
    assert together.also["proof"] == alone(proof).pdf  # watermark and slug
    assert load_press_profile(manifest).data  # the print variant above converted its pictures to it


def test_links_and_bookmarks_go_only_to_the_variants_that_have_them():
    class Canvas:
        def __init__(self):
            self.calls = []

        def __getattr__(self, name):
            return lambda *args, **kwargs: self.calls.append(name)

    screen, paper = Canvas(), Canvas()
    tee = TeeCanvas([screen, paper], [make_variant("screen"), make_variant("print")])
    tee.linkURL("https://dpi.kg", (0, 0, 1, 1))
    tee.bookmarkPage("rubric-1")
    tee.rect(0, 0, 1, 1)
    assert screen.calls == ["linkURL", "bookmarkPage", "rect"] and paper.calls == ["rect"]
    assert {"linkURL", "linkRect", "bookmarkPage", "addOutlineEntry"} <= NAVIGATION
