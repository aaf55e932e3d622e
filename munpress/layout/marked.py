"""Marked content that tells a reader what a mark on the page stands for (PDF 1.7 §14.9): a
hyphen added at a line's end copies as a soft hyphen (ActualText), a picture reads as the alt
text the author gave it in Word (Alt). Nothing drawn changes."""

from __future__ import annotations

from contextlib import contextmanager

END = "EMC"


def text_string(text: str) -> str:
    """A PDF text string as hex UTF-16BE with its byte order mark: every script survives, and
    nothing in it needs escaping."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def span(key: str, text: str) -> str:
    """The operator opening a /Span whose property `key` (ActualText, Alt) is `text`."""
    return f"/Span <</{key} {text_string(text)}>> BDC"


SOFT_HYPHEN = span("ActualText", "\u00ad")


@contextmanager
def alt_text(canvas, description: str):
    """What is drawn inside is marked with its alternate description, when it has one."""
    if not description.strip():
        yield
        return
    canvas.addLiteral(span("Alt", description.strip()))
    yield
    canvas.addLiteral(END)
