"""No silent loss, end to end: every word of every manuscript is in the built PDF, in order.

The check rule `layout.lost-text` reads the layout's own record of drawn lines; these tests
also read the PDF back with pypdf, so the record cannot drift from what is really printed.
"""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from munpress.assemble import (
    assemble_entry,
    front_matter,
    set_aside_blocks,
    title_block,
)
from munpress.checks.facts import EditionFacts
from munpress.checks.lost_text import (
    check_lost_text,
    lost_in_print,
    lost_printable_words,
    printed_order,
)
from munpress.diagnostics import InputError, LayoutFailure, Sink
from munpress.layout import layout_edition
from munpress.layout.blocks import BlockConverter
from munpress.layout.markup import note_label
from munpress.manifest import load_manifest
from munpress.model.edition import Edition, Rubric
from munpress.model.nodes import Document, NoteRef, Paragraph, plain_text
from munpress.model.words import document_words, words
from munpress.pipeline import build_issue, check_issue
from munpress.readers import read_manuscript
from tests.conftest import REPO, SHARED

CORPUS = SHARED / "corpus" / "docx"


def _edition(lang: str) -> Document:
    """The edition's manuscripts as one document, in the order the issue prints them."""
    manifest = load_manifest(REPO, "147")
    blocks: list = []
    for entry in manifest.issue.entries():
        if entry.in_edition(lang):
            document = read_manuscript(entry.manuscript(lang), lang=lang, sink=Sink())
            aside = set_aside_blocks(entry, document)
            blocks += [block for block in document.blocks if block not in aside]
    return Document(tuple(blocks), "issue 147", lang)


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_every_word_of_every_manuscript_is_in_the_pdf_text_in_order(built_issue, lang):
    report = check_issue(REPO, "147", [lang], Sink())
    first_article_page = min(row.actual for row in report.placements)
    pages = PdfReader(built_issue[lang]).pages[first_article_page - 1:]
    lines = [line for page in pages for line in (page.extract_text() or "").splitlines()]
    edition = _edition(lang)
    expected = document_words(edition)
    lost = lost_in_print(edition, lines)  # in order; captions and pull quotes, which float, each on its own
    assert len(expected) > 9000
    assert [expected[i].word for i in lost] == []
    assert [d for d in report.diagnostics if d.code == "layout.lost-text"] == []


def test_a_layout_that_drops_a_paragraph_is_refused_and_nothing_is_written(tmp_path, monkeypatch):
    original = BlockConverter._paragraph

    def dropping(self, block, after_heading):
        if "Каракол" in plain_text(block.inlines):
            return []
        return original(self, block, after_heading)

    monkeypatch.setattr(BlockConverter, "_paragraph", dropping)
    with pytest.raises(LayoutFailure) as refused:
        build_issue(REPO, "147", ["ru"], tmp_path, Sink())
    assert refused.value.code == "layout.lost-text" and refused.value.article == "03-participatory-budget"
    assert "03-participatory-budget.docx, paragraph" in refused.value.message
    assert list(tmp_path.iterdir()) == []
    findings = [d for d in check_issue(REPO, "147", ["ru"], Sink()).diagnostics if d.code == "layout.lost-text"]
    assert [d.article for d in findings] == ["03-participatory-budget"]


# Read, but not printable in a magazine: the layout stops and names the article.
LAYOUT_REFUSALS = {
    "poi__bug65649.docx": "layout.table-too-wide",  # a 21-column cost estimate: too wide even in 6 pt
}


def _readable_corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    readable = []
    for path in sorted(CORPUS.glob("*.docx")):
        try:
            read_manuscript(path, lang="ru", sink=Sink())
        except InputError:
            continue  # refused files are test_corpus.py's business
        readable.append(path)
    return readable


CORPUS_FILES = _readable_corpus_files()


def _lay_out_alone(path: Path):
    """The manuscript as the only article of an edition of issue 147."""
    manifest = load_manifest(REPO, "147")
    template = manifest.issue.entries()[0]
    document = read_manuscript(path, lang="ru", sink=Sink())
    entry = assemble_entry(replace(template, id=path.name, title=None), document, "ru", Sink())
    edition = Edition("ru", "corpus", 147, front_matter(manifest.magazine, manifest, "ru"),
                      (Rubric("CORPUS", (entry,)),))
    laid_out = layout_edition(edition, manifest.magazine.layout, REPO / "fonts", Sink())
    title = title_block(document)
    facts = EditionFacts("ru", {path.name: document}, page_map=laid_out.page_map,
                         titles={path.name: title} if title else {})
    return document, facts, laid_out.pdf


# Read and set, but with characters the PT fonts do not have: reported, never printed blank
# silently (`layout.missing-glyph`); a magazine that prints these scripts adds a font.
BLANK_CHARACTERS = {
    "docx-rs__image_inline_and_anchor.docx": "an emoji",
    "docx-rs__section_property_in_ppr.docx": "Japanese kana",
    "docx-rs__toc1.docx": "Japanese",
    "docx2python__libreoffice_conversion.docx": "Chinese",
    "docx2python__symbols.docx": "Greek letters and Symbol-font signs",
    "docx4j__Symbols.docx": "the whole Symbol and Wingdings tables",
    "docx4j__arabic_numbering.docx": "Arabic",
    "pandoc__equations.docx": "a mathematical ellipsis ⋯",
    "pandoc__instrText_hyperlink.docx": "Chinese",
    "poi__stress010.docx": "Arabic",
}


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the .docx corpus is not at {CORPUS}")
@pytest.mark.parametrize("path", CORPUS_FILES, ids=[path.name for path in CORPUS_FILES])
def test_every_corpus_file_that_is_read_is_set_without_losing_a_word(path: Path):
    if path.name in LAYOUT_REFUSALS:
        with pytest.raises(LayoutFailure) as refused:
            _lay_out_alone(path)
        assert refused.value.code == LAYOUT_REFUSALS[path.name] and refused.value.article == path.name
        return
    document, facts, pdf = _lay_out_alone(path)
    findings = check_lost_text(facts)
    expected_codes = ["layout.missing-glyph"] if path.name in BLANK_CHARACTERS else []
    assert [d.code for d in findings] == expected_codes, [d.message for d in findings]
    # the same words in the PDF's own text layer, as a reader of the PDF gets them
    blank = {glyph.char.casefold() for glyph in facts.page_map.missing_glyphs}
    printed = printed_order(document, facts.titles.get(path.name), ())
    expected = document_words(replace(document, blocks=printed))
    first_page = facts.page_map.placements[0].page
    known, labels = {w.word for w in expected}, _note_labels(document)
    lines = [_unglue_note_numbers(line, known, labels) for page in PdfReader(BytesIO(pdf)).pages[first_page - 1:]
             for line in (page.extract_text() or "").splitlines()]
    lost = sorted(set(lost_printable_words(expected, lines, blank)))
    assert [expected[i].word for i in lost if not blank & set(expected[i].word)][:20] == []


def _note_labels(document) -> set[str]:
    refs = [node for block in document.blocks if isinstance(block, Paragraph)
            for node in block.inlines if isinstance(node, NoteRef)]
    return {note_label(ref.number, ref.kind) for ref in refs}


def _unglue_note_numbers(line: str, known: set[str], labels: set[str]) -> str:
    """pypdf joins a superscript note number to the word before it ("Elias3", "11")."""
    tokens = []
    for token in words(line):
        split = next((cut for cut in range(len(token) - 1, 0, -1)
                      if token not in known and token[:cut] in known and token[cut:] in labels), None)
        tokens += [token] if split is None else [token[:split], token[split:]]
    return " ".join(tokens)


def test_the_corpus_is_there_or_the_skip_says_why():
    assert len(CORPUS_FILES) >= 70 or not CORPUS.is_dir()
