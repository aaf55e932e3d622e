"""Characters from symbol fonts (w:sym, or text in the Symbol font) as plain Unicode.

Word stores a symbol-font character as its font byte, often shifted into the private-use
area (U+F0xx). The Symbol font's bytes have a standard Unicode meaning; a few Wingdings
glyphs have a close one. Anything else stays as it is and the caller warns.
"""

from __future__ import annotations

SYMBOL_FONT = dict(
    zip(
        range(0x20, 0x7F),
        " !∀#∃%&∋()∗+,−./0123456789:;<=>?"
        "≅ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ[∴]⊥_"
        "‾αβχδεφγηιϕκλμνοπθρστυϖωξψζ{|}∼",
    )
)
SYMBOL_FONT.update(
    zip(
        range(0xA0, 0xE6),
        "€ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓°±″≥×∝∂•÷≠≡≈…⏐⎯↵"
        "ℵℑℜ℘⊗⊕∅∩∪⊃⊇⊄⊂⊆∈∉∠∇®©™∏√⋅¬∧∨⇔⇐⇑⇒⇓◊〈®©™∑",
    )
)
SYMBOL_FONT.update({0xF1: "〉", 0xF2: "∫"})

WINGDINGS_FONT = {
    0x6C: "●", 0x6E: "■", 0x6F: "□", 0x71: "❑", 0x76: "❖", 0x9F: "•", 0xA1: "○", 0xA7: "▪",
    0xA8: "◻", 0xD8: "➢", 0xE0: "→", 0xE8: "➔", 0xFB: "✗", 0xFC: "✓", 0xFE: "☑", 0x4A: "☺",
    0x4C: "☹", 0x28: "☎", 0x2A: "✉",
}

FONT_TABLES = {"symbol": SYMBOL_FONT, "wingdings": WINGDINGS_FONT}


def font_byte(code: int) -> int:
    return code - 0xF000 if 0xF000 <= code <= 0xF0FF else code


def symbol_table(font: str | None) -> dict[int, str] | None:
    return FONT_TABLES.get((font or "").strip().casefold())


def is_symbol_font(font: str | None) -> bool:
    return symbol_table(font) is not None


def symbol_character(code: int, font: str | None) -> tuple[str, bool]:
    """(character, mapped): the Unicode for a w:sym; `mapped` is False when it was a guess.

    ValueError when `code` is no character at all (negative, a surrogate, beyond U+10FFFF).
    """
    if not 0 <= code <= 0x10FFFF or 0xD800 <= code <= 0xDFFF:  # chr() would raise OverflowError
        raise ValueError(f"{code:X} is not a Unicode character")
    table = symbol_table(font)
    if table is not None:
        found = table.get(font_byte(code))
        if found is not None:
            return found, True
        return chr(code), False
    if 0xF020 <= code <= 0xF0FF and not is_decorative_font(font):
        return bytes([font_byte(code)]).decode("cp1252", errors="replace"), True
    return chr(code), not (0xE000 <= code <= 0xF8FF)


def is_decorative_font(font: str | None) -> bool:
    name = (font or "").casefold()
    return any(word in name for word in ("wingdings", "webdings", "dingbat", "marlett"))


def map_symbol_text(text: str, font: str | None) -> tuple[str, bool]:
    """Text typed in a symbol font, as Unicode; `mapped` False when some characters were kept."""
    table = symbol_table(font)
    if table is None:
        return text, True
    result: list[str] = []
    complete = True
    for character in text:
        code = ord(character)
        if code >= 0x80 and not 0xF000 <= code <= 0xF0FF:
            result.append(character)  # Cyrillic and the like are set in the run's other fonts
            continue
        found = table.get(font_byte(code))
        complete = complete and found is not None
        result.append(found if found is not None else character)
    return "".join(result), complete
