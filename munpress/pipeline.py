"""The whole run, top to bottom: load → read → assemble → lay out → write → check.

One function per command. Each returns values; the CLI renders them and sets the exit code.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from functools import partial
from pathlib import Path

from munpress.assemble import assemble_edition, assemble_filler, set_aside_blocks, title_block
from munpress.checks import (
    EditionFacts,
    PlacementRow,
    TypographyRow,
    placement_rows,
    real_pages,
    run_checks,
    typography_rows,
)
from munpress.checks.pdfx import preflight_pdfx
from munpress.checks.typography import WORST_LINES
from munpress.diagnostics import Diagnostic, InputError, LayoutFailure, Severity, Sink
from munpress.i18n import _, _n
from munpress.layout import LaidOutEdition, layout_edition
from munpress.layout.fonts import load_family, magazine_font_files
from munpress.layout.variant import DEFAULT_VARIANTS, make_variant
from munpress.locale import label
from munpress.manifest import load_magazine, load_manifest
from munpress.manifest.edit import PageChange, write_planned_pages
from munpress.manifest.schema import Manifest
from munpress.model.edition import Edition, Filler
from munpress.model.nodes import Document
from munpress.output import write_pdf, write_pdfs
from munpress.output.flatplan import flatplan_name, render_flatplan
from munpress.output.pdfx import PressProfile, finish_pdf, press_profile
from munpress.output.excerpt import excerpt_pdf
from munpress.readers import read_manuscript
from munpress.selection import Selection, select
from munpress.typography.normalize import normalize_document, normalize_text


@dataclass(frozen=True)
class BuildResult:
    paths: list[Path]
    diagnostics: list[Diagnostic]
    page_counts: dict[str, int]


@dataclass(frozen=True)
class CheckReport:
    diagnostics: list[Diagnostic]
    placements: list[PlacementRow]
    typography: list[TypographyRow]
    articles: int  # entries checked, read or not
    entry_keys: dict[str, str] = field(default_factory=dict)  # article id -> its key path in issue.toml

    def real_pages(self) -> list[tuple[str, str, dict[str, int | None]]]:
        """(article, title, real page per language), in the order issue.toml lists them."""
        return real_pages(self.placements)


@dataclass(frozen=True)
class _Edition:
    facts: EditionFacts
    laid_out: LaidOutEdition | None
    read_errors: dict[str, InputError]
    layout_failure: LayoutFailure | None
    edition: Edition | None = None  # assembled, to be laid out again for another variant


# Findings that mean the PDF would not print every word: build writes nothing.
STOPS_THE_BUILD = ("layout.lost-text", "layout.missing-glyph")


def select_languages(manifest: Manifest, wanted: list[str] | None) -> list[str]:
    languages = list(manifest.issue.languages)
    for lang in wanted or []:
        if lang not in languages:
            raise InputError(_("the issue has no {lang} edition (it has {languages})", lang=repr(lang),
                               languages=", ".join(languages)),
                             file=str(manifest.issue.folder / "issue.toml"), code="usage.language",
                             hint=_use_lang(languages))
    return [lang for lang in languages if not wanted or lang in wanted]


def _use_lang(languages: list[str]) -> str:
    """The hint "use --lang ky or --lang ru": the options are values, the sentence one message."""
    options = [f"--lang {lang}" for lang in languages]
    if len(options) == 1:
        return _("use {option}", option=options[0])
    return _("use {options} or {last}", options=", ".join(options[:-1]), last=options[-1])


def _read_manuscripts(manifest: Manifest, lang: str, sink: Sink, typography: bool):
    documents: dict[str, Document] = {}
    errors: dict[str, InputError] = {}
    for entry in manifest.issue.entries():
        if not entry.in_edition(lang):
            continue
        reading = Sink()
        path = entry.manuscript(lang)
        try:
            document = read_manuscript(path, lang=lang, sink=reading,
                                       extra_styles=manifest.magazine.styles, article=entry.id)
            documents[entry.id] = normalize_document(document, lang) if typography else document
        except InputError as error:
            errors[entry.id] = _located(error, path, manifest.magazine.root)
        for finding in reading.items:  # readers know the file; the edition is known here
            sink.report(finding if finding.lang else replace(finding, lang=lang))
    return documents, errors


def _read_fillers(manifest: Manifest, lang: str, sink: Sink, typography: bool):
    """The magazine's fillers in this language, read and set like manuscripts; an unreadable
    one is an error like an unreadable manuscript, under the key 'filler <id>'."""
    fillers: list[Filler] = []
    errors: dict[str, InputError] = {}
    root = manifest.magazine.root
    for filler in manifest.magazine.fillers:
        if not filler.in_edition(lang):
            continue
        reading, name, path = Sink(), f"filler {filler.id}", filler.manuscript(lang)
        try:
            document = read_manuscript(path, lang=lang, sink=reading, extra_styles=manifest.magazine.styles,
                                       article=name)
            document = normalize_document(document, lang) if typography else document
            source = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
            fillers.append(assemble_filler(filler, document, source))
        except InputError as error:
            errors[name] = _located(error, path, root)
        for finding in reading.items:
            sink.report(finding if finding.lang else replace(finding, lang=lang))
    return tuple(fillers), errors


def _located(error: InputError, path: Path, root: Path) -> InputError:
    """A reader names the file only; the line should say where it sits in the magazine."""
    where = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    if error.file is None and where not in error.message:
        error.message = error.message.replace(path.name, where, 1)
    return error


def _quiet(message: str) -> None:
    """Where progress goes when nobody watches."""


Progress = Callable[[str], None]


def _prepare_edition(manifest: Manifest, lang: str, sink: Sink, typography: bool = True,
                     progress: Progress = _quiet) -> _Edition:
    """Read, set by the language's typography rules (unless turned off), assemble, lay out."""
    progress(_("{lang}: reading the manuscripts", lang=lang))
    documents, errors = _read_manuscripts(manifest, lang, sink, typography)
    fillers, filler_errors = _read_fillers(manifest, lang, sink, typography)
    errors.update(filler_errors)
    unreadable = {entry_id: error.one_line() for entry_id, error in errors.items()}
    if errors:
        return _Edition(EditionFacts(lang, documents, unreadable), None, errors, None)
    polish = partial(normalize_text, lang=lang) if typography else _unchanged
    edition = assemble_edition(manifest, documents, lang, sink, polish, fillers)
    entries = [entry for entry in manifest.issue.entries() if entry.id in documents]
    set_aside = {entry.id: set_aside_blocks(entry, documents[entry.id]) for entry in entries}
    titles = {entry.id: block for entry in entries if (block := title_block(documents[entry.id])) is not None}
    magazine = manifest.magazine
    progress(_n("{lang}: laying out {count} entry", "{lang}: laying out {count} entries",
                sum(len(r.entries) for r in edition.rubrics), lang=lang))
    try:
        laid_out = layout_edition(edition, magazine.layout, magazine.root / "fonts", sink,
                                  magazine.typography.unbreakable)
    except LayoutFailure as failure:
        facts = EditionFacts(lang, documents, layout_error=(failure.code, failure.message, failure.article))
        return _Edition(facts, None, {}, failure)
    fonts = tuple((family.family, face, flags) for family in laid_out.fonts for face, flags in family.embedding)
    facts = EditionFacts(lang, documents, page_map=laid_out.page_map, titles=titles, set_aside=set_aside,
                         front=edition.front, fonts=fonts)
    return _Edition(facts, laid_out, {}, None, edition)


def pdf_name(manifest: Manifest, lang: str, variant: str, selection: Selection = Selection()) -> str:
    """`…-ky-proof.pdf`; some pages of it: `…-ky-proof-03-land-qa.pdf`, `…-ky-proof-pages-4-6.pdf`."""
    chosen = f"-{selection.suffix()}" if selection else ""
    return f"{manifest.magazine.slug}-{manifest.issue.number}-{lang}-{variant}{chosen}.pdf"


def source_date_epoch() -> datetime | None:
    """SOURCE_DATE_EPOCH, the reproducible-builds convention, when it is set to a number."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.fromtimestamp(int(epoch), timezone.utc) if epoch.isdigit() else None


def build_time() -> datetime:
    """Now, or SOURCE_DATE_EPOCH when set: a rebuild of the same inputs gives the same bytes."""
    return source_date_epoch() or datetime.now(timezone.utc)


def proof_slug(manifest: Manifest, edition: Edition,
               documents: dict[str, Document]) -> tuple[str, tuple[tuple[str, str], ...]]:
    """What a proof says of itself: issue, edition, build time; and, by entry, a hash of its
    manuscript as it was read for this build (a file saved since does not change what the
    proof says), which each page prints for the articles on it."""
    hashes = tuple((entry.id, f"{entry.id.split('-')[0]}:{documents[entry.id].sha256[:8]}")
                   for entry in manifest.issue.entries() if entry.id in documents)
    stamp = build_time().strftime("%Y-%m-%d %H:%M UTC")
    return f"{label(edition.lang, 'proof')} · {edition.front.issue_line} · {edition.lang} · {stamp}", hashes


def _variant_pdf(manifest: Manifest, prepared: _Edition, name: str, press: PressProfile) -> bytes:
    magazine = manifest.magazine
    if name == "screen":
        laid_out = prepared.laid_out.pdf  # the edition was laid out as screen for the checks
    else:
        slug, hashes = proof_slug(manifest, prepared.edition, prepared.facts.documents) if name == "proof" else ("", ())
        variant = make_variant(name, bleed_mm=magazine.layout.bleed_mm, slug=slug, slug_hashes=hashes,
                               press_profile=press.data if name == "print" else None)
        laid_out = layout_edition(prepared.edition, magazine.layout, magazine.root / "fonts", Sink(),
                                  magazine.typography.unbreakable, variant).pdf
    standard = magazine.print.standard if name == "print" else None
    return finish_pdf(laid_out, document_date(manifest), standard=standard, profile=press)


def document_date(manifest: Manifest) -> datetime:
    """The PDFs' date: the day the issue was signed to print; else SOURCE_DATE_EPOCH; else the
    issue's date. Never the clock's."""
    issue = manifest.issue
    if issue.signed_to_print is None and (epoch := source_date_epoch()) is not None:
        return epoch
    day = issue.signed_to_print or issue.date
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)


def load_press_profile(manifest: Manifest) -> PressProfile:
    settings = manifest.magazine.print
    return press_profile(settings.profile, settings.condition)


def _unchanged(text: str) -> str:
    return text


def _stop_on_unreadable(editions: list[_Edition], number: int) -> None:
    """The first unreadable manuscript is the line; it says how many more there are."""
    errors = [error for edition in editions for error in edition.read_errors.values()]
    if errors:
        first = errors[0]
        if len(errors) > 1:
            command = f"munpress check {number}"
            more = _n("{count} more manuscript cannot be read either: {command} lists them all",
                      "{count} more manuscripts cannot be read either: {command} lists them all",
                      len(errors) - 1, command=command)
            first.hint = f"{first.hint}; {more}" if first.hint else more
        raise first
    for edition in editions:
        if edition.layout_failure:
            raise edition.layout_failure


def build_issue(root: Path, issue: str, languages: list[str] | None, out_dir: Path | None,
                sink: Sink, typography: bool = True,
                variants: tuple[str, ...] = DEFAULT_VARIANTS, progress: Progress = _quiet,
                articles: tuple[str, ...] = (), pages: tuple[int, ...] = ()) -> BuildResult:
    """Lay out every edition first; write the PDFs only when all of them could be set.
    `articles` (entry ids) and `pages` (folios): write only those pages of each edition, laid
    out whole, to files named for them (selection.py); an edition with none of them, none."""
    manifest = load_manifest(root, issue)
    chosen = select_languages(manifest, languages)
    selection = select(manifest, chosen, articles, pages)
    editions = [_prepare_edition(manifest, lang, sink, typography, progress) for lang in chosen]
    _stop_on_unreadable(editions, manifest.issue.number)
    excerpts = {e.facts.lang: selection.pages_in(e.facts.page_map, e.facts.lang)  # a page past the end: stop
                for e in editions} if selection else {}
    diagnostics = sink.items + run_checks(manifest, [e.facts for e in editions])
    for finding in diagnostics:  # a PDF missing words of a manuscript must not reach anyone
        if finding.code in STOPS_THE_BUILD and finding.severity is Severity.ERROR:
            raise LayoutFailure(finding.message, code=finding.code, article=finding.article,
                                hint=finding.hints[0] if finding.hints else None)
    target = out_dir or root / "build" / str(manifest.issue.number)
    press = load_press_profile(manifest)
    pdfs = {}
    for prepared in editions:
        if selection and not excerpts[prepared.facts.lang]:
            continue  # none of the chosen articles is printed in this edition
        for name in variants:
            progress(_("{lang}: setting the {variant} PDF", lang=prepared.facts.lang, variant=name))
            pdf = _variant_pdf(manifest, prepared, name, press)
            if selection:
                pdf = excerpt_pdf(pdf, excerpts[prepared.facts.lang],
                                  manifest.magazine.print.standard if name == "print" else None)
            written = pdf_name(manifest, prepared.facts.lang, name, selection)
            if name == "print":
                diagnostics += preflight_pdfx(pdf, manifest.magazine.print.standard, prepared.facts.lang, written)
            pdfs[written] = pdf
    progress(_("writing"))
    paths = write_pdfs({target / name: pdf for name, pdf in pdfs.items()})  # all written, then all renamed
    return BuildResult(paths, diagnostics, {e.facts.lang: e.facts.page_map.page_count for e in editions})


def check_issue(root: Path, issue: str, languages: list[str] | None, sink: Sink,
                typography: bool = True, progress: Progress = _quiet, laid_out: bool = False,
                worst_lines: int = WORST_LINES) -> CheckReport:
    """Everything `build` does but writing: findings for the editors, and where articles land.
    `laid_out`: refuse, as build does, an issue that cannot be laid out (for toc and report,
    whose tables would otherwise come out empty). `worst_lines`: how many of each edition's
    loosest lines its typography row points at."""
    manifest = load_manifest(root, issue)
    chosen = select_languages(manifest, languages)
    editions = [_prepare_edition(manifest, lang, sink, typography, progress) for lang in chosen]
    if laid_out:
        _stop_on_unreadable(editions, manifest.issue.number)
    facts = [edition.facts for edition in editions]
    rows = [row for edition in facts for row in placement_rows(manifest, edition)]
    typography = [row for edition in facts for row in typography_rows(edition, worst_lines)]
    articles = sum(any(entry.in_edition(lang) for lang in chosen) for entry in manifest.issue.entries())
    preflight = [finding for lang in chosen for finding in _written_print_preflight(manifest, root, lang)]
    return CheckReport(sink.items + run_checks(manifest, facts) + preflight, rows, typography, articles,
                       {entry.id: entry.key_path for entry in manifest.issue.entries()})


def _written_print_preflight(manifest: Manifest, root: Path, lang: str) -> list[Diagnostic]:
    """The print PDF last built into build/<issue>/, read back as the print house will."""
    path = root / "build" / str(manifest.issue.number) / pdf_name(manifest, lang, "print")
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return [Diagnostic(Severity.INFO, "preflight.no-print-pdf",
                           _("{file} is not built yet: the PDF/X preflight reads it once {command} has made it",
                             file=shown, command="munpress build"), lang=lang, file=shown)]
    except OSError as error:
        return [Diagnostic(Severity.WARNING, "preflight.no-print-pdf",
                           _("{file} cannot be read: {reason}", file=shown, reason=error.strerror),
                           lang=lang, file=shown)]
    return preflight_pdfx(data, manifest.magazine.print.standard, lang, shown)


def write_real_pages(root: Path, issue: str, languages: list[str] | None, sink: Sink,
                     typography: bool = True, progress: Progress = _quiet) -> list[PageChange]:
    """Set the planned pages in issue.toml to where the articles really start: the editors
    accept the layout. Nothing is written unless every chosen edition could be laid out."""
    manifest = load_manifest(root, issue)
    editions = [_prepare_edition(manifest, lang, sink, typography, progress)
                for lang in select_languages(manifest, languages)]
    _stop_on_unreadable(editions, manifest.issue.number)
    actual = {}
    for entry in manifest.issue.entries():
        pages = {edition.facts.lang: placement.page for edition in editions
                 for placement in edition.facts.page_map.placements if placement.entry_id == entry.id}
        actual[entry.key_path] = (entry.id, pages, tuple(lang for lang, _manuscript in entry.manuscripts))
    progress(_("writing {file}", file="issue.toml"))
    return write_planned_pages(manifest.issue.folder, actual)


def flatplan_issue(root: Path, issue: str, languages: list[str] | None, out_dir: Path | None,
                   sink: Sink, fmt: str = "pdf") -> list[Path]:
    """One sheet per edition with every page as a thumbnail: what the editors pin on the wall."""
    manifest = load_manifest(root, issue)
    target = out_dir or root / "build" / str(manifest.issue.number)
    paths = []
    for lang in select_languages(manifest, languages):
        prepared = _prepare_edition(manifest, lang, sink)
        _stop_on_unreadable([prepared], manifest.issue.number)
        front, pages = prepared.edition.front, prepared.laid_out.page_map.page_count
        title = f"{front.title} — {front.issue_line} — {lang} — {pages}".replace("\u00a0", " ")
        planned = {entry.id: page for entry in manifest.issue.entries()
                   if (page := entry.planned_page(lang)) is not None}
        sheet = render_flatplan(prepared.laid_out.pdf, prepared.laid_out.page_map, title=title, lang=lang,
                                font_dir=manifest.magazine.root / "fonts", fmt=fmt, planned=planned)
        name = flatplan_name(manifest.magazine.slug, manifest.issue.number, lang, fmt)
        paths.append(write_pdf(sheet, target / name))
    return paths


@dataclass(frozen=True)
class FontRow:
    role: str
    family: str
    origin: str
    files: tuple[Path, ...]
    missing: tuple[str, ...]  # letters of the magazine's languages the regular face lacks


# Every letter and sign the two editions need: both alphabets, Kyrgyz ң ө ү, quotes, dashes, №.
NEEDED = ("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
          "ҢңӨөҮү«»„“—–№…\u00a0\u2011")


def font_report(root: Path) -> list[FontRow]:
    """The fonts the magazine sets with, per role: their origin, files and missing letters."""
    magazine = load_magazine(root)
    rows = []
    for role in ("body", "heading"):
        family = load_family(getattr(magazine.layout.fonts, role), magazine.root / "fonts")
        missing = tuple(ch for ch in NEEDED if ord(ch) not in family.coverage)
        rows.append(FontRow(role, family.family, family.origin, tuple(path for _face, path in family.files), missing))
    return rows


def watched_files(root: Path, issue: str) -> dict[Path, float]:
    """What a proof depends on, with modification times: the two TOML files, the manuscripts,
    the fillers and the magazine's own fonts (a font dropped into fonts/ is used at once)."""
    folder = root / "issues" / str(issue)
    fonts = magazine_font_files(root / "fonts")
    manuscripts = [path for path in [*sorted((folder / "manuscripts").rglob("*.docx")),
                                     *sorted((root / "fillers").rglob("*.docx"))]
                   if not path.name.startswith("~$")]  # Word's lock file of an open document
    times = {}
    for path in [root / "munpress.toml", folder / "issue.toml", *manuscripts, *fonts]:
        try:
            times[path] = path.stat().st_mtime_ns
        except OSError:  # gone while we looked (an editor's program saving): the next look sees it
            continue
    return times
