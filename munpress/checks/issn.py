"""The ISSN: eight characters NNNN-NNNC, the last a mod-11 check digit (X stands for 10)."""

from __future__ import annotations

import re

from munpress.diagnostics import Diagnostic, Severity

ISSN_FORMAT = re.compile(r"^\d{4}-\d{3}[\dX]$")


def issn_check_digit(first_seven: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first_seven, range(8, 1, -1)))
    value = (11 - total % 11) % 11
    return "X" if value == 10 else str(value)


def check_issn(issn: str) -> list[Diagnostic]:
    if not ISSN_FORMAT.match(issn):
        return [Diagnostic(Severity.ERROR, "issn.format", f"ISSN {issn!r} is not of the form NNNN-NNNC",
                           file="munpress.toml", hints=("write it as eight characters with a hyphen, e.g. 1694-7053",))]
    digits = issn.replace("-", "")
    expected = issn_check_digit(digits[:7])
    if digits[7] != expected:
        return [Diagnostic(Severity.ERROR, "issn.check-digit",
                           f"ISSN {issn} has check digit {digits[7]}, but its digits give {expected}",
                           file="munpress.toml", hints=("copy the ISSN again from the ISSN centre's record",))]
    return []


def issn_ean13(issn: str, price_code: str = "00") -> str:
    """The periodical EAN-13 an ISSN gives (977 + seven digits + price code + check digit),
    computed here apart from the layout's barcode so that the check can catch it."""
    body = "977" + issn.replace("-", "")[:7] + price_code
    total = sum(int(digit) * (3 if index % 2 else 1) for index, digit in enumerate(body))
    return body + str((10 - total % 10) % 10)


def check_barcode(issn: str, number_in_year: int, barcode: tuple[str, str] | None,
                  lang: str) -> list[Diagnostic]:
    """The cover's barcode agrees with the ISSN and the issue's number in the year."""
    if barcode is None:
        return [Diagnostic(Severity.ERROR, "issn.no-barcode", "the cover carries no ISSN barcode", lang=lang)]
    if not ISSN_FORMAT.match(issn):
        return []  # check_issn says what is wrong
    expected = (issn_ean13(issn), f"{number_in_year:02d}")
    if barcode != expected:
        return [Diagnostic(Severity.ERROR, "issn.barcode",
                           f"the cover barcode reads {barcode[0]} {barcode[1]}, but ISSN {issn} and issue "
                           f"{number_in_year} of the year give {expected[0]} {expected[1]}", lang=lang,
                           data={"drawn": list(barcode), "expected": list(expected)})]
    return []
