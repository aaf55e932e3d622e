"""The fix `check` gives for an article off its planned page is right for every edition
(issue 14): a shared `page = 5` where only the Kyrgyz article moved becomes `{ ky = 6, ru = 5 }`."""

from __future__ import annotations

from munpress.checks.toc import page_setting


def test_one_number_when_every_edition_lands_on_the_same_page():
    assert page_setting((("ky", 5), ("ru", 5)), {("a", "ky"): 6, ("a", "ru"): 6}, "a") == "page = 6"


def test_a_table_when_only_one_edition_moved():
    assert page_setting((("ky", 5), ("ru", 5)), {("a", "ky"): 6, ("a", "ru"): 5}, "a") == "page = { ky = 6, ru = 5 }"


def test_an_edition_not_checked_keeps_its_planned_page_and_is_named():
    assert page_setting((("ky", 5), ("ru", 5)), {("a", "ky"): 6}, "a") == \
        "page = { ky = 6, ru = 5 } (ru not checked)"


def test_an_article_in_one_edition_only():
    assert page_setting((("ru", 12),), {("a", "ru"): 14}, "a") == "page = 14"
