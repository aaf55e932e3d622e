"""How Word writes a list counter in each w:numFmt, and which glyph a bullet prints as."""

from __future__ import annotations

# Word's russianLower/russianUpper skip ё, й, ъ, ы, ь and repeat the letter after «я» (аа, бб…).
RUSSIAN_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"
LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"
ROMAN_NUMERALS = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)
UNORDERED_FORMATS = frozenset({"bullet", "none"})

# Bullet characters (often Symbol/Wingdings private-use code points) → the glyph printed.
BULLET_GLYPHS = {
    "\uf0b7": "•", "\u00b7": "•", "\u2022": "•", "\uf06c": "•", "\u25cf": "•", "\uf09f": "•",
    "\uf0a8": "•", "\u2219": "•",
    "o": "○", "\uf06f": "○", "\u25cb": "○", "\uf0a1": "○", "\u25e6": "○",
    "\uf0a7": "▪", "\uf06e": "▪", "\u25aa": "▪", "\u25a0": "▪", "\uf0d8": "▪", "\uf076": "▪",
    "\uf071": "▪", "\uf0fc": "▪", "\uf0a4": "▪", "\u25a1": "▪", "\u27a2": "▪", "\uf0e8": "▪",
    "-": "–", "\u2013": "–", "\u2014": "–", "\u2012": "–", "\u2212": "–", "\uf02d": "–",
}


def format_number(number: int, number_format: str) -> str:
    if number_format in UNORDERED_FORMATS:
        return ""
    if number_format in ("lowerRoman", "upperRoman"):
        roman = to_roman(number)
        return roman.upper() if number_format == "upperRoman" else roman
    if number_format in ("lowerLetter", "upperLetter"):
        letters = repeated_letter(number, LATIN_LETTERS)
        return letters.upper() if number_format == "upperLetter" else letters
    if number_format in ("russianLower", "russianUpper"):
        letters = repeated_letter(number, RUSSIAN_LETTERS)
        return letters.upper() if number_format == "russianUpper" else letters
    if number_format == "decimalZero":
        return f"{number:02d}"
    return str(number)  # decimal and every format munpress does not spell out


def to_roman(number: int) -> str:
    if number <= 0:
        return str(number)
    parts: list[str] = []
    for amount, numeral in ROMAN_NUMERALS:
        count, number = divmod(number, amount)
        parts.append(numeral * count)
    return "".join(parts)


def repeated_letter(number: int, alphabet: str) -> str:
    """1 → a, 26 → z, 27 → aa, 28 → bb: Word repeats the letter rather than counting on."""
    if number <= 0:
        return str(number)
    repeat, index = divmod(number - 1, len(alphabet))
    return alphabet[index] * (repeat + 1)


def bullet_glyph(text: str) -> str:
    """The bullet Word shows for a level's w:lvlText."""
    glyph = text.strip()
    if not glyph:
        return ""
    if glyph in BULLET_GLYPHS:
        return BULLET_GLYPHS[glyph]
    if all(is_private_use(character) for character in glyph):
        return "•"
    return glyph


def is_private_use(character: str) -> bool:
    return 0xE000 <= ord(character) <= 0xF8FF
