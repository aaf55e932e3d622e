"""Text as it enters the model, from a manuscript or a TOML file: composed (NFC), so that
й and ё typed on a Mac as и + U+0306 and е + U+0308 are the letters the fonts, the hyphenation
and the checks know; and without the invisible characters web copy-paste leaves inside words
(zero-width spaces and joiners, byte-order marks, direction marks), which no font draws; from
a manuscript, also the control characters XML lets through (C1, U+0080–U+009F), never text.
"""

from __future__ import annotations

import re
import unicodedata

# U+200B–U+200D zero-width space, non-joiner and joiner; U+2060 word joiner; U+FEFF byte-order
# mark; U+200E/U+200F and U+202A–U+202E, U+2066–U+2069 direction marks and embeddings
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
# and, in a manuscript's text, control characters but the tab (C0 cannot be in XML, C1 can)
INVISIBLE_OR_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def clean(text: str, *, controls: bool = False) -> str:
    """`controls`: also leave out control characters; a TOML file keeps them, so that a path
    holding one is refused by name rather than changed into another."""
    return unicodedata.normalize("NFC", (INVISIBLE_OR_CONTROL if controls else INVISIBLE).sub("", text))
