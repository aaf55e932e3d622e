"""Running heads: a rubric too long for the head is cut short and reported; a section's
running_head prints in full instead, while the contents and bookmarks keep the whole title."""

from __future__ import annotations

import json

import pypdf
import pytest

from munpress.checks.running_heads import page_ranges
from tests.conftest import check_findings, run_munpress

COALITION = '"\\"КРДА ЖӨБДҮ ӨНҮКТҮРҮҮ ҮЧҮН\\" КОАЛИЦИЯСЫНЫН ЖАҢЫЛЫКТАРЫ"'
LONG = "«КРДА ЖӨБДҮ ӨНҮКТҮРҮҮ ҮЧҮН» КОАЛИЦИЯСЫНЫН ЖЕРГИЛИКТҮҮ ӨЗ АЛДЫНЧА БАШКАРУУ БОЮНЧА ЖАҢЫЛЫКТАРЫ"
SHORT = "КОАЛИЦИЯНЫН ЖАҢЫЛЫКТАРЫ"


def lengthen_the_coalition_rubric(magazine, running_head: str | None = None) -> None:
    manifest = magazine / "issues/147/issue.toml"
    text = manifest.read_text("utf-8")
    assert text.count(f"title = {{ ky = {COALITION}") == 1
    long_toml = LONG.replace("«", '\\"').replace("»", '\\"')
    new = f'title = {{ ky = "{long_toml}"'
    text = text.replace(f"title = {{ ky = {COALITION}", new)
    if running_head:
        line_end = text.index("\n", text.index(new))
        text = text[:line_end] + f'\nrunning_head = {{ ky = "{running_head}", ru = "НОВОСТИ КОАЛИЦИИ" }}' + text[line_end:]
    manifest.write_text(text, "utf-8")


def findings(magazine) -> list[dict]:
    result = run_munpress("check", "147", "--lang", "ky", "--json", "--root", str(magazine))
    return check_findings(plain(result.stdout))


def plain(text: str) -> str:
    """The typography rules tie short words to the next with a no-break space."""
    return text.replace("\u00a0", " ").replace("\n", " ")


def build_ky(magazine, out) -> pypdf.PdfReader:
    result = run_munpress("build", "147", "--lang", "ky", "--variant", "screen", "--root", str(magazine),
                          "--out", str(out))
    assert result.returncode == 0, result.stderr
    return pypdf.PdfReader(out / "municipalitet-147-ky-screen.pdf")


def test_a_rubric_too_long_for_the_running_head_is_cut_short_and_reported(magazine_copy, tmp_path):
    lengthen_the_coalition_rubric(magazine_copy)
    pdf = build_ky(magazine_copy, tmp_path)
    cut = [f for f in findings(magazine_copy) if f["code"] == "layout.running-head-shortened"]
    assert len(cut) == 1 and cut[0]["severity"] == "warning" and cut[0]["lang"] == "ky"
    assert cut[0]["rubric"] == LONG and "running_head" in cut[0]["hints"][0]
    for number in cut[0]["pages"]:  # what the finding says is what the page shows
        text = plain(pdf.pages[number - 1].extract_text())
        assert "…" in text and LONG not in text
    assert page_ranges(cut[0]["pages"]) in cut[0]["message"]


def test_a_sections_running_head_prints_whole_and_the_title_stays_elsewhere(magazine_copy, tmp_path):
    lengthen_the_coalition_rubric(magazine_copy, running_head=SHORT)
    pdf = build_ky(magazine_copy, tmp_path)
    assert not [f for f in findings(magazine_copy) if f["code"] == "layout.running-head-shortened"]
    pages = [page.extract_text() for page in pdf.pages]
    headed = [number for number, text in enumerate(pages, 1) if SHORT in text]
    assert len(headed) >= 5  # the rubric runs over several pages, each headed with the short form
    assert all("…" not in pages[n - 1].splitlines()[0] for n in headed)
    assert LONG in plain(" ".join(pages[:4]))  # the contents keep the title
    assert LONG in [plain(item.title) for item in pdf.outline if not isinstance(item, list)]  # and the bookmarks


def test_new_keeps_a_sections_running_head(magazine_copy):
    lengthen_the_coalition_rubric(magazine_copy, running_head=SHORT)
    assert run_munpress("new", "148", "--root", str(magazine_copy)).returncode == 0
    assert f'running_head = {{ ky = "{SHORT}"' in (magazine_copy / "issues/148/issue.toml").read_text("utf-8")


@pytest.mark.parametrize(("numbers", "said"), [
    ([7], "page 7"), ([5, 6, 7], "pages 5–7"), ([5, 6, 8, 10, 11], "pages 5–6, 8, 10–11"),
])
def test_page_ranges(numbers, said):
    assert page_ranges(numbers) == said
