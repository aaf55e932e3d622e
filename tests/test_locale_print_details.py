"""The imprint's printing lines in each language: dates as 10.01.2024, a run of 1000 whole,
of 12 000 grouped, with the language's word for copies."""

from __future__ import annotations

import datetime as dt

from munpress.locale import print_details

NBSP = "\u00a0"


def test_kyrgyz_and_russian_printing_lines():
    assert print_details("ky", dt.date(2024, 1, 10), 1000, "«Ала-Тоо Принт»") == (
        ("Басууга кол коюлду", "10.01.2024"), ("Нускасы", f"1000{NBSP}нуска"), ("Басмакана", "«Ала-Тоо Принт»"))
    assert print_details("ru", None, 12000, "") == (("Тираж", f"12{NBSP}000{NBSP}экз."),)


def test_nothing_given_prints_nothing():
    assert print_details("ru", None, None, "") == ()
