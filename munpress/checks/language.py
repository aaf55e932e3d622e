"""Does a manuscript look like its declared language? Kyrgyz has ң ө ү, Russian has none."""

from __future__ import annotations

from munpress.checks.facts import EditionFacts
from munpress.diagnostics import Diagnostic, Severity
from munpress.model.nodes import block_text

KYRGYZ_LETTERS = frozenset("ҢңӨөҮү")
# A Kyrgyz text this long without one of its own letters is almost surely not Kyrgyz.
LONG_TEXT_LETTERS = 400


def check_language(facts: EditionFacts) -> list[Diagnostic]:
    found = []
    for entry_id, document in facts.documents.items():
        text = "".join(block_text(block) for block in document.blocks)
        kyrgyz = sum(ch in KYRGYZ_LETTERS for ch in text)
        letters = sum(ch.isalpha() for ch in text)
        if facts.lang == "ru" and kyrgyz:
            found.append(Diagnostic(Severity.WARNING, "language.mismatch",
                                    f"the Russian manuscript has {kyrgyz} Kyrgyz letters (ң ө ү): is it the right file?",
                                    article=entry_id, lang="ru", file=document.source))
        elif facts.lang == "ky" and not kyrgyz and letters >= LONG_TEXT_LETTERS:
            found.append(Diagnostic(Severity.WARNING, "language.mismatch",
                                    f"the Kyrgyz manuscript has {letters} letters and none of ң ө ү: is it the Russian text?",
                                    article=entry_id, lang="ky", file=document.source))
    return found
