"""Pull quotes named in issue.toml: each must repeat a sentence the article really has."""

from __future__ import annotations

import re

from munpress.checks.facts import EditionFacts
from munpress.diagnostics import Diagnostic, Severity
from munpress.i18n import _
from munpress.manifest.schema import Manifest
from munpress.model.nodes import block_text

# What typography changes, or an editor types either way: quotes of every kind go, dashes and
# hyphens are one sign, an ellipsis is three dots; spaces (no-break ones too) do not count.
_QUOTES = "\"'«»„“”‟‘’‚‛‹›"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_INVISIBLE = "\u00ad\u200b\u2060\ufeff"
_FOLD = str.maketrans({**{c: None for c in _QUOTES + _INVISIBLE}, **{c: "-" for c in _DASHES}, "…": "..."})
FIRST_WORDS = 6


def comparable(text: str) -> str:
    """The text as the check compares it: no spaces, no quotes, one kind of dash, any case."""
    return re.sub(r"\s+", "", text.translate(_FOLD)).casefold()


def first_words(text: str, count: int = FIRST_WORDS) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def check_pull_quotes(manifest: Manifest, facts: EditionFacts) -> list[Diagnostic]:
    found = []
    for entry in manifest.issue.entries():
        document = facts.documents.get(entry.id)
        if not entry.pull_quotes or document is None:  # not in this edition, or unreadable (told elsewhere)
            continue
        text = comparable(" ".join(block_text(block) for block in document.blocks))
        for number, quote in enumerate(entry.pull_quotes):
            wanted = quote(facts.lang)
            if comparable(wanted) in text:
                continue
            found.append(Diagnostic(
                Severity.WARNING, "article.pull-quote-not-in-text",
                _("pull quote {number} «{words}» is not in the article's text", number=number + 1,
                  words=first_words(wanted)),
                file=f"issues/{manifest.issue.folder.name}/issue.toml", article=entry.id, lang=facts.lang,
                hints=(_("copy the sentence as the manuscript has it into {key}, or correct the manuscript",
                         key="{}.pull_quotes[{}]".format(entry.key_path, number)),),
                data={"pull_quote": number}))
    return found
