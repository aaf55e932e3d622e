"""A small EAN-13 + EAN-2 decoder for tests, written apart from munpress.layout.barcode.

It reads one row of pixels (True = dark) the way a scanner reads a scanline: it measures
the runs of dark and light, finds a start guard with a light quiet zone before it, takes
the module width from the symbol's 95-module span, rounds each run to whole modules, and
decodes the digits with the L, G and R tables written out below (not imported from the code
under test). The first digit comes from the L/G parity of digits 2–7 and the check digit is
verified. After the main symbol it looks for the EAN-2 add-on (start guard 01011 — its
light module is the end of the gap —, digit, separator 01, digit) and verifies that its parity pattern matches its value mod 4.
"""

from __future__ import annotations

from dataclasses import dataclass

L = {"0001101": 0, "0011001": 1, "0010011": 2, "0111101": 3, "0100011": 4,
     "0110001": 5, "0101111": 6, "0111011": 7, "0110111": 8, "0001011": 9}
G = {"0100111": 0, "0110011": 1, "0011011": 2, "0100001": 3, "0011101": 4,
     "0111001": 5, "0000101": 6, "0010001": 7, "0001001": 8, "0010111": 9}
R = {"1110010": 0, "1100110": 1, "1101100": 2, "1000010": 3, "1011100": 4,
     "1001110": 5, "1010000": 6, "1000100": 7, "1001000": 8, "1110100": 9}
FIRST_DIGIT = {"LLLLLL": 0, "LLGLGG": 1, "LLGGLG": 2, "LLGGGL": 3, "LGLLGG": 4,
               "LGGLLG": 5, "LGGGLL": 6, "LGLGLG": 7, "LGLGGL": 8, "LGGLGL": 9}
ADDON_PARITY = {"LL": 0, "LG": 1, "GL": 2, "GG": 3}

MAIN_RUNS = 3 + 6 * 4 + 5 + 6 * 4 + 3  # 59 runs in 95 modules
ADDON_RUNS = 3 + 4 + 2 + 4  # guard 1011, digit, separator 01, digit: 13 runs in 20 modules


class DecodeError(ValueError):
    pass


@dataclass(frozen=True)
class Decoded:
    digits: str
    addon: str | None
    module: float  # pixels
    gap: int | None  # light modules between the main symbol's last bar and the add-on's first
    quiet_left: int  # light modules before the start guard (as far as the row shows)


def runs(row: list[bool]) -> list[tuple[bool, int, int]]:
    """(dark, start, width) of each run of equal pixels."""
    out: list[tuple[bool, int, int]] = []
    start = 0
    for i in range(1, len(row) + 1):
        if i == len(row) or row[i] != row[start]:
            out.append((row[start], start, i - start))
            start = i
    return out


def _modules(widths: list[int], module: float, first_dark: bool) -> str:
    bits = []
    dark = first_dark
    for width in widths:
        count = round(width / module)
        if count < 1 or count > 4:
            raise DecodeError(f"a run of {width} px is {width / module:.2f} modules")
        bits.append(("1" if dark else "0") * count)
        dark = not dark
    return "".join(bits)


def _digit(pattern: str, tables: dict[str, dict[str, int]]) -> tuple[int, str]:
    for name, table in tables.items():
        if pattern in table:
            return table[pattern], name
    raise DecodeError(f"{pattern} is not a digit of sets {'/'.join(tables)}")


def _check_digit_ok(digits: str) -> bool:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits[:12]))
    return (10 - total % 10) % 10 == int(digits[12])


def _decode_main(widths: list[int]) -> tuple[str, float]:
    module = sum(widths) / 95
    modules = _modules(widths, module, first_dark=True)
    if len(modules) != 95:
        raise DecodeError(f"the symbol rounds to {len(modules)} modules, not 95")
    if modules[:3] != "101" or modules[45:50] != "01010" or modules[92:] != "101":
        raise DecodeError("guard patterns not found")
    left, parity = "", ""
    for i in range(6):
        value, code_set = _digit(modules[3 + 7 * i:10 + 7 * i], {"L": L, "G": G})
        left += str(value)
        parity += code_set
    right = "".join(str(_digit(modules[50 + 7 * i:57 + 7 * i], {"R": R})[0]) for i in range(6))
    if parity not in FIRST_DIGIT:
        raise DecodeError(f"parity {parity} gives no first digit")
    digits = str(FIRST_DIGIT[parity]) + left + right
    if not _check_digit_ok(digits):
        raise DecodeError(f"check digit failure in {digits}")
    return digits, module


def decode_row(row: list[bool], min_quiet: int = 7) -> Decoded:
    """Decode the first EAN-13 (with its EAN-2 add-on, if any) found in a row of pixels."""
    all_runs = runs(row)
    problems = []
    for i, (dark, start, width) in enumerate(all_runs):
        if not dark or i + MAIN_RUNS > len(all_runs):
            continue
        quiet = all_runs[i - 1][2] if i > 0 else start
        widths = [w for _, _, w in all_runs[i:i + MAIN_RUNS]]
        guard_module = sum(widths[:3]) / 3
        if quiet < min_quiet * guard_module:
            continue
        try:
            digits, module = _decode_main(widths)
        except DecodeError as exc:
            problems.append(str(exc))
            continue
        addon, gap = _find_addon(all_runs[i + MAIN_RUNS:], module)
        return Decoded(digits, addon, module, gap, round(quiet / module))
    raise DecodeError("no EAN-13 in the row" + (f": {'; '.join(problems)}" if problems else ""))


def _find_addon(rest: list[tuple[bool, int, int]], module: float) -> tuple[str | None, int | None]:
    """The EAN-2 after the main symbol: a light gap of 7–12 modules, then 1011, digit, 01,
    digit, then light. None when no add-on follows."""
    if len(rest) < 2 or rest[0][0]:
        return None, None
    gap = round(rest[0][2] / module)
    if gap < 7:
        raise DecodeError(f"only {gap} light modules after the main symbol: its right quiet zone is 7")
    if gap > 12:
        return None, None
    if len(rest) < 1 + ADDON_RUNS:
        raise DecodeError("the add-on is cut short")
    widths = [w for _, _, w in rest[1:1 + ADDON_RUNS]]
    modules = _modules(widths, module, first_dark=True)
    if len(modules) != 20:
        raise DecodeError(f"the add-on rounds to {len(modules)} modules, not 20")
    if modules[:4] != "1011" or modules[11:13] != "01":
        raise DecodeError(f"no add-on guard or separator in {modules}")
    after = rest[1 + ADDON_RUNS] if len(rest) > 1 + ADDON_RUNS else None
    if after is not None and (after[0] or after[2] < 4.5 * module):
        raise DecodeError("no quiet zone after the add-on")
    first, first_set = _digit(modules[4:11], {"L": L, "G": G})
    second, second_set = _digit(modules[13:20], {"L": L, "G": G})
    value = 10 * first + second
    if ADDON_PARITY[first_set + second_set] != value % 4:
        raise DecodeError(f"add-on {value:02d} drawn with parity {first_set + second_set}")
    return f"{value:02d}", gap


def modules_to_row(modules: str, pixels_per_module: float, quiet: int = 11, offset: float = 0.3) -> list[bool]:
    """Sample a module pattern ('1' dark) as a row of pixels at a non-integer scale, with
    `quiet` light modules on each side, the way a rendered image would show it."""
    padded = "0" * quiet + modules + "0" * quiet
    count = int(len(padded) * pixels_per_module)
    return [padded[min(int((p + offset) / pixels_per_module), len(padded) - 1)] == "1" for p in range(count)]
