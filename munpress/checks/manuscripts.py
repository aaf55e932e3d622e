"""Manuscripts that could not be read, and review marks left in the ones that could."""

from __future__ import annotations

from munpress.checks.facts import EditionFacts
from munpress.diagnostics import Diagnostic, Severity


def check_manuscripts(facts: EditionFacts) -> list[Diagnostic]:
    found = [Diagnostic(Severity.ERROR, "docx.unreadable", why, article=entry_id, lang=facts.lang)
             for entry_id, why in facts.unreadable.items()]
    for entry_id, document in facts.documents.items():
        marks = document.review_marks
        if marks.tracked_changes:
            first = _places(marks.change_places)
            found.append(Diagnostic(
                Severity.ERROR, "docx.tracked-changes",
                f"{marks.tracked_changes} unresolved tracked changes ({marks.insertions} insertions, "
                f"{marks.deletions} deletions, {marks.moves} moves); the build sets them as accepted"
                + (f"; first: {first}" if first else ""),
                article=entry_id, lang=facts.lang, file=document.source,
                hints=("accept or reject the changes in Word (Review → Accept/Reject)",),
                data={"tracked_changes": marks.tracked_changes, "insertions": marks.insertions,
                      "deletions": marks.deletions, "moves": marks.moves,
                      "first_places": [place.paragraph for place in marks.change_places]}))
        if marks.comments:
            first = _places(marks.comment_places)
            found.append(Diagnostic(Severity.WARNING, "docx.comments",
                                    f"{marks.comments} comments left in the manuscript; they are not printed"
                                    + (f"; first: {first}" if first else ""),
                                    article=entry_id, lang=facts.lang, file=document.source,
                                    hints=("resolve and delete the comments in Word",),
                                    data={"comments": marks.comments,
                                          "first_places": [place.paragraph for place in marks.comment_places]}))
    return found


def _places(places) -> str:
    return ", ".join(f"paragraph {place.paragraph}" for place in places[:3] if place.paragraph is not None)


def check_layout(facts: EditionFacts) -> list[Diagnostic]:
    if facts.layout_error is None:
        return []
    code, message, entry_id = facts.layout_error
    return [Diagnostic(Severity.ERROR, code, message, article=entry_id, lang=facts.lang)]
