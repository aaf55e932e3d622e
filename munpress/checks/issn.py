"""The ISSN: eight characters NNNN-NNNC, the last a mod-11 check digit (X stands for 10)."""

from __future__ import annotations

import re

from munpress.diagnostics import Diagnostic, Severity
from munpress.i18n import _

ISSN_FORMAT = re.compile(r"^\d{4}-\d{3}[\dX]$")


def issn_check_digit(first_seven: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first_seven, range(8, 1, -1)))
    value = (11 - total % 11) % 11
    return "X" if value == 10 else str(value)


def check_issn(issn: str) -> list[Diagnostic]:
    if not ISSN_FORMAT.match(issn):
        return [Diagnostic(Severity.ERROR, "issn.format",
                           _("ISSN {issn} is not of the form {form}", issn=repr(issn), form="NNNN-NNNC"),
                           file="munpress.toml",
                           hints=(_("write it as eight characters with a hyphen, e.g. {example}", example="1694-7053"),))]
    digits = issn.replace("-", "")
    expected = issn_check_digit(digits[:7])
    if digits[7] != expected:
        return [Diagnostic(Severity.ERROR, "issn.check-digit",
                           _("ISSN {issn} has check digit {digit}, but its digits give {expected}",
                             issn=issn, digit=digits[7], expected=expected),
                           file="munpress.toml", hints=(_("copy the ISSN again from the ISSN centre's record"),))]
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
        return [Diagnostic(Severity.ERROR, "issn.no-barcode", _("the cover carries no ISSN barcode"), lang=lang)]
    if not ISSN_FORMAT.match(issn):
        return []  # check_issn says what is wrong
    expected = (issn_ean13(issn), f"{number_in_year:02d}")
    if barcode != expected:
        return [Diagnostic(Severity.ERROR, "issn.barcode",
                           _("the cover barcode reads {drawn}, but ISSN {issn} and issue {number} of the year "
                             "give {expected}", drawn=" ".join(barcode), issn=issn, number=number_in_year,
                             expected=" ".join(expected)), lang=lang,
                           data={"drawn": list(barcode), "expected": list(expected)})]
    return []
