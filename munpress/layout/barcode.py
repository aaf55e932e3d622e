"""The periodical barcode: EAN-13 (977 + ISSN) with an EAN-2 add-on for the issue's number.

GS1 gives a serial the prefix 977, then the ISSN's first seven digits (its own check digit
is dropped), a two-digit price/variant code (`00` for a standard issue) and the EAN mod-10
check digit: ISSN 1694-7053 → 977 1694705 00 7. The add-on carries the issue's number in
the year (`01` … `99`).

The bars are drawn here from the standard encoding tables rather than with ReportLab's
widgets: ReportLab has no EAN-2, its widgets print their digits in Helvetica (a base-14
font, never embedded), and drawing both symbols one way keeps their geometry in one place.

Geometry, in modules X (0.33 mm at 100 % magnification), left to right:
11 quiet · 95 EAN-13 · 9 gap · 20 EAN-2 · 5 quiet = 140 modules. The gap is counted from
the main symbol's last bar to the add-on's first bar; it is also the main symbol's right
quiet zone (at least 7). Heights follow GS1's nominal symbol: bars 22.85 mm, guard bars
5 X longer, add-on bars 21.90 mm from the guard bars' foot, its digits above them.
"""

from __future__ import annotations

import re

from reportlab.lib.colors import CMYKColor
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable

BLACK = CMYKColor(0, 0, 0, 1)
WHITE = CMYKColor(0, 0, 0, 0)

# --- encoding tables (GS1 General Specifications §5.2.1.2) ------------------------------
# L (odd parity, left half); R is L with light and dark exchanged; G is R read backwards.
L_CODES = ("0001101", "0011001", "0010011", "0111101", "0100011",
           "0110001", "0101111", "0111011", "0110111", "0001011")
R_CODES = tuple("".join("1" if m == "0" else "0" for m in code) for code in L_CODES)
G_CODES = tuple(code[::-1] for code in R_CODES)
# The first digit of an EAN-13 is not drawn as bars: it sets the L/G parity of digits 2–7.
FIRST_DIGIT_PARITY = ("LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG",
                      "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL")
NORMAL_GUARD, CENTRE_GUARD = "101", "01010"
ADDON_GUARD, ADDON_SEPARATOR = "1011", "01"
# EAN-2: the value mod 4 sets the parity of its two digits.
EAN2_PARITY = ("LL", "LG", "GL", "GG")

ISSN_DIGITS = re.compile(r"^(\d{4})-?(\d{3})([\dX])$")
PRICE_CODE = re.compile(r"^\d{2}$")

# --- geometry, in modules and millimetres at 100 % ---------------------------------------
NOMINAL_MODULE_MM = 0.33
QUIET_LEFT, ADDON_QUIET_RIGHT = 11, 5  # the gap (9–12) is the main symbol's right quiet zone (≥ 7)
MAIN_MODULES, ADDON_MODULES = 95, 20
ADDON_GAP_RANGE = (9, 12)
GUARD_EXTENSION = 5  # modules the guard bars reach below the others
BAR_HEIGHT_MM = 22.85  # the data bars at 100 %
DIGIT_BAND_MM = 3.08  # below the data bars: the human-readable digits
ADDON_BAR_HEIGHT_MM = 21.90
DIGIT_HEIGHT_MM = 2.4  # the figures' height (cap height of the font)
MAGNIFICATION_RANGE = (0.8, 2.0)
BASE14 = frozenset(pdfmetrics.standardFonts)


# --- numbers ------------------------------------------------------------------------------
def _issn_check_digit(first_seven: str) -> str:
    # the same rule as munpress.checks.issn.issn_check_digit (weights 8..2, mod 11, X = 10);
    # layout may not import checks (docs/architecture.md), and a test holds the two equal
    total = sum(int(digit) * weight for digit, weight in zip(first_seven, range(8, 1, -1)))
    value = (11 - total % 11) % 11
    return "X" if value == 10 else str(value)


def ean_check_digit(first_twelve: str) -> str:
    """GS1 mod 10: weights 1, 3, 1, 3 … from the left over twelve digits."""
    if not re.fullmatch(r"\d{12}", first_twelve):
        raise ValueError(f"an EAN-13 check digit needs twelve digits, not {first_twelve!r}")
    total = sum(int(digit) * (3 if i % 2 else 1) for i, digit in enumerate(first_twelve))
    return str((10 - total % 10) % 10)


def issn_ean13(issn: str, price_code: str = "00") -> str:
    """The thirteen digits of a serial's EAN: 977 + the ISSN's first seven digits + the
    price/variant code + the EAN check digit. `issn` is NNNN-NNNC (hyphen optional)."""
    match = ISSN_DIGITS.match(issn.strip().upper()) if isinstance(issn, str) else None
    if not match:
        raise ValueError(f"ISSN {issn!r} is not of the form NNNN-NNNC (e.g. 1694-7053)")
    first_seven, check = match.group(1) + match.group(2), match.group(3)
    expected = _issn_check_digit(first_seven)
    if check != expected:
        raise ValueError(f"ISSN {issn} has check digit {check}, but its digits give {expected}")
    if not isinstance(price_code, str) or not PRICE_CODE.match(price_code):
        raise ValueError(f"the price/variant code must be two digits (e.g. '00'), not {price_code!r}")
    body = "977" + first_seven + price_code
    return body + ean_check_digit(body)


def ean2_addon(number_in_year: int) -> str:
    """The EAN-2 add-on of the issue's number in the year: 1 → '01'. ValueError outside
    1..99, TypeError for anything but an int."""
    if isinstance(number_in_year, bool) or not isinstance(number_in_year, int):
        raise TypeError(f"the issue's number in the year must be a whole number, not {number_in_year!r}")
    if not 1 <= number_in_year <= 99:
        raise ValueError(f"the issue's number in the year must be 1 to 99 for an EAN-2 add-on, "
                         f"not {number_in_year}")
    return f"{number_in_year:02d}"


def ean2_parity(code: str) -> str:
    """'LL', 'LG', 'GL' or 'GG': the sets of the add-on's two digits, from its value mod 4."""
    if not isinstance(code, str) or not re.fullmatch(r"\d{2}", code):
        raise ValueError(f"an EAN-2 add-on is two digits, not {code!r}")
    return EAN2_PARITY[int(code) % 4]


# --- modules ------------------------------------------------------------------------------
def _encode(digit: str, code_set: str) -> str:
    return {"L": L_CODES, "G": G_CODES, "R": R_CODES}[code_set][int(digit)]


def ean13_modules(digits: str) -> str:
    """The 95 modules of an EAN-13 ('1' dark, '0' light), guards included. The check digit
    is verified, not computed: the caller says exactly what is drawn."""
    if not re.fullmatch(r"\d{13}", digits):
        raise ValueError(f"an EAN-13 is thirteen digits, not {digits!r}")
    if ean_check_digit(digits[:12]) != digits[12]:
        raise ValueError(f"EAN-13 {digits} has a wrong check digit")
    parity = FIRST_DIGIT_PARITY[int(digits[0])]
    left = "".join(_encode(d, p) for d, p in zip(digits[1:7], parity))
    right = "".join(_encode(d, "R") for d in digits[7:])
    return NORMAL_GUARD + left + CENTRE_GUARD + right + NORMAL_GUARD


def ean2_modules(code: str) -> str:
    """The 20 modules of an EAN-2 add-on: guard 1011, digit, separator 01, digit."""
    first, second = ean2_parity(code)
    return ADDON_GUARD + _encode(code[0], first) + ADDON_SEPARATOR + _encode(code[1], second)


def _bars(modules: str) -> list[tuple[int, int]]:
    """(first module, width) of each dark bar."""
    return [(m.start(), m.end() - m.start()) for m in re.finditer("1+", modules)]


# --- the flowable -------------------------------------------------------------------------
class IssnBarcode(Flowable):
    """EAN-13 of the ISSN with its EAN-2 issue add-on, «ISSN NNNN-NNNC» above it.

    Its box includes the quiet zones (11 modules left, the gap, 5 after the add-on), so
    placing it anywhere keeps them clear; it paints its box white (`knockout`) so a tinted
    page cannot eat into them. `font_name` must be a registered TrueType font (embedded);
    base-14 fonts are refused.
    """

    def __init__(self, issn: str, number_in_year: int, *, font_name: str, price_code: str = "00",
                 magnification: float = 1.0, addon_gap: int = 9, knockout: bool = True) -> None:
        super().__init__()
        self.digits = issn_ean13(issn, price_code)
        self.issn = issn.strip().upper()
        self.addon = ean2_addon(number_in_year)
        if font_name in BASE14 or not isinstance(_font(font_name), TTFont):
            raise ValueError(f"the barcode's digits need an embedded TrueType font, not {font_name!r}")
        low, high = MAGNIFICATION_RANGE
        if not low <= magnification <= high:
            raise ValueError(f"EAN-13 magnification must be {low:.0%} to {high:.0%}, not {magnification:.0%}")
        if not ADDON_GAP_RANGE[0] <= addon_gap <= ADDON_GAP_RANGE[1]:
            raise ValueError(f"the add-on gap must be {ADDON_GAP_RANGE[0]} to {ADDON_GAP_RANGE[1]} modules, "
                             f"not {addon_gap}")
        self.font_name, self.magnification, self.addon_gap = font_name, magnification, addon_gap
        self.knockout = knockout
        self.main_modules = ean13_modules(self.digits)
        self.addon_modules = ean2_modules(self.addon)

        x = self.module = NOMINAL_MODULE_MM * mm * magnification  # points
        face = _font(font_name).face
        cap_height = (face.capHeight or 700) / 1000
        digit_width = pdfmetrics.stringWidth("0", font_name, 1)
        # figures GS1-high, but never wider than 6 of a digit's 7 modules
        self.font_size = min(DIGIT_HEIGHT_MM * mm * magnification / cap_height, 6 * x / digit_width)
        size = self.font_size

        # horizontal, in points from the box's left edge
        self.main_x = QUIET_LEFT * x
        self.addon_x = self.main_x + (MAIN_MODULES + addon_gap) * x
        self.width = self.addon_x + (ADDON_MODULES + ADDON_QUIET_RIGHT) * x
        # vertical, from the box's foot
        self.digit_baseline = 0.2 * mm * magnification
        self.bar_bottom = DIGIT_BAND_MM * mm * magnification
        self.guard_bottom = self.bar_bottom - GUARD_EXTENSION * x
        self.bar_top = self.bar_bottom + BAR_HEIGHT_MM * mm * magnification
        self.addon_bottom = self.guard_bottom
        self.addon_top = self.addon_bottom + ADDON_BAR_HEIGHT_MM * mm * magnification
        self.addon_baseline = self.addon_top + 0.3 * mm * magnification
        self.issn_text = f"ISSN {self.issn[:4]}-{self.issn[-4:]}"
        self.issn_size = min(size, 0.95 * MAIN_MODULES * x / pdfmetrics.stringWidth(self.issn_text, font_name, 1))
        self.issn_baseline = self.bar_top + 1.0 * mm * magnification
        self.height = max(self.issn_baseline + self.issn_size * cap_height,
                          self.addon_baseline + size * cap_height) + 0.3 * mm * magnification

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        canvas, x = self.canv, self.module
        canvas.saveState()
        if self.knockout:
            canvas.setFillColor(WHITE)
            canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        canvas.setFillColor(BLACK)
        guards = _guard_modules()
        for start, width in _bars(self.main_modules):
            bottom = self.guard_bottom if start in guards else self.bar_bottom
            canvas.rect(self.main_x + start * x, bottom, width * x, self.bar_top - bottom, stroke=0, fill=1)
        for start, width in _bars(self.addon_modules):
            canvas.rect(self.addon_x + start * x, self.addon_bottom, width * x,
                        self.addon_top - self.addon_bottom, stroke=0, fill=1)

        canvas.setFont(self.font_name, self.font_size)
        # the leading digit in the left quiet zone, one module clear of the guard
        canvas.drawRightString(self.main_x - x, self.digit_baseline, self.digits[0])
        for i, digit in enumerate(self.digits[1:]):  # each centred under its 7 modules
            start = 3 + 7 * i + (5 if i >= 6 else 0)
            canvas.drawCentredString(self.main_x + (start + 3.5) * x, self.digit_baseline, digit)
        for i, digit in enumerate(self.addon):  # above the add-on, over its own modules
            start = 4 + 9 * i
            canvas.drawCentredString(self.addon_x + (start + 3.5) * x, self.addon_baseline, digit)
        canvas.setFont(self.font_name, self.issn_size)
        canvas.drawCentredString(self.main_x + MAIN_MODULES * x / 2, self.issn_baseline, self.issn_text)
        canvas.restoreState()


def _guard_modules() -> frozenset[int]:
    """First modules of the bars that reach down: the normal and centre guards."""
    centre = 3 + 42
    return frozenset({0, 2, centre + 1, centre + 3, 92, 94})


def _font(font_name: str):
    try:
        return pdfmetrics.getFont(font_name)
    except KeyError:
        raise ValueError(f"font {font_name!r} is not registered with ReportLab") from None


class CoverBarcode(IssnBarcode):
    """The barcode as the cover prints it, telling the layout's record which digits it drew."""

    def draw(self):
        super().draw()
        recorder = getattr(self.canv, "text_recorder", None)
        if recorder is not None:
            recorder.barcode = (self.digits, self.addon)
