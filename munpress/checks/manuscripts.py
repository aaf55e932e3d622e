"""Manuscripts that could not be read, and review marks left in the ones that could."""

from __future__ import annotations

from munpress.checks.facts import EditionFacts
from munpress.diagnostics import Diagnostic, Severity
from munpress.i18n import _


def check_manuscripts(facts: EditionFacts) -> list[Diagnostic]:
    found = [Diagnostic(Severity.ERROR, "docx.unreadable", why, article=entry_id, lang=facts.lang)
             for entry_id, why in facts.unreadable.items()]
    for entry_id, document in facts.documents.items():
        marks = document.review_marks
        if marks.tracked_changes:
            first = _places(marks.change_places)
            found.append(Diagnostic(
                Severity.ERROR, "docx.tracked-changes",
                _("{count} unresolved tracked changes ({insertions} insertions, {deletions} deletions, "
                  "{moves} moves); the build sets them as accepted; first: {first}", count=marks.tracked_changes,
                  insertions=marks.insertions, deletions=marks.deletions, moves=marks.moves, first=first) if first else
                _("{count} unresolved tracked changes ({insertions} insertions, {deletions} deletions, "
                  "{moves} moves); the build sets them as accepted", count=marks.tracked_changes,
                  insertions=marks.insertions, deletions=marks.deletions, moves=marks.moves),
                article=entry_id, lang=facts.lang, file=document.source,
                hints=(_("accept or reject the changes in Word (Review → Accept/Reject)"),),
                data={"tracked_changes": marks.tracked_changes, "insertions": marks.insertions,
                      "deletions": marks.deletions, "moves": marks.moves,
                      "first_places": [place.paragraph for place in marks.change_places]}))
        if marks.comments:
            first = _places(marks.comment_places)
            found.append(Diagnostic(Severity.WARNING, "docx.comments",
                                    _("{count} comments left in the manuscript; they are not printed; "
                                      "first: {first}", count=marks.comments, first=first) if first else
                                    _("{count} comments left in the manuscript; they are not printed",
                                      count=marks.comments),
                                    article=entry_id, lang=facts.lang, file=document.source,
                                    hints=(_("resolve and delete the comments in Word"),),
                                    data={"comments": marks.comments,
                                          "first_places": [place.paragraph for place in marks.comment_places]}))
    return found


def _places(places) -> str:
    return ", ".join(_("paragraph {number}", number=place.paragraph) for place in places[:3]
                     if place.paragraph is not None)


def check_layout(facts: EditionFacts) -> list[Diagnostic]:
    if facts.layout_error is None:
        return []
    code, message, entry_id = facts.layout_error
    return [Diagnostic(Severity.ERROR, code, message, article=entry_id, lang=facts.lang)]
