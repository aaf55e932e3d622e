"""The reader of pandoc's native format used by the agreement test reads what pandoc writes."""

from __future__ import annotations

import pytest

from tests.readers.pandoc_native import (
    Con,
    NativeSyntaxError,
    Record,
    native_words,
    parse_native,
    unescape,
    visible_text,
)


def test_haskell_string_escapes() -> None:
    assert unescape(r"say \"hi\"\n") == 'say "hi"\n'
    assert unescape(r"\1078\1072\&1") == "жа1"  # \& ends a decimal escape before a digit
    assert unescape(r"\8220And\8221") == "\u201cAnd\u201d"
    assert unescape(r"\SOH\SO\&H\DEL\^A\x41\o101\\") == "\x01\x0eH\x7f\x01AA\\"
    assert unescape("a\\   \\b") == "ab"  # a string gap


def test_an_unknown_escape_is_an_error() -> None:
    with pytest.raises(NativeSyntaxError):
        unescape(r"\q")


def test_constructors_lists_tuples_numbers_and_groups() -> None:
    value = parse_native('[Header 2 ("id",["c"],[("k","v")]) [Str "A"], '
                         "OrderedList (1,Decimal,Period) [[Plain []]], Cell (RowSpan 1) (ColWidth 0.5e-1)]")
    assert value == [
        Con("Header", (2, ("id", ["c"], [("k", "v")]), [Con("Str", ("A",))])),
        Con("OrderedList", ((1, Con("Decimal"), Con("Period")), [[Con("Plain", ([],))]])),
        Con("Cell", (Con("RowSpan", (1,)), Con("ColWidth", (0.05,)))),
    ]


def test_the_pretty_printed_form_with_a_record() -> None:
    value = parse_native('Pandoc\n  Meta { unMeta = fromList [] }\n  [ Para\n      [ Str "x"\n      , Space ]\n  ]\n')
    assert value == Con("Pandoc", (Record("Meta", {"unMeta": Con("fromList", ([],))}),
                                   [Con("Para", ([Con("Str", ("x",)), Con("Space")],))]))


def test_negative_numbers_and_trailing_input() -> None:
    assert parse_native("(Foo (-1) 2)") == Con("Foo", (-1, 2))
    with pytest.raises(NativeSyntaxError):
        parse_native("[Str \"a\"] ]")
    with pytest.raises(NativeSyntaxError):
        parse_native("[Str \"a\"")


def test_visible_text_keeps_text_and_drops_attributes_targets_and_formats() -> None:
    source = ('[Para [Str "See",Space,Link ("id",["cls"],[]) [Str "the",SoftBreak,Str "site"] '
              '("https://example.org/hidden","title"),Str ".",LineBreak,Code ("",[],[]) "x=1",'
              'Space,Math InlineMath "E=mc^2",RawInline (Format "html") "<b>raw</b>",'
              'Image ("",[],[]) [Str "alt"] ("media/pic.png","")],'
              'CodeBlock ("",["python"],[]) "print(1)",Header 1 ("hidden-id",[],[]) [Emph [Str "Next"]]]')
    assert native_words(source) == ["see", "the", "site", "x", "1", "e", "mc", "2", "b", "raw", "b",
                                    "alt", "print", "1", "next"]


def test_blocks_are_separated_and_inlines_are_not() -> None:
    assert native_words('[Para [Str "a"],Para [Str "b",Strong [Str "c"]],LineBlock [[Str "d"],[Str "e"]]]') == [
        "a", "bc", "d", "e"]


def test_notes_move_to_the_end_in_order_or_stay_in_place() -> None:
    source = ('[Para [Str "one",Note [Para [Str "first",Note [Para [Str "inner"]]]],Space,Str "two",'
              'Note [Para [Str "second"]]],Para [Str "three"]]')
    assert visible_text(parse_native(source)).split() == ["one", "two", "three", "first", "second", "inner"]
    assert visible_text(parse_native(source), notes_at_end=False).split() == [
        "one", "first", "inner", "two", "second", "three"]
