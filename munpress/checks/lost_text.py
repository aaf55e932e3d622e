"""`layout.lost-text`: every word of every manuscript is on the page, in order.

The layout records each line of text as it reaches the PDF (layout/textrecord.py). The words
of the manuscript are looked for in that record in reading order; the lines may hold more
(running heads, folios, note numbers), and a word may be split over a line end by
hyphenation or because it was wider than the column.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace

from munpress.checks.facts import EditionFacts
from munpress.diagnostics import Diagnostic, Severity
from munpress.i18n import _, _n
from munpress.layout.pagemap import NOT_PRINTED
from munpress.model.nodes import Block, Document
from munpress.model.words import SourcedWord, document_words, words

# How far past the last word found the next one may be: a page turn's running head and
# folio, a table's repeated header rows, note numbers.
LOOKAHEAD = 80
# paragraphs the layout may set out of the manuscript's order (layout/floats.py)
FLOATING_ROLES = ("caption", "pullquote")
# words in a row that must match to pick up the manuscript again further on
RESYNC_RUN = 5


def check_lost_text(facts: EditionFacts) -> list[Diagnostic]:
    if facts.page_map is None:
        return []
    found = []
    for entry_id, document in facts.documents.items():
        lines = [line.text for line in facts.page_map.lines_of(entry_id)]
        printed = printed_order(document, facts.titles.get(entry_id), facts.set_aside.get(entry_id, ()))
        expected = document_words(replace(document, blocks=printed))
        blank = {glyph.char.casefold() for glyph in facts.page_map.missing_glyphs if glyph.entry_id == entry_id}
        unprintable = [i for i, item in enumerate(expected) if blank & set(item.word)]
        if blank:
            found.append(_missing_glyphs(facts, entry_id, document, expected, unprintable))
        lost = lost_in_print(replace(document, blocks=printed), lines, blank)
        others = sorted(set(lost) - set(unprintable))
        if others:
            first = expected[others[0]]
            where = first.source.describe() if first.source else document.source
            found.append(Diagnostic(
                Severity.ERROR, "layout.lost-text",
                _("{lost} of {words} words of the manuscript are not in the PDF; the first is «{first}» in {where}",
                  lost=len(others), words=len(expected), first=first.word, where=where),
                article=entry_id, lang=facts.lang, file=document.source,
                hints=(_("this is a munpress bug: send the manuscript to the developers"),),
                data={"lost": len(others), "words": len(expected),
                      "first_lost": [expected[i].word for i in others[:10]]}))
    return found


def lost_in_print(document: Document, lines: Sequence[str], blank: set[str] = frozenset()) -> list[int]:
    """Indexes into `document_words(document)` of the words not on the page. A caption
    travels with its picture, and a pull quote set in the text is placed like one: either
    may wait for the next column (layout/floats.py), so each is looked for on its own, the
    rest in the manuscript's order."""
    words_of = [document_words(replace(document, blocks=(block,))) for block in document.blocks]
    starts = [0]
    for words in words_of:
        starts.append(starts[-1] + len(words))
    floating = [number for number, block in enumerate(document.blocks) if getattr(block, "role", "") in FLOATING_ROLES]
    chosen = set(floating)
    runs = [[n for n in range(len(document.blocks)) if n not in chosen], *([n] for n in floating)]
    lost = []
    for run in runs:
        indexes = [i for n in run for i in range(starts[n], starts[n + 1])]
        words = [word for n in run for word in words_of[n]]  # each block's words, read once
        lost += [indexes[k] for k in lost_printable_words(words, lines, blank)]
    return sorted(lost)


def lost_printable_words(expected: Sequence[SourcedWord], lines: Sequence[str], blank: set[str]) -> list[int]:
    """Lost words, looking for a word with a blank character by the parts of it that print."""
    if not blank:
        return lost_words(expected, lines)
    skeleton, owner = [], []
    for i, item in enumerate(expected):
        if blank & set(item.word):
            pieces = words("".join(NOT_PRINTED if ch in blank else ch for ch in item.word))
        else:
            pieces = [item.word]
        skeleton += [SourcedWord(piece, item.source) for piece in pieces]
        owner += [i] * len(pieces)
    return [owner[k] for k in lost_words(skeleton, lines)]


def _missing_glyphs(facts: EditionFacts, entry_id: str, document: Document,
                    expected: Sequence[SourcedWord], unprintable: list[int]) -> Diagnostic:
    """An error when words cannot be printed; a warning when only signs would be blank."""
    glyphs = [g for g in facts.page_map.missing_glyphs if g.entry_id == entry_id]
    chars = "".join(dict.fromkeys(g.char for g in glyphs))
    fonts = ", ".join(dict.fromkeys(g.font for g in glyphs))
    shown = " ".join(f"«{ch}» U+{ord(ch):04X}" for ch in chars[:6]) + (" …" if len(chars) > 6 else "")
    message = _n("{count} character is not in the fonts ({fonts}) and would print blank: {shown}",
                 "{count} characters are not in the fonts ({fonts}) and would print blank: {shown}",
                 len(chars), fonts=fonts, shown=shown)
    if unprintable:
        first = expected[unprintable[0]]
        where = first.source.describe() if first.source else document.source
        message += "; " + _n("{count} word cannot be printed, the first «{first}» in {where}",
                             "{count} words cannot be printed, the first «{first}» in {where}",
                             len(unprintable), first=first.word, where=where)
    return Diagnostic(
        Severity.ERROR if unprintable else Severity.WARNING, "layout.missing-glyph", message,
        article=entry_id, lang=facts.lang, file=document.source,
        hints=(_("put a font that has these characters in fonts/ and name it in munpress.toml "
                 "{key}, or replace the characters in the manuscript", key="[layout.fonts]"),),
        data={"characters": list(chars), "words": len(unprintable), "fonts": fonts.split(", ")})


def printed_order(document: Document, title: Block | None, set_aside: tuple[Block, ...]) -> tuple[Block, ...]:
    """The manuscript's blocks in the order the issue prints them: its title first."""
    def kept(block: Block) -> bool:
        return not any(block is other for other in set_aside)

    first = (title,) if title is not None and kept(title) else ()
    return first + tuple(block for block in document.blocks if block is not title and kept(block))


def lost_words(expected: Sequence[SourcedWord], lines: Sequence[str]) -> list[int]:
    """Indexes of the expected words that are not found, in order, in the drawn lines."""
    drawn: list[str] = []
    starts: list[bool] = []  # the token begins a line
    ends: list[bool] = []  # the token ends a line
    for line in lines:
        tokens = words(line)
        drawn += tokens
        starts += [True] + [False] * (len(tokens) - 1) if tokens else []
        ends += [False] * (len(tokens) - 1) + [True] if tokens else []
    positions: dict[str, list[int]] = {}
    for k, token in enumerate(drawn):
        positions.setdefault(token, []).append(k)
    lost, cursor = [], 0
    for index, item in enumerate(expected):
        after = _find(item.word, drawn, starts, ends, cursor)
        if after is None:
            after = _resync([e.word for e in expected[index:index + RESYNC_RUN]], drawn, positions, cursor)
        if after is None:
            lost.append(index)
        else:
            cursor = after
    return lost


def _resync(run: list[str], drawn: list[str], positions: dict[str, list[int]], start: int) -> int | None:
    """Past the look-ahead, the word still counts as found where it begins a run of the
    manuscript's next words: the layout put something long before it (a table's repeated
    header, a sidebar). Without this, one misplaced block would count every later word lost."""
    if len(run) < RESYNC_RUN:
        return None
    for k in positions.get(run[0], [])[bisect_left(positions.get(run[0], []), start):]:
        if drawn[k:k + len(run)] == run:
            return k + 1
    return None


def _find(word: str, drawn: list[str], starts: list[bool], ends: list[bool], start: int) -> int | None:
    """The position just after `word` in `drawn` at or past `start`, or None."""
    split_after = None  # where a word broken over a line end would end
    for k in range(start, min(start + LOOKAHEAD, len(drawn))):
        if split_after is not None and k >= split_after:
            break
        if drawn[k] == word:
            return k + 1  # the word whole wins over a split that ends later («1» + «4» is not «14»)
        if split_after is None and ends[k] and word.startswith(drawn[k]):
            split_after = _rest_of_split_word(word[len(drawn[k]):], drawn, starts, ends, k + 1)
    return split_after


def _rest_of_split_word(rest: str, drawn: list[str], starts: list[bool], ends: list[bool],
                        start: int) -> int | None:
    """The rest of a word broken at a line end begins a later line: the next one, or the first
    of the next column or page after its running head and folio."""
    for k in range(start, min(start + LOOKAHEAD, len(drawn))):
        if not starts[k] or not rest.startswith(drawn[k]):
            continue
        if drawn[k] == rest:
            return k + 1
        if ends[k]:  # a word longer than two lines
            after = _rest_of_split_word(rest[len(drawn[k]):], drawn, starts, ends, k + 1)
            if after is not None:
                return after
    return None
