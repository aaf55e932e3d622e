"""Issue 147 assembled with the magazine's fillers and the articles' pull quotes, in both
languages; and the warning for a pull quote named in issue.toml that the article does not have."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import partial

import pytest

from munpress.assemble import assemble_edition
from munpress.checks import EditionFacts
from munpress.checks.pull_quotes import check_pull_quotes, comparable
from munpress.diagnostics import Sink
from munpress.manifest import Localized, load_manifest
from munpress.model.nodes import Paragraph, Text, block_text, plain_text
from munpress.editions import _read_fillers, _read_manuscripts
from munpress.typography.normalize import normalize_text
from tests.conftest import check_findings, REPO, run_munpress

WITH_INTENSE_QUOTES = ("04-women-deputies-club", "09-waste-plan", "13-woman-leader", "14-city-transport")
NAMED = {"ky": "Ишеним түтүктөрдөн да маанилүү болуп чыкты.", "ru": "Доверие оказалось важнее труб."}


@pytest.fixture(scope="module")
def manifest():
    return load_manifest(REPO, 147)


@pytest.fixture(scope="module")
def editions(manifest):
    """Issue 147 read and assembled as the pipeline does, without the layout: lang -> (edition, sink)."""
    found = {}
    for lang in ("ky", "ru"):
        sink = Sink()
        documents, errors = _read_manuscripts(manifest, lang, sink, typography=True)
        fillers, filler_errors = _read_fillers(manifest, lang, sink, typography=True)
        assert errors == filler_errors == {}
        found[lang] = assemble_edition(manifest, documents, lang, sink, partial(normalize_text, lang=lang), fillers), \
            sink, documents
    return found


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_the_edition_carries_the_magazines_fillers_in_munpress_toml_order(editions, lang):
    edition, sink, _ = editions[lang]
    assert [(f.id, f.kind) for f in edition.fillers] == [
        ("subscription", "house-ad"), ("share-your-story", "notice"), ("seminar", "note"),
        ("council-guide", "note"), ("grant-competition", "note"), ("hotline", "notice"),
        ("hearings-reminder", "note"), ("school-essays", "note"), ("online", "notice")]
    assert not sink.items  # the fillers read cleanly: no unknown styles, no warnings
    for filler in edition.fillers:
        title, text = plain_text(filler.title), " ".join(block_text(b) for b in filler.blocks)
        assert title and text and filler.entry_id is None
        assert filler.source == f"fillers/{lang}/{filler.id}.docx"
        assert title not in text  # the title is taken out of the blocks, as an article's is
        assert ('"' not in text) and ((lang == "ky") == any(ch in "ңөүҢӨҮ" for ch in title + text))
    words = [len(" ".join(block_text(b) for b in f.blocks).split()) for f in edition.fillers]
    assert 40 <= words[0] <= 60 and 50 <= words[1] <= 80 and all(60 <= n <= 120 for n in words[2:5])
    assert min(words) <= 25  # a line or two, for the last gap on a page
    assert len(set(words)) == len(words)  # all differ in length, so the layout can choose


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_the_fillers_are_set_by_the_languages_typography(editions, lang):
    edition, _, _ = editions[lang]
    subscription = edition.fillers[0]
    assert "«Муниципалитет»" in plain_text(subscription.title)
    assert "\u00a0" in " ".join(block_text(b) for b in subscription.blocks)  # no-break spaces after short words


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_intense_quotes_and_named_pull_quotes_reach_their_entries(manifest, editions, lang):
    edition, _, _ = editions[lang]
    entries = {entry.id: entry for entry in edition.entries()}
    named = {entry.id: entry.pull_quotes for entry in manifest.issue.entries() if entry.pull_quotes}
    assert "07-drinking-water" in named
    assert sorted(e for e, entry in entries.items() if entry.pull_quotes) == sorted({*WITH_INTENSE_QUOTES, *named})
    for entry_id, entry in entries.items():
        pulled = [b for b in entry.blocks if isinstance(b, Paragraph) and b.role == "pullquote"]
        assert len(pulled) == (entry_id in WITH_INTENSE_QUOTES)
        # the manuscript's first, in order, then issue.toml's, set by the language's typography
        assert entry.pull_quotes == (*(p.inlines for p in pulled),
                                     *((Text(normalize_text(quote(lang), lang=lang)),) for quote in named.get(entry_id, ())))
        for paragraph in pulled:  # it stays in the article, where it stands, and repeats a line the article has
            rest = " ".join(block_text(b) for b in entry.blocks if b is not paragraph)
            assert comparable(plain_text(paragraph.inlines)).rstrip(".") in comparable(rest)
    assert plain_text(entries["07-drinking-water"].pull_quotes[-1]) == normalize_text(NAMED[lang], lang=lang)


def test_pull_quotes_can_be_handed_to_the_layout_as_fillers(editions):
    edition, _, _ = editions["ru"]
    entry = next(e for e in edition.entries() if e.id == "13-woman-leader")
    fillers = entry.pull_quote_fillers()
    assert len(fillers) == len(entry.pull_quotes) >= 1
    first = fillers[0]
    assert (first.id, first.kind, first.entry_id, first.title) == (
        "13-woman-leader/pull-quote-1", "pull-quote", "13-woman-leader", ())
    assert first.blocks == (Paragraph(entry.pull_quotes[0], "pullquote"),)


# --- article.pull-quote-not-in-text ----------------------------------------------------------


def with_pull_quotes(manifest, entry_id: str, *quotes: Localized):
    sections = tuple(replace(section, articles=tuple(replace(a, pull_quotes=quotes) if a.id == entry_id else a
                                                     for a in section.articles))
                     for section in manifest.issue.sections)
    return replace(manifest, issue=replace(manifest.issue, sections=sections))


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_the_named_pull_quote_of_147_is_in_its_article(manifest, editions, lang):
    _, _, documents = editions[lang]
    assert check_pull_quotes(manifest, EditionFacts(lang, documents)) == []


def test_spaces_quotes_dashes_and_case_do_not_count(manifest, editions):
    _, _, documents = editions["ru"]
    for typed in ("доверие   ОКАЗАЛОСЬ важнее 'труб'.", '"а воды не было, потому что никто не платил", - так описывает'):
        typed_so = with_pull_quotes(manifest, "07-drinking-water", Localized.same(typed))
        assert check_pull_quotes(typed_so, EditionFacts("ru", documents)) == [], typed
    changed = with_pull_quotes(manifest, "07-drinking-water", Localized.same("Доверие оказалось важнее денег."))
    assert [d.code for d in check_pull_quotes(changed, EditionFacts("ru", documents))] == [
        "article.pull-quote-not-in-text"]


def test_a_pull_quote_the_article_lacks_is_a_warning_naming_article_language_and_first_words(manifest, editions):
    quote = Localized((("ky", NAMED["ky"]), ("ru", "Вода по расписанию больше не вернётся в наше село никогда")))
    changed = with_pull_quotes(manifest, "07-drinking-water", Localized(tuple(NAMED.items())), quote)
    found = check_pull_quotes(changed, EditionFacts("ru", editions["ru"][2]))
    (finding,) = found
    assert (finding.severity.value, finding.code, finding.article, finding.lang) == (
        "warning", "article.pull-quote-not-in-text", "07-drinking-water", "ru")
    assert finding.message == "pull quote 2 «Вода по расписанию больше не вернётся…» is not in the article's text"
    assert finding.file == "issues/147/issue.toml" and finding.data == {"pull_quote": 1}
    assert finding.hints == ("copy the sentence as the manuscript has it into sections[1].articles[5].pull_quotes[1], "
                             "or correct the manuscript",)
    assert check_pull_quotes(changed, EditionFacts("ky", editions["ky"][2])) == []


def test_check_reports_the_warning_and_no_lost_text_for_unused_fillers(magazine_copy):
    issue = magazine_copy / "issues/147/issue.toml"
    issue.write_text(issue.read_text("utf-8").replace(NAMED["ru"], "Этой фразы в статье нет."), "utf-8")
    result = run_munpress("check", "147", "--lang", "ru", "--json", "--root", str(magazine_copy))
    findings = check_findings(result.stdout)
    assert [(f["code"], f["article"], f["lang"]) for f in findings if f["code"].startswith("article.")] == [
        ("article.pull-quote-not-in-text", "07-drinking-water", "ru")]
    assert not [f for f in findings if f["code"] in ("layout.lost-text", "docx.unreadable")], findings
