"""Messages that used to say the wrong thing (issue 12): each names what is wrong in the
editor's terms, and where to fix it."""

from __future__ import annotations

import json

from tests.conftest import check_findings, run_munpress
from tests.hostile.test_hostile_input import (  # noqa: F401 - fixtures, used by name
    ISSUE,
    assert_refused,
    build,
    edit,
    good_build,
    out,
)

FIRST_ARTICLE = 'manuscript = { ky = "manuscripts/ky/01-new-year.docx", ru = "manuscripts/ru/01-new-year.docx" }\n'
PHRASE = "Жергиликтүү өз алдынча башкаруу органдарынын ишмердүүлүгү жана жарандар менен мамилеси"


def _give_title(magazine, title: str) -> None:
    edit(magazine / ISSUE, FIRST_ARTICLE, f'{FIRST_ARTICLE}  title = {{ ky = "{title}", ru = "{title}" }}\n')


def findings(magazine) -> dict[str, dict]:
    done = run_munpress("check", "147", "--lang", "ky", "--json", "--root", str(magazine))
    assert "Traceback" not in done.stderr, done.stderr
    found = check_findings(done.stdout)
    return {finding["code"]: finding for finding in found}


def test_a_title_too_long_for_a_page_says_so_and_how_long_a_title_may_be(small_magazine, out, good_build):
    _give_title(small_magazine, " ".join([PHRASE] * 100))
    line = assert_refused(build(small_magazine, out), out, good_build, names=("01-new-year", "title is too long"),
                          fix="shorten it to about", code=1)
    assert "Flowable" not in line and "picture or table" not in line
    assert findings(small_magazine)["layout.title-too-long"]["article"] == "01-new-year"


def test_check_warns_of_a_title_past_three_lines(small_magazine):
    _give_title(small_magazine, f"{PHRASE}: {PHRASE}")
    found = findings(small_magazine)
    assert found["article.long-title"]["article"] == "01-new-year" and found["article.long-title"]["lines"] == 4
    assert [code for code in found if code.startswith("article.")] == ["article.long-title"]  # no other title


def test_control_characters_from_a_manuscript_are_shown_not_obeyed(small_magazine):
    from tests.readers.docx_builder import Manuscript, paragraph

    style = '<w:style w:type="paragraph" w:styleId="Odd"><w:name w:val="Стиль\u202eабв\u009b2J"/></w:style>'
    text = "Айыл өкмөтү\u009b2J жана \u202eкеңеш. " * 20
    manuscript = Manuscript().style(style).body(paragraph("Аталыш", "Title") + paragraph(text, "Odd"))
    manuscript.save(small_magazine / "issues/147/manuscripts/ky", "03-participatory-budget.docx")
    done = run_munpress("check", "147", "--lang", "ky", "--root", str(small_magazine))
    shown = done.stdout + done.stderr
    assert "docx.unknown-style" in shown and "Traceback" not in shown
    assert not set("\x1b\u009b\u202e") & set(shown)
    assert "Стиль<U+202E>абв<U+009B>2J" in shown  # the style's name as Word stores it, made visible
