"""Issue 147's pages read back as an art director reads them: kerning, letter spacing, the
baseline grid, breaks and furniture (issue 11)."""

from __future__ import annotations

import json
import re

import pdfplumber
import pytest
from pypdf import PdfReader

from munpress.layout.fonts import load_family
from tests.conftest import check_findings, REPO, run_munpress

fontTools = pytest.importorskip("fontTools.ttLib")

LEADING = 13.0


def _kern_table(path) -> dict:
    font = fontTools.TTFont(str(path))
    table = font["kern"].kernTables[0].kernTable
    cmap = font.getBestCmap()
    return {(a, b): value for (a, b), value in table.items()}, cmap


def test_body_text_is_kerned_as_the_fonts_kern_table_says(built_issue):
    family = load_family("PT Serif", REPO / "fonts")
    path = dict(family.files)["regular"]
    table, cmap = _kern_table(path)
    checked = 0
    with pdfplumber.open(built_issue["ky"]) as pdf:
        for page in pdf.pages[4:10]:
            chars = [c for c in page.chars if c["fontname"].endswith("PTSerif-Regular") and abs(c["size"] - 10) < 0.01]
            for left, right in zip(chars, chars[1:]):
                if not (left["text"].isalpha() and right["text"].isalpha()):
                    continue  # letter pairs: HarfBuzz reads GPOS, whose figures may differ from `kern`
                pair = (cmap.get(ord(left["text"])), cmap.get(ord(right["text"])))
                if abs(left["matrix"][5] - right["matrix"][5]) > 0.01 or table.get(pair, 0) > -20:
                    continue
                expected = table[pair] * 10 / 1000  # points at 10 pt: «То», «Р.», «Ау»
                gap = right["x0"] - left["x1"]
                assert expected < 0 and abs(gap - expected) < 0.15, (left["text"] + right["text"], gap, expected)
                checked += 1
    assert checked >= 100


def test_justified_lines_are_letter_spaced_by_at_most_one_percent(built_issue):
    for lang, path in built_issue.items():
        spacing = []
        for page in PdfReader(path).pages[3:-3]:
            stream = page.get_contents().get_data().decode("latin-1")
            spacing += [float(v) for v in re.findall(r"(-?[\d.]+) Tc", stream)]
        assert spacing, lang
        # Tc is per letter in points: 1% of a 10 pt body (captions and headings are not spaced);
        # the PDF scales it by Tz, so it is written up to 1/0.98 larger under a 2% narrowing
        assert max(abs(value) for value in spacing) <= 0.1 / 0.98 + 1e-6, lang
        # glyphs are widened or narrowed by at most 2% (Tz, in percent)
        scaling = [float(v) for page in PdfReader(path).pages[3:-3]
                   for v in re.findall(r"([\d.]+) Tz", page.get_contents().get_data().decode("latin-1"))]
        assert scaling and all(98 - 1e-6 <= value <= 102 + 1e-6 for value in scaling), lang


def test_the_report_measures_the_composition_and_finds_it_in_target():
    result = run_munpress("report", "147", "--json")
    assert result.returncode == 0, result.stderr
    editions = [row for row in json.loads(result.stdout) if row["article"] == "(edition)"]
    assert {row["lang"] for row in editions} == {"ky", "ru"}
    for row in editions:
        assert row["kerned"] > 4000, row  # PT Serif kerns ~10,000 pairs an edition
        assert row["letter_spaced"] <= 0.02, row
        assert row["one_word_titles"] == 0, row
        assert row["stubs"] <= 2, row
        aligned, pages = map(int, row["grid_aligned"].split("/"))
        assert pages >= 10 and aligned >= 0.9 * pages, row


def _baselines(page, low, high):
    top, bottom = float(page.height) - 60, 50
    return sorted({round(c["matrix"][5], 1) for c in page.chars
                   if c["text"].strip() and low <= c["x0"] < high and bottom < c["matrix"][5] < top})


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_the_baselines_of_the_two_columns_line_up_on_nine_pages_in_ten(built_issue, lang):
    aligned = pages = 0
    with pdfplumber.open(built_issue[lang]) as pdf:
        for page in pdf.pages:
            middle = float(page.width) / 2
            across = {round(c["matrix"][5], 1) for c in page.chars
                      if c["text"].strip() and c["x0"] < middle + 4 and c["x1"] > middle - 4}
            left = [y for y in _baselines(page, 0, middle) if y not in across]
            right = [y for y in _baselines(page, middle, float(page.width)) if y not in across]
            if len(left) < 5 or len(right) < 5:
                continue
            pages += 1
            aligned += all(any(abs((r - b + LEADING / 2) % LEADING - LEADING / 2) < 0.5 for b in left)
                           for r in right)
    assert pages >= 10 and aligned >= 0.9 * pages, (aligned, pages)


HEAD_BAND, FOLIO_BAND = 48, 50  # points from the top and bottom edge: above and below the text area


def test_no_running_head_on_the_back_cover_or_a_page_a_rubric_opens(built_issue):
    for lang, path in built_issue.items():
        with pdfplumber.open(path) as pdf:
            heads = {number: "".join(c["text"] for c in page.chars if c["top"] < HEAD_BAND)
                     for number, page in enumerate(pdf.pages, start=1)}
            folios = {number: "".join(c["text"] for c in page.chars if c["bottom"] > float(page.height) - FOLIO_BAND)
                      for number, page in enumerate(pdf.pages, start=1)}
            last = len(pdf.pages)
            assert heads[last] == "" and folios[last] == "", lang  # the back cover
            assert heads[1] == "" and folios[1] == "", lang  # the cover
            assert sum("(147)" in head for head in heads.values()) >= 15, lang  # article pages have heads
            for number, page in enumerate(pdf.pages, start=1):
                bars = [r for r in page.rects if r["top"] < 80 and r["width"] > 100 and r["height"] > 10]
                if bars and 3 < number < last:  # a rubric bar opens the page: it is the page's head
                    assert "(147)" not in heads[number], (lang, number)
                    assert folios[number].strip() == str(number), (lang, number)


def test_the_contents_leaders_stand_in_columns_of_one_pitch(built_issue):
    with pdfplumber.open(built_issue["ru"]) as pdf:
        dots = [c for c in pdf.pages[2].chars if c["text"] == "."]
    by_line: dict[float, list[float]] = {}
    for dot in dots:
        by_line.setdefault(round(dot["top"], 1), []).append(round(dot["x0"], 1))
    leaders = [sorted(xs) for xs in by_line.values() if len(xs) >= 4]
    assert len(leaders) >= 10
    for xs in leaders:  # every line has room for a few dots, all at one pitch, ending at one x
        assert {round(b - a, 1) for a, b in zip(xs, xs[1:])} == {4.5}
        assert xs[-1] == leaders[0][-1]


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_a_contents_title_never_ends_on_one_word_nor_breaks_at_its_own_hyphen(built_issue, lang):
    lines = [line.strip() for line in PdfReader(built_issue[lang]).pages[2].extract_text().splitlines()]
    titles, current = [], []
    for line in lines:  # a title's lines run from a rubric or a page number down to its leaders
        if re.fullmatch(r"\.{4,}", line):
            titles.append(current)
        if re.fullmatch(r"\.{4,}|\d+", line) or line.isupper() or not line:
            current = []
        else:
            current.append(line)
    assert len(titles) >= 12 and sum(len(title) > 1 for title in titles) >= 5, titles
    for title in titles:
        if len(title) > 1:
            assert len(title[-1].split()) >= 2, (lang, title)
        assert not any(re.search(r"\w-$", line) for line in title), (lang, title)


def test_fillers_and_pull_quotes_fill_what_articles_leave_empty():
    result = run_munpress("check", "147", "--json")
    findings = check_findings(result.stdout)
    findings = findings["findings"] if isinstance(findings, dict) else findings
    hollow = [f for f in findings if f["code"] == "layout.hollow-page"]
    assert hollow == [], hollow  # before copyfitting: 12 pages of the two editions
    for finding in hollow:
        assert finding["severity"] == "warning" and "fillers/" in finding["hints"][0]


TOP_MARGIN, BOTTOM_MARGIN = 18 * 72 / 25.4, 20 * 72 / 25.4  # munpress.toml [layout.margins]


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_every_article_page_is_set_down_to_three_quarters_of_its_type_area(built_issue, lang):
    with pdfplumber.open(built_issue[lang]) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            height = float(page.height)
            head = "".join(c["text"] for c in page.chars if c["top"] < HEAD_BAND)
            bar = any(30 < r["top"] < 80 and r["width"] > 100 and r["height"] > 10 for r in page.rects)
            if number <= 3 or number == len(pdf.pages) or ("(147)" not in head and not bar):
                continue  # covers, contents, full-page advertisements: no running head and no rubric bar
            lowest = max([c["bottom"] for c in page.chars if c["bottom"] < height - FOLIO_BAND] +
                         [r["bottom"] for r in page.rects if r["bottom"] < height - FOLIO_BAND] +
                         [i["bottom"] for i in page.images])
            filled = (lowest - TOP_MARGIN) / (height - TOP_MARGIN - BOTTOM_MARGIN)
            assert filled >= 0.75, (lang, number, round(filled, 3))


def test_an_article_running_on_mid_page_is_set_off_by_a_rule_over_its_title(built_issue):
    rules = 0
    for lang, path in built_issue.items():
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages[3:-3]:
                head = "".join(c["text"] for c in page.chars if c["top"] < HEAD_BAND)
                if "(147)" not in head and not any(30 < r["top"] < 80 and r["height"] > 10 for r in page.rects):
                    continue  # a full-page advertisement has rules of its own
                for line in page.lines:
                    if abs(line["top"] - line["bottom"]) > 0.1 or line["width"] < 400 or line["top"] < HEAD_BAND + 10 \
                            or abs(line["linewidth"] - 0.5) > 0.01:  # pull quotes have rules of 1.2 pt
                        continue  # not a rule across the text area (the head rule sits above the text)
                    if any(abs(r["top"] - line["top"]) < 1 or abs(r["bottom"] - line["top"]) < 1 for r in page.rects):
                        continue  # the edge of a box (a filler, a sidebar)
                    below = [c for c in page.chars if 0 < c["top"] - line["top"] < 40]
                    assert below and max(c["size"] for c in below) >= 18, (lang, page.page_number)  # a title
                    rules += 1
    assert rules >= 2
