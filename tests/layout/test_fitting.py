"""Copyfitting by whole lines (layout/fitting.py): an article that runs onto a page of its own
by a few lines is pulled back, one that leaves its last page hollow is run long, and the
second layout is kept only when the issue comes out better. Small editions are made here
from issue 147's Russian articles, cut until they end where each case needs."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from functools import partial

import pytest

from munpress.assemble import assemble_edition
from munpress.diagnostics import Sink
from munpress.layout import fitting, layout_edition
from munpress.layout.paragraph import SetParagraph
from munpress.layout.styles import build_styles
from munpress.layout.fonts import load_family
from munpress.layout.theme import Theme
from munpress.manifest import load_manifest
from munpress.checks import EditionFacts, typography_rows
from munpress.checks.lost_text import lost_words
from munpress.model.nodes import Document, Heading, Paragraph, Text
from munpress.model.words import document_words
from munpress.editions import _read_manuscripts
from munpress.typography.normalize import normalize_text
from tests.conftest import REPO, run_munpress


@pytest.fixture(scope="module")
def magazine():
    manifest = load_manifest(REPO, 147)
    sink = Sink()
    documents, errors = _read_manuscripts(manifest, "ru", sink, typography=True)
    assert not errors
    edition = assemble_edition(manifest, documents, "ru", sink, partial(normalize_text, lang="ru"), ())
    return manifest, edition, {entry.id: entry for entry in edition.entries()}


def _edition(edition, entries):
    return replace(edition, rubrics=(replace(edition.rubrics[0], entries=tuple(entries)),))


def _cut(entry, paragraphs: int):
    """The article without its last `paragraphs` paragraphs."""
    kept = [i for i, block in enumerate(entry.blocks) if isinstance(block, Paragraph)]
    dropped = set(kept[len(kept) - paragraphs:]) if paragraphs else set()
    blocks = [b for i, b in enumerate(entry.blocks) if i not in dropped]
    while blocks and isinstance(blocks[-1], Heading):  # a subhead whose text was cut goes with it
        blocks.pop()
    return replace(entry, blocks=tuple(blocks))


def _lay_out(manifest, edition, copyfit: bool):
    return layout_edition(edition, replace(manifest.magazine.layout, copyfit=copyfit), REPO / "fonts", Sink())


def _alone_on_last_page(page_map, entry_id):
    """Lines of the article on its last page, when nothing else starts there and no picture of it stands there."""
    placement = next(p for p in page_map.placements if p.entry_id == entry_id)
    pictures = {(image.entry_id, image.page) for image in page_map.images}
    held = Counter((line.entry_id, line.page) for line in page_map.set_lines)[(entry_id, placement.last_page)]
    others = [p for p in page_map.placements if p.entry_id != entry_id and p.page == placement.last_page]
    alone = placement.last_page > placement.page and not others and (entry_id, placement.last_page) not in pictures
    return held if alone else None


def _lost(page_map, entry) -> list[int]:
    """The article's words missing from what was drawn, by the lost-text check's own reading."""
    expected = document_words(Document(blocks=entry.blocks, source=entry.source))
    return lost_words(expected, [line.text for line in page_map.lines_of(entry.id)])


def _pages_of_their_own(entries, count: int):
    return [replace(entries["10-land-lease"], id=f"10-land-lease-{n}", new_page=True) for n in range(count)]


@pytest.fixture(scope="module")
def pulled_back(magazine):
    """The pasture article cut until it runs onto a page of its own by a few lines, in an
    edition one page over a multiple of four, and pulled back: (article, story, before, after)."""
    manifest, edition, entries = magazine
    following = replace(entries["08-budget-calendar"], new_page=True)
    tried = []
    for paragraphs in range(4, 12):
        article = _cut(entries["06-pasture-committees"], paragraphs)
        plain = _lay_out(manifest, _edition(edition, [article, following]), copyfit=False)
        held = _alone_on_last_page(plain.page_map, article.id)
        if not held or held > fitting.PULL_BACK_LINES:
            continue
        story = _edition(edition, [article, following, *_pages_of_their_own(entries, (1 - plain.page_map.page_count) % 4)])
        before, after = _lay_out(manifest, story, copyfit=False), _lay_out(manifest, story, copyfit=True)
        tried.append((paragraphs, held, after.page_map.fitted))
        if dict(after.page_map.fitted).get(article.id):
            return article, following, before, after
    pytest.fail(f"no cut of the article that overruns its page is pulled back: {tried}")


def test_an_article_a_few_lines_over_its_page_is_pulled_back_when_the_issue_can_be_stitched(pulled_back):
    article, _, before, after = pulled_back
    placed_before, placed_after = before.page_map.placements[0], after.page_map.placements[0]
    assert before.page_map.page_count % 4 == 1 and after.page_map.page_count % 4 == 0
    assert placed_after.last_page == placed_before.last_page - 1
    assert dict(after.page_map.fitted)[article.id] < 0  # lines taken back
    assert _lost(after.page_map, article) == []  # no word lost by setting tighter
    tighter = [line for line in after.page_map.set_lines if line.entry_id == article.id and line.justified]
    assert max(abs(line.tracking) for line in tighter) <= 0.01 + 1e-9  # within the letter-spacing limit
    assert max(abs(line.expansion) for line in tighter) <= 0.02 + 1e-9


def test_a_pull_back_that_leaves_a_page_count_the_printer_cannot_stitch_is_not_kept(magazine, pulled_back):
    manifest, edition, entries = magazine
    article, following, before, _ = pulled_back
    extra = sum(1 for p in before.page_map.placements if p.entry_id.startswith("10-land-lease-"))
    # one page fewer than the edition that was pulled back: a multiple of four, which a pull back would break
    story = _edition(edition, [article, following, *_pages_of_their_own(entries, extra - 1 if extra else 3)])
    plain, fitted = _lay_out(manifest, story, copyfit=False), _lay_out(manifest, story, copyfit=True)
    assert plain.page_map.page_count % 4 == 0
    assert fitted.pdf == plain.pdf and fitted.page_map.fitted == ()  # the first layout stands


def test_an_article_that_leaves_its_page_hollow_is_run_long(magazine):
    manifest, edition, entries = magazine
    following = replace(entries["08-budget-calendar"], new_page=True)
    run_long = 0
    for paragraphs in range(6):
        article = _cut(entries["02-deputies-training"], paragraphs)
        story = _edition(edition, [article, following])
        before, after = _lay_out(manifest, story, copyfit=False), _lay_out(manifest, story, copyfit=True)
        last = before.page_map.placements[0].last_page
        if before.page_map.pages[last - 1].filled >= 1 - fitting.HOLLOW:
            continue
        if after.page_map.fitted:
            assert fitting.score(after.page_map) < fitting.score(before.page_map)
            assert dict(after.page_map.fitted)[article.id] > 0
            assert after.page_map.pages[last - 1].filled >= 1 - fitting.HOLLOW
            assert _lost(after.page_map, article) == []
            run_long += 1
        else:
            assert after.pdf == before.pdf
    assert run_long >= 1  # at least one cut is run long to fill its page


TEXT = ("Совет депутатов обсудил бюджет на следующий год и решил, что половину средств получат "
        "проекты, которые предложат сами жители, а остальное пойдёт на ремонт дорог и водопровода. ")


def _paragraphs(count: int):
    theme = Theme.from_settings(load_manifest(REPO, 147).magazine.layout)
    body = load_family("PT Serif", REPO / "fonts")
    styles = build_styles(theme, body, body, "ru", ())
    return theme, [SetParagraph((Text(TEXT * (3 + n % 4)),), styles.body) for n in range(count)]


@pytest.mark.parametrize("lines", [-3, 3])
def test_apply_sets_paragraphs_a_line_shorter_or_longer_where_it_costs_least(lines):
    theme, paragraphs = _paragraphs(12)
    width = theme.width_of_columns(2)
    before = [p.wrap(width, 1000)[1] / p.style.leading for p in paragraphs]
    won = fitting.apply(list(paragraphs), lines, width, theme.leading)
    after = [p.wrap(width, 1000)[1] / p.style.leading for p in paragraphs]
    assert won == lines
    assert sum(after) - sum(before) == lines
    assert all(abs(a - b) <= 1 for a, b in zip(after, before))  # a line at most from each paragraph
    changed = [p for p in paragraphs if p.looseness]
    assert len(changed) == abs(lines) and all(p.looseness == (1 if lines > 0 else -1) for p in changed)


def test_copyfit_can_be_turned_off_and_a_wrong_value_is_one_clear_line(magazine_copy):
    toml = magazine_copy / "munpress.toml"
    text = toml.read_text("utf-8")
    toml.write_text(text.replace("[layout]\n", "[layout]\ncopyfit = false\n", 1), "utf-8")
    assert load_manifest(magazine_copy, 147).magazine.layout.copyfit is False
    toml.write_text(text.replace("[layout]\n", '[layout]\ncopyfit = "yes"\n', 1), "utf-8")
    result = run_munpress("check", "147", "--root", str(magazine_copy))
    assert result.returncode == 2 and "layout.copyfit" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_the_report_shows_the_lines_each_article_was_fitted_by(pulled_back):
    article, _, before, after = pulled_back
    rows = {row.article: row for row in typography_rows(EditionFacts("ru", {}, page_map=after.page_map))}
    assert rows[article.id].fitted == dict(after.page_map.fitted)[article.id] < 0
    assert rows["(edition)"].fitted == sum(abs(lines) for _, lines in after.page_map.fitted)
    plain = {row.article: row for row in typography_rows(EditionFacts("ru", {}, page_map=before.page_map))}
    assert plain[article.id].fitted == 0 and plain["(edition)"].fitted == 0


def test_pulling_back_sets_column_pictures_smaller_when_the_text_cannot_give_enough():
    from io import BytesIO

    from PIL import Image as PILImage

    from munpress.layout.blocks import RecordedImage

    theme, paragraphs = _paragraphs(0)
    buffer = BytesIO()
    PILImage.new("RGB", (40, 30), "grey").save(buffer, "PNG")
    picture = RecordedImage(BytesIO(buffer.getvalue()), 200, 150)
    won = fitting.apply([picture], -2, theme.width_of_columns(2), theme.leading)
    assert (picture.drawWidth, picture.drawHeight) == pytest.approx((200 * fitting.PICTURE_SHRINK, 150 * fitting.PICTURE_SHRINK))
    assert won == -int(150 * (1 - fitting.PICTURE_SHRINK) // theme.leading) == -1
    assert picture.hAlign == "CENTER"
