"""Does a manuscript look like its declared language? Kyrgyz has ң ө ү, Russian has none; a
text too short to be sure of by its letters (an advertisement) is told by its small words."""

from __future__ import annotations

from munpress.checks.facts import EditionFacts
from munpress.diagnostics import Diagnostic, Severity
from munpress.i18n import _, _n
from munpress.model.nodes import block_text

KYRGYZ_LETTERS = frozenset("ҢңӨөҮү")
# A Kyrgyz text this long without one of its own letters is almost surely not Kyrgyz.
LONG_TEXT_LETTERS = 400
# Words each language uses in every few lines and the other never (Kyrgyz has no и, в, на).
RUSSIAN_WORDS = frozenset("и в во на не что с со по для это как из к от о об у за или но же бы при до "
                          "уже все всё его её ее мы вы они".split())
KYRGYZ_WORDS = frozenset("жана менен үчүн бул деп да де боюнча ар бир болуп ал алар биз сиз эмес дагы "
                         "бирок ошондой эле кийин чейин тарабынан".split())
SURE_WORDS = 3  # this many Russian small words, and twice as many as Kyrgyz ones


def check_language(facts: EditionFacts) -> list[Diagnostic]:
    found = []
    for entry_id, document in facts.documents.items():
        text = "".join(block_text(block) for block in document.blocks)
        kyrgyz = sum(ch in KYRGYZ_LETTERS for ch in text)
        letters = sum(ch.isalpha() for ch in text)
        if facts.lang == "ru" and kyrgyz:
            found.append(Diagnostic(Severity.WARNING, "language.mismatch",
                                    _n("the Russian manuscript has {count} Kyrgyz letter (ң ө ү): is it the right file?",
                                       "the Russian manuscript has {count} Kyrgyz letters (ң ө ү): is it the right file?",
                                       kyrgyz),
                                    article=entry_id, lang="ru", file=document.source))
        elif facts.lang == "ky" and not kyrgyz and letters >= LONG_TEXT_LETTERS:
            found.append(Diagnostic(Severity.WARNING, "language.mismatch",
                                    _n("the Kyrgyz manuscript has {count} letter and none of ң ө ү: is it the Russian text?",
                                       "the Kyrgyz manuscript has {count} letters and none of ң ө ү: is it the Russian text?",
                                       letters),
                                    article=entry_id, lang="ky", file=document.source))
        elif facts.lang == "ky" and not kyrgyz and (russian := reads_as_russian(text)):
            found.append(Diagnostic(Severity.WARNING, "language.mismatch",
                                    _("the Kyrgyz manuscript reads as Russian ({words}) and has none of ң ө ү: "
                                      "is it the Russian text?", words=", ".join(f"«{w}»" for w in russian[:4])),
                                    article=entry_id, lang="ky", file=document.source))
    return found


def reads_as_russian(text: str) -> list[str]:
    """The Russian small words of a text that has clearly more of them than Kyrgyz ones."""
    words = [word.strip(".,;:!?«»\"()—–-").casefold() for word in text.split()]
    russian = [word for word in words if word in RUSSIAN_WORDS]
    kyrgyz = sum(word in KYRGYZ_WORDS for word in words)
    return list(dict.fromkeys(russian)) if len(russian) >= SURE_WORDS and len(russian) > 2 * kyrgyz else []
