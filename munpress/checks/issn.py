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
