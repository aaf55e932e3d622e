"""The whole run, top to bottom: load → read → assemble → lay out → write → check.

One function per command. Each returns values; the CLI renders them and sets the exit code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from munpress import cache
from munpress.checks import (
    PlacementRow,
    TypographyRow,
    placement_rows,
    real_pages,
    run_checks,
    typography_rows,
)
from munpress.checks.typography import WORST_LINES
from munpress.diagnostics import Diagnostic, InputError, LayoutFailure, Severity, Sink
from munpress.editions import PreparedEdition, Progress, _quiet, pdf_name, prepare_editions, print_preflight
from munpress.i18n import _, _n
from munpress.layout.fonts import load_family, magazine_font_files
from munpress.layout.variant import DEFAULT_VARIANTS
from munpress.manifest import load_magazine, load_manifest
from munpress.manifest.schema import Manifest
from munpress.output import write_pdf, write_pdfs
from munpress.output.excerpt import excerpt_pdf
from munpress.selection import select

if TYPE_CHECKING:  # imported where used: tomlkit and pypdfium2 only for toc --write and flatplan
    from munpress.manifest.edit import PageChange


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


def _stop_on_unreadable(editions: list[PreparedEdition], number: int) -> None:
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


def _prepared(manifest: Manifest, languages: list[str], sink: Sink, typography: bool, progress: Progress,
              variants: tuple[str, ...] = ()) -> list[PreparedEdition]:
    editions = prepare_editions(manifest, languages, typography=typography, variants=variants, progress=progress)
    for edition in editions:  # in the editions' order, as if made one after the other
        sink.extend(list(edition.findings))
    return editions


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
    editions = _prepared(manifest, chosen, sink, typography, progress, variants)
    _stop_on_unreadable(editions, manifest.issue.number)
    excerpts = {e.lang: selection.pages_in(e.facts.page_map, e.lang)  # a page past the end: stop
                for e in editions} if selection else {}
    diagnostics = sink.items + run_checks(manifest, [e.facts for e in editions])
    for finding in diagnostics:  # a PDF missing words of a manuscript must not reach anyone
        if finding.code in STOPS_THE_BUILD and finding.severity is Severity.ERROR:
            raise LayoutFailure(finding.message, code=finding.code, article=finding.article,
                                hint=finding.hints[0] if finding.hints else None)
    target = out_dir or root / "build" / str(manifest.issue.number)
    pdfs = {}
    for prepared in editions:
        if selection and not excerpts[prepared.lang]:
            continue  # none of the chosen articles is printed in this edition
        for name in variants:
            pdf = prepared.pdfs[name]
            if selection:
                pdf = excerpt_pdf(pdf, excerpts[prepared.lang],
                                  manifest.magazine.print.standard if name == "print" else None)
            written = pdf_name(manifest, prepared.lang, name, selection)
            if name == "print":  # the whole edition's was made with it; some pages are another PDF
                diagnostics += print_preflight(manifest, pdf, prepared.lang, written) if selection \
                    else list(prepared.print_findings)
            pdfs[written] = pdf
    progress(_("writing"))
    paths = write_pdfs({target / name: pdf for name, pdf in pdfs.items()})  # all written, then all renamed
    cache.flush()
    return BuildResult(paths, diagnostics, {e.lang: e.facts.page_map.page_count for e in editions})


def check_issue(root: Path, issue: str, languages: list[str] | None, sink: Sink,
                typography: bool = True, progress: Progress = _quiet, laid_out: bool = False,
                worst_lines: int = WORST_LINES) -> CheckReport:
    """Everything `build` does but writing: findings for the editors, and where articles land.
    `laid_out`: refuse, as build does, an issue that cannot be laid out (for toc and report,
    whose tables would otherwise come out empty). `worst_lines`: how many of each edition's
    loosest lines its typography row points at."""
    manifest = load_manifest(root, issue)
    chosen = select_languages(manifest, languages)
    editions = _prepared(manifest, chosen, sink, typography, progress)
    if laid_out:
        _stop_on_unreadable(editions, manifest.issue.number)
    facts = [edition.facts for edition in editions]
    rows = [row for edition in facts for row in placement_rows(manifest, edition)]
    typography = [row for edition in facts for row in typography_rows(edition, worst_lines)]
    articles = sum(any(entry.in_edition(lang) for lang in chosen) for entry in manifest.issue.entries())
    preflight = [finding for lang in chosen for finding in _written_print_preflight(manifest, root, lang)]
    cache.flush()
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
    return print_preflight(manifest, data, lang, shown)


def write_real_pages(root: Path, issue: str, languages: list[str] | None, sink: Sink,
                     typography: bool = True, progress: Progress = _quiet) -> list[PageChange]:
    """Set the planned pages in issue.toml to where the articles really start: the editors
    accept the layout. Nothing is written unless every chosen edition could be laid out."""
    from munpress.manifest.edit import write_planned_pages

    manifest = load_manifest(root, issue)
    editions = _prepared(manifest, select_languages(manifest, languages), sink, typography, progress)
    _stop_on_unreadable(editions, manifest.issue.number)
    actual = {}
    for entry in manifest.issue.entries():
        pages = {edition.facts.lang: placement.page for edition in editions
                 for placement in edition.facts.page_map.placements if placement.entry_id == entry.id}
        actual[entry.key_path] = (entry.id, pages, tuple(lang for lang, _manuscript in entry.manuscripts))
    progress(_("writing {file}", file="issue.toml"))
    changes = write_planned_pages(manifest.issue.folder, actual)
    cache.flush()
    return changes


def flatplan_issue(root: Path, issue: str, languages: list[str] | None, out_dir: Path | None,
                   sink: Sink, fmt: str = "pdf") -> list[Path]:
    """One sheet per edition with every page as a thumbnail: what the editors pin on the wall."""
    from munpress.output.flatplan import flatplan_name, render_flatplan

    manifest = load_manifest(root, issue)
    target = out_dir or root / "build" / str(manifest.issue.number)
    paths = []
    editions = _prepared(manifest, select_languages(manifest, languages), sink, True, _quiet, ("screen",))
    _stop_on_unreadable(editions, manifest.issue.number)
    for prepared in editions:
        lang, page_map = prepared.lang, prepared.facts.page_map
        front, pages = prepared.facts.front, page_map.page_count
        title = f"{front.title} — {front.issue_line} — {lang} — {pages}".replace("\u00a0", " ")
        planned = {entry.id: page for entry in manifest.issue.entries()
                   if (page := entry.planned_page(lang)) is not None}
        sheet = render_flatplan(prepared.pdfs["screen"], page_map, title=title, lang=lang,
                                font_dir=manifest.magazine.root / "fonts", fmt=fmt, planned=planned)
        name = flatplan_name(manifest.magazine.slug, manifest.issue.number, lang, fmt)
        paths.append(write_pdf(sheet, target / name))
    cache.flush()  # every command writes what it kept once its own files are written
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


def editions_of(root: Path, issue: str, changed: set[Path], languages: list[str] | None) -> list[str] | None:
    """The editions a change to `changed` files touches, for `watch` to rebuild only those:
    a manuscript is in the editions that set it; anything else (the TOML files, a font) is in
    all of them. None: all, and the manifest is read again by the build that says why not."""
    try:
        manifest = load_manifest(root, issue)
        chosen = select_languages(manifest, languages)
    except InputError:
        return None
    sets = {(lang, source.manuscript(lang).resolve()) for lang in chosen
            for source in [*manifest.issue.entries(), *manifest.magazine.fillers] if source.in_edition(lang)}
    touched: set[str] = set()
    for path in changed:
        langs = [lang for lang in chosen if (lang, path.resolve()) in sets]
        if not langs and path.suffix.lower() == ".docx":
            continue  # a manuscript none of these editions sets (yet): nothing they print changes
        touched.update(langs or chosen)
    return [lang for lang in chosen if lang in touched]
