"""Language data for the editions: babel's calendar names and munpress's own labels.

Labels live in `data/labels/<lang>.toml` (one key set for every language); a missing key
or language is a bug in munpress's data, not the user's input.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from functools import cache
from importlib import resources

from babel.dates import format_date, get_month_names
from babel.numbers import format_decimal

NBSP = "\u00a0"


@cache
def labels(lang: str) -> dict[str, str]:
    text = resources.files("munpress.data.labels").joinpath(f"{lang}.toml").read_text("utf-8")
    return tomllib.loads(text)


def label(lang: str, key: str) -> str:
    return labels(lang)[key]


def month_name(date: dt.date, lang: str) -> str:
    """The stand-alone month name as CLDR gives it for the language, capitalised."""
    name = get_month_names("wide", context="stand-alone", locale=lang)[date.month]
    return name[:1].upper() + name[1:]


def issue_line(lang: str, date: dt.date, number: int, number_in_year: int) -> str:
    """"Январь 2024-ж., № 1 (147) чыгарылышы" / "Январь 2024 г., № 1 (147)"."""
    return _bind(label(lang, "issue_line").format(
        month=month_name(date, lang), year=date.year, number=number, number_in_year=number_in_year
    ))


def running_head(lang: str, title: str, date: dt.date, number: int, number_in_year: int) -> str:
    return _bind(label(lang, "running_head").format(
        title=title.title() if title.isupper() else title,
        year=date.year, number=number, number_in_year=number_in_year,
    ))


def print_details(lang: str, signed: dt.date | None, print_run: int | None,
                  printer: str) -> tuple[tuple[str, str], ...]:
    """The imprint's printing lines, as (label, value), for those the magazine gives."""
    details = []
    if signed is not None:
        details.append((label(lang, "signed_to_print"), format_date(signed, "dd.MM.yyyy", locale=lang)))
    if print_run is not None:  # four digits stay whole (1000), five and more are grouped (12 000)
        copies = format_decimal(print_run, locale=lang) if print_run >= 10_000 else str(print_run)
        details.append((label(lang, "print_run"), f"{copies}{NBSP}{label(lang, 'copies')}"))
    if printer:
        details.append((label(lang, "printer"), printer))
    return tuple(details)


def _bind(line: str) -> str:
    """"№ 1" and "2024 г." never break apart."""
    return line.replace("№ ", "№" + NBSP).replace(" г.", NBSP + "г.")


# BCP 47 tags written into the PDF's /Lang.
LANGUAGE_TAGS = {"ky": "ky-KG", "ru": "ru-RU"}


def language_tag(lang: str) -> str:
    return LANGUAGE_TAGS.get(lang, lang)
