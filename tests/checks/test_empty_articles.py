"""An article whose manuscript holds no text (an empty file, a title alone) is an error: most
likely the wrong file was saved or sent. A picture alone is content, and so is not."""

from __future__ import annotations

import io
import json

import docx
import pytest
from docx.shared import Mm
from PIL import Image

from tests.conftest import check_findings, run_munpress

ARTICLE = "issues/147/manuscripts/ky/05-apricot-brand.docx"


def empty(document) -> None:
    pass


def title_only(document) -> None:
    document.add_paragraph("Өрүктүн бренди", style="Title")


def picture_only(document) -> None:
    document.add_paragraph("Өрүктүн бренди", style="Title")
    picture = io.BytesIO()
    Image.new("RGB", (600, 400), "orange").save(picture, format="PNG")
    picture.seek(0)
    document.add_picture(picture, width=Mm(60))


def findings(magazine) -> list[dict]:
    result = run_munpress("check", "147", "--lang", "ky", "--json", "--root", str(magazine))
    return check_findings(result.stdout)


@pytest.mark.parametrize(("write", "is_empty"), [
    pytest.param(empty, True, id="empty"),
    pytest.param(title_only, True, id="title-only"),
    pytest.param(picture_only, False, id="picture-only"),
])
def test_a_manuscript_without_text_is_an_error_naming_the_article(magazine_copy, write, is_empty):
    document = docx.Document()
    write(document)
    document.save(str(magazine_copy / ARTICLE))
    found = [f for f in findings(magazine_copy) if f["code"] == "article.empty"]
    if not is_empty:
        assert found == []
        return
    assert len(found) == 1
    assert (found[0]["severity"], found[0]["article"], found[0]["lang"]) == ("error", "05-apricot-brand", "ky")
    assert found[0]["file"] == "05-apricot-brand.docx" and "remove the article" in found[0]["hints"][0]


def test_the_sample_issue_has_no_empty_article():
    assert not [f for f in check_findings(run_munpress("check", "147", "--json").stdout) if f["code"] == "article.empty"]
