"""Normalising a document: rules see a paragraph as a whole, results go back onto its runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from munpress.diagnostics import InputError, Sink
from munpress.model.nodes import (
    Document,
    Heading,
    ImageData,
    InlineImage,
    LineBreak,
    ListItem,
    Note,
    NoteRef,
    PageBreak,
    Paragraph,
    Sidebar,
    Table,
    TableCell,
    TableRow,
    Text,
    plain_text,
)
from munpress.model.words import document_words, words
from munpress.readers import read_manuscript
from munpress.typography.normalize import (
    normalize_document,
    normalize_inlines,
    normalize_text,
)
from munpress.typography.rules import apply_rules
from tests.conftest import SHARED

NB = "\u00a0"
I, B = frozenset({"italic"}), frozenset({"bold"})
REPO = Path(__file__).resolve().parents[2]
CORPUS = SHARED / "corpus" / "docx"


def _texts(inlines):
    return [(n.text, n.marks) if isinstance(n, Text) else type(n).__name__ for n in inlines]


# -- across runs -------------------------------------------------------------------------

def test_quotes_around_an_italic_run():
    inlines = (Text('журнал "'), Text("Муниципалитет", I), Text('"'))
    assert _texts(normalize_inlines(inlines, "ru")) == [("журнал «", frozenset()), ("Муниципалитет", I), ("»", frozenset())]


def test_quote_inside_the_italic_run_stays_italic():
    inlines = (Text("журнал "), Text('"Муниципалитет"', I), Text(" чыгат"))
    assert _texts(normalize_inlines(inlines, "ky")) == [("журнал ", frozenset()), ("«Муниципалитет»", I), (" чыгат", frozenset())]


def test_dash_between_a_bold_and_a_plain_run():
    inlines = (Text("Итог", B), Text(" - водопровод"))
    assert _texts(normalize_inlines(inlines, "ru")) == [("Итог", B), (f"{NB}— водопровод", frozenset())]
    inlines = (Text("Итог -", B), Text(" водопровод"))
    assert _texts(normalize_inlines(inlines, "ru")) == [(f"Итог{NB}—", B), (" водопровод", frozenset())]


def test_short_word_at_the_end_of_a_run():
    inlines = (Text("жители в "), Text("Караколе", B))
    assert _texts(normalize_inlines(inlines, "ru")) == [(f"жители в{NB}", frozenset()), ("Караколе", B)]
    inlines = (Text("ал", B), Text(" эми"))
    assert _texts(normalize_inlines(inlines, "ky")) == [("ал", B), (f"{NB}эми", frozenset())]


def test_a_space_collapsed_across_runs_and_an_emptied_run_is_dropped():
    inlines = (Text("Бишкек "), Text(" ", B), Text(" шаары"))
    assert _texts(normalize_inlines(inlines, "ky")) == [("Бишкек ", frozenset()), ("шаары", frozenset())]


def test_inserted_no_break_space_joins_the_run_before():
    inlines = (Text("№", B), Text("5"))
    assert _texts(normalize_inlines(inlines, "ru")) == [(f"№{NB}", B), ("5", frozenset())]


def test_links_keep_their_target_and_addresses_their_text():
    link = Text("www.mun.kg/a--b", link="http://www.mun.kg/a--b")
    inlines = (Text('Сайт "'), link, Text('" - баары'))
    result = normalize_inlines(inlines, "ky")
    assert result[1] is link
    assert plain_text(result) == f"Сайт «www.mun.kg/a--b»{NB}— баары"


# -- inline objects ----------------------------------------------------------------------

PICTURE = InlineImage(ImageData("p.png", "image/png", b"\x89PNG"))


def test_line_break_picture_and_note_reference_stay_in_place():
    inlines = (Text("- Мен"), LineBreak(), Text("- Сен"), NoteRef(1), Text(' "сөз"'), PICTURE, Text(" - акыр"))
    result = normalize_inlines(inlines, "ky")
    assert _texts(result) == [
        (f"—{NB}Мен", frozenset()), "LineBreak", (f"—{NB}Сен", frozenset()), "NoteRef",
        (" «сөз»", frozenset()), "InlineImage", (f"{NB}— акыр", frozenset()),
    ]
    assert result[3] is inlines[3] and result[5] is inlines[5]


def test_a_note_reference_between_a_word_and_its_closing_quote():
    inlines = (Text('"Эл'), NoteRef(2), Text('" деди'))
    assert _texts(normalize_inlines(inlines, "ky")) == [("«Эл", frozenset()), "NoteRef", ("» деди", frozenset())]


def test_a_quote_opening_the_line_after_a_break_goes_to_a_text_run():
    inlines = (Text("Биринчи", B), LineBreak(), Text('„«', I), Text("Экинчи»"))
    result = normalize_inlines(inlines, "ky")
    assert _texts(result) == [("Биринчи", B), "LineBreak", ("«„", I), ("Экинчи“", frozenset())]


def test_unchanged_inlines_are_returned_as_they_are():
    inlines = (Text("Бишкек шаары"), NoteRef(1))
    assert normalize_inlines(inlines, "ky") is inlines
    assert normalize_inlines((LineBreak(),), "ru") == (LineBreak(),)


# -- blocks and documents ----------------------------------------------------------------

def _para(text, **kw):
    return Paragraph((Text(text),), **kw)


def test_nested_blocks_are_normalised():
    cell = TableCell((_para("10 - 12 км"),), colspan=2)
    document = Document(
        blocks=(
            Heading(1, (Text('"Аталыш"'),)),
            ListItem(0, "1.", True, (Text("в Бишкеке"),)),
            Table((TableRow((cell,), header=True),)),
            Sidebar((_para("Итог - ноль"),)),
            Note(1, (_para("т.е. так"),), kind="endnote"),
            PageBreak(),
            _para("и т.д.", role="caption"),
        ),
        source="x.docx",
        lang="ru",
    )
    result = normalize_document(document, "ru")
    heading, item, table, sidebar, note, page_break, caption = result.blocks
    assert plain_text(heading.inlines) == "«Аталыш»"
    assert plain_text(item.inlines) == f"в{NB}Бишкеке" and item.label == "1."
    new_cell = table.rows[0].cells[0]
    assert plain_text(new_cell.blocks[0].inlines) == f"10–12{NB}км"
    assert new_cell.colspan == 2 and table.rows[0].header
    assert plain_text(sidebar.blocks[0].inlines) == f"Итог{NB}— ноль"
    assert plain_text(note.blocks[0].inlines) == f"т.{NB}е. так" and note.kind == "endnote"
    assert page_break == PageBreak()
    assert plain_text(caption.inlines) == f"и{NB}т.{NB}д." and caption.role == "caption"
    assert result.source == "x.docx" and result.lang == "ru"
    assert document_words(result) == document_words(document)


def test_normalize_text_is_the_rules_on_a_plain_string():
    assert normalize_text('Журнал "Муниципалитет" - №5', "ru") == f"Журнал «Муниципалитет»{NB}— №{NB}5"
    with pytest.raises(ValueError):
        normalize_text("x", "de")
    with pytest.raises(ValueError):
        normalize_document(Document((), "x.docx"), "de")


# -- properties: cutting a text into runs never changes the result -----------------------

TOKENS = [
    "Бишкек", "өз", "ал", "эми", "в", "и", "же", "А", "С", "Пушкин", "2024", "10", "5", "-жыл",
    "км", "%", "№", '"', "“", "„", "«", "»", "-", "--", "–", "—", "...", ".", ",", "(", ")",
    " ", " ", "  ", "\t", NB, "www.mun.kg", "т.е.",
]
PIECES = st.lists(
    st.one_of(
        st.tuples(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=6).map("".join),
                  st.sampled_from([frozenset(), I, B])),
        st.sampled_from([LineBreak(), NoteRef(1), PICTURE]),
    ),
    max_size=12,
)


def _inlines(pieces):
    return tuple(Text(*p) if isinstance(p, tuple) else p for p in pieces)


def _marked(inlines):
    return [(c, n.marks) for n in inlines if isinstance(n, Text) for c in n.text if c.isalnum()]


def _joined(inlines):
    return "".join(n.text if isinstance(n, Text) else "\n" if isinstance(n, LineBreak) else "\ufffc" for n in inlines)


@settings(max_examples=400, deadline=None)
@given(pieces=PIECES, lang=st.sampled_from(["ky", "ru"]))
def test_runs_get_what_the_whole_text_gets(pieces, lang):
    inlines = _inlines(pieces)
    result = normalize_inlines(inlines, lang)
    assert _joined(result) == apply_rules(_joined(inlines), lang)
    # objects stay, in order; every letter keeps the marks of its run
    assert [n for n in result if not isinstance(n, Text)] == [n for n in inlines if not isinstance(n, Text)]
    assert _marked(result) == _marked(inlines)
    assert all(n.text for n in result if isinstance(n, Text) and n not in inlines)


# -- real manuscripts --------------------------------------------------------------------

def _manuscripts():
    return [(path, lang) for lang in ("ky", "ru")
            for path in sorted((REPO / "issues" / "147" / "manuscripts" / lang).glob("*.docx"))]


@pytest.mark.parametrize(("path", "lang"), _manuscripts(), ids=lambda v: getattr(v, "name", v))
def test_sample_issue_manuscripts_keep_their_words(path, lang):
    document = read_manuscript(path, lang=lang, sink=Sink())
    result = normalize_document(document, lang)
    assert [w.word for w in document_words(result)] == [w.word for w in document_words(document)]
    assert normalize_document(result, lang) == result


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="no shared corpus")
def test_the_corpus_keeps_its_words_in_both_languages():
    checked = 0
    for path in sorted(CORPUS.glob("*.docx")):
        try:
            document = read_manuscript(path, lang=None, sink=Sink())
        except InputError:  # refused corpus files are the readers' business
            continue
        before = [w.word for w in document_words(document)]
        for lang in ("ky", "ru"):
            assert [w.word for w in document_words(normalize_document(document, lang))] == before, path.name
        checked += 1
    assert checked > 50


def test_words_helper_agrees():
    assert words(f"Итог{NB}— водопровод") == words("Итог - водопровод")
