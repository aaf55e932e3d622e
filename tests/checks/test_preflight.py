"""The printer's preflight as pure functions over the layout's record and the imprint."""

from __future__ import annotations

from dataclasses import replace

from munpress.assemble import front_matter
from munpress.checks.facts import EditionFacts
from munpress.checks.preflight import check_font_licences, check_images, check_imprint
from munpress.layout.pagemap import PageMap, PlacedImage
from munpress.manifest import load_manifest
from tests.conftest import REPO


def _images(*images: PlacedImage) -> EditionFacts:
    return EditionFacts("ru", {}, page_map=PageMap("ru", (), (), images=images))


def test_a_picture_below_300_ppi_where_it_is_printed_is_a_warning_with_its_ppi_and_page():
    found = check_images(_images(PlacedImage(9, "05-x", "photo.jpg", 142, "RGB"),
                                 PlacedImage(9, "05-x", "chart.png", 300, "RGB")))
    [low] = [d for d in found if d.code == "images.low-resolution"]
    assert low.article == "05-x" and low.page == 9 and low.data["ppi"] == 142 and "142 ppi" in low.message


def test_colour_spaces_of_the_pictures_are_reported_and_rgb_is_named():
    [report] = check_images(_images(PlacedImage(3, "a", "a.png", 400, "RGB"),
                                    PlacedImage(4, "b", "b.tif", 400, "CMYK")))
    assert report.code == "images.colour-space" and report.data["modes"] == {"RGB": 1, "CMYK": 1}
    assert "in the press's CMYK" in report.message  # print converts them (issue 13)
    [grey] = check_images(_images(PlacedImage(3, "a", "a.png", 400, "L")))
    assert "convert" not in grey.message


def test_an_imprint_field_empty_in_the_edition_language_is_an_error_naming_the_key():
    manifest = load_manifest(REPO, "147", check_files=False)
    front = front_matter(manifest.magazine, manifest, "ky")
    assert check_imprint(EditionFacts("ky", {}, front=front)) == []
    found = check_imprint(EditionFacts("ky", {}, front=replace(front, publisher=" ", phones=())))
    assert sorted(d.data["key"] for d in found) == ["contacts.phones", "publisher"]
    assert all(d.severity.value == "error" and d.file == "munpress.toml" for d in found)


def test_an_imprint_without_the_print_run_or_the_printer_is_a_warning_saying_where_to_add_it():
    manifest = load_manifest(REPO, "147", check_files=False)
    front = front_matter(manifest.magazine, manifest, "ru")
    signed_only = replace(front, print_details=front.print_details[:1])
    found = check_imprint(EditionFacts("ru", {}, front=signed_only))
    assert [(d.code, d.severity.value, d.data["key"], d.file) for d in found] == [
        ("imprint.print-details", "warning", "print_run", "issue.toml"),
        ("imprint.print-details", "warning", "printer", "munpress.toml")]
    assert "(Тираж)" in found[0].message and "print_run = 1000" in found[0].hints[0]


def test_font_licences_that_forbid_embedding_are_errors_and_no_subsetting_a_warning():
    facts = EditionFacts("ru", {}, fonts=(("Free", "regular", 0x0000), ("Print", "regular", 0x0004),
                                          ("Locked", "bold", 0x0002), ("Bitmap", "regular", 0x0200),
                                          ("Whole", "italic", 0x0108)))
    found = {(d.code, d.message.split(" does")[0].split(" forbids")[0]) for d in check_font_licences(facts)}
    assert found == {("fonts.no-embedding", "the licence of Locked bold"),
                     ("fonts.no-embedding", "the licence of Bitmap regular"),
                     ("fonts.no-subsetting", "the licence of Whole italic")}


def test_characters_the_fonts_lack_outside_the_articles_are_an_error():
    from munpress.checks.preflight import check_front_glyphs
    from munpress.layout.pagemap import MissingGlyph

    page_map = PageMap("ky", (), (), missing_glyphs=(MissingGlyph(None, "α", "PTSans-regular"),
                                                     MissingGlyph("a", "β", "PTSerif-regular")))
    [found] = check_front_glyphs(EditionFacts("ky", {}, page_map=page_map))
    assert found.code == "layout.missing-glyph" and found.data["characters"] == ["α"]


def test_a_character_the_fonts_lack_in_a_title_in_the_contents_is_reported_where_it_was_typed():
    from munpress.checks.preflight import check_front_glyphs
    from munpress.layout.pagemap import MissingGlyph, Placement
    from munpress.model.nodes import Document, Heading, Text

    title = Heading(1, (Text("Коэффициент α"),))
    placements = (Placement("03-budget", "article", "Коэффициент α", "", 7, 9),
                  Placement("04-ads", "article", "Налог β", "", 10, 11))
    page_map = PageMap("ru", placements, (), missing_glyphs=tuple(
        MissingGlyph(None, char, "PTSans-regular") for char in "αβγ"))
    facts = EditionFacts("ru", {"03-budget": Document((title,), source="03-budget.docx", lang="ru")},
                         page_map=page_map, titles={"03-budget": title})
    found = {(d.file, d.article): (d.data["characters"], d.hints[0]) for d in check_front_glyphs(facts)}
    assert found[("03-budget.docx", "03-budget")][0] == ["α"]
    assert "title of 03-budget.docx" in found[("03-budget.docx", "03-budget")][1]
    assert found[("issue.toml", "04-ads")] == (["β"], "change the article's title = … in issue.toml, or use a font that has them")
    assert found[("munpress.toml", None)][0] == ["γ"]
