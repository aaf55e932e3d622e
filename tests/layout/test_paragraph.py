"""SetParagraph: Kyrgyz and Russian set with optimum breaks, the magazine's exceptions, and
splits that leave no widow, orphan or hyphen at a column's foot."""

from __future__ import annotations

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle

from munpress.layout.fonts import load_family
from munpress.layout.paragraph import SetParagraph
from munpress.model.nodes import Text
from munpress.typography.hyphenation import hyphenator_for
from tests.conftest import REPO

KY = ("Жергиликтүү өз алдынча башкаруу органдары өкмөттүн көңүлүн бурган маселелерди чечүүдө "
      "жарандардын катышуусун күчөтүүгө милдеттүү. Өнүктүрүү программаларын түзүүдө үй-бүлөлөрдүн "
      "муктаждыктары эске алынат. ") * 4


def style(lang: str = "ky", unbreakable=(), size: float = 10) -> ParagraphStyle:
    font = load_family("PT Serif", REPO / "fonts").face("regular")
    return ParagraphStyle("t", fontName=font, fontSize=size, leading=size * 1.3, alignment=TA_JUSTIFY,
                          hyphenationLang=hyphenator_for(lang, unbreakable))


def line_texts(paragraph: SetParagraph) -> list[str]:
    return ["".join(segment.text for _, segment in paragraph._placed(line, n)[0]).strip()
            for n, line in enumerate(paragraph._lines)]


def test_kyrgyz_words_with_their_own_letters_are_hyphenated():
    paragraph = SetParagraph((Text(KY),), style())
    paragraph.wrap(170, 10_000)
    broken = [text.split()[-1] for text in line_texts(paragraph) if text.endswith("-") and text[-2].isalpha()]
    assert any(set(word) & set("өүңӨҮҢ") for word in broken), broken


def test_an_unbreakable_word_of_the_magazine_never_breaks():
    plain = SetParagraph((Text(KY),), style())
    plain.wrap(150, 10_000)
    hyphenated = {text.split()[-1].rstrip("-") for text in line_texts(plain) if text.endswith("-")}
    protected = sorted(hyphenated)[0]  # a word the hyphenator did break
    whole = [word for word in KY.split() if word.startswith(protected)][0].strip(".,")
    kept = SetParagraph((Text(KY),), style(unbreakable=(whole,)))
    kept.wrap(150, 10_000)
    assert not any(text.endswith("-") and whole.startswith(text.split()[-1].rstrip("-"))
                   for text in line_texts(kept))


def test_soft_hyphens_in_the_manuscript_win_over_the_hyphenator():
    word = "жергилик\u00adтүүлөштүрүлгөн"
    paragraph = SetParagraph((Text(f"{KY} {word} {word} {word} {KY}"),), style())
    paragraph.wrap(160, 10_000)
    for text in line_texts(paragraph):
        if text.endswith("-") and text.split()[-1].startswith("жергил"):
            assert text.split()[-1] == "жергилик-"


def test_a_split_leaves_two_lines_on_each_side_and_no_hyphen_at_the_foot():
    for height_lines in range(1, 14):
        paragraph = SetParagraph((Text(KY),), style())
        paragraph.wrap(160, 10_000)
        total = len(paragraph._lines)
        parts = paragraph.split(160, height_lines * 13 + 1)
        if not parts:
            assert height_lines < 2 or height_lines > total - 2
            continue
        first, second = parts
        first.wrap(160, 10_000)
        second.wrap(160, 10_000)
        assert len(first._lines) >= 2 and len(second._lines) >= 2
        assert not first._lines[-1].hyphenated
        assert len(first._lines) <= height_lines


def test_every_line_but_the_last_is_justified_to_the_measure():
    paragraph = SetParagraph((Text(KY),), style("ky"))
    paragraph.wrap(170, 10_000)
    for number, line in enumerate(paragraph._lines[:-1]):
        _, width, _ = paragraph._placed(line, number)
        assert abs(width - 170) < 0.01


def test_a_paragraph_set_again_at_the_same_width_reuses_its_breaks_and_gets_the_same_lines():
    from munpress.layout.paragraph import MEMO, BreakMemo

    MEMO.clear()
    first = SetParagraph((Text(KY),), style())
    first.wrap(170, 10_000)
    misses, hits = MEMO.misses, MEMO.hits
    again = SetParagraph((Text(KY),), style())  # the next pass builds a new flowable of the same text
    again.wrap(170, 10_000)
    assert (MEMO.misses, MEMO.hits) == (misses, hits + 1)
    assert again._items is first._items and line_texts(again) == line_texts(first)
    narrower = SetParagraph((Text(KY),), style())
    narrower.wrap(150, 10_000)  # another measure is another breaking
    assert MEMO.misses == misses + 1 and line_texts(narrower) != line_texts(first)
    unmemoised = BreakMemo(limit=2)  # a memo that forgets at once breaks the same way
    assert [line for line in unmemoised.lines(first._items, 170 - first.style.firstLineIndent, 170,
                                              False, -1, 0)] == first._lines


def test_a_full_memo_forgets_its_oldest_paragraphs_and_keeps_working():
    from munpress.layout.items import Breaking
    from munpress.layout.paragraph import BreakMemo
    from munpress.layout.items import runs_from_inlines

    memo = BreakMemo(limit=4)
    kept = []
    for count in range(1, 9):
        runs = tuple(runs_from_inlines((Text(KY[: 40 * count]),), style()))
        items = memo.items(runs, Breaking(), 170)
        kept.append(items)
        assert memo.lines(items, 170, 170, False, -1, 0)
    assert len(memo._items) <= 4 and len(memo._keys) == len(memo._items)
    assert all(key[0] in memo._items for key in memo._lines)
