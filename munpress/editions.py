"""Each edition, read, laid out and drawn once: the work every command shares.

An edition depends on nothing of the other's, so the editions are made in parallel, one
process each (`jobs`), and come back as values the parent checks and writes: the same bytes
as made one after the other. What was made is kept in the magazine's cache (cache.py): an
edition none of whose inputs changed is not made again; after one manuscript changed, the
others are not read again and their paragraphs are not broken again.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import Callable

from munpress import cache, i18n
from munpress.assemble import assemble_edition, assemble_filler, set_aside_blocks, title_block
from munpress.checks import EditionFacts
from munpress.checks.pdfx import preflight_pdfx
from munpress.diagnostics import Diagnostic, InputError, LayoutFailure, Sink
from munpress.i18n import _, _n
from munpress.layout import layout_edition
from munpress.layout.fonts import magazine_font_files
from munpress.layout.paragraph import MEMO
from munpress.layout.variant import make_variant
from munpress.locale import label
from munpress.manifest.schema import Manifest
from munpress.model.edition import Filler, FrontMatter
from munpress.model.nodes import Document
from munpress.output.pdfx import PressProfile, finish_pdf, press_profile
from munpress.readers import read_manuscript
from munpress.selection import Selection
from munpress.typography.normalize import normalize_document, normalize_text

Progress = Callable[[str], None]


def _quiet(message: str) -> None:
    """Where progress goes when nobody watches."""


@dataclass(frozen=True)
class PreparedEdition:
    facts: EditionFacts
    read_errors: dict[str, InputError] = field(default_factory=dict)
    layout_failure: LayoutFailure | None = None
    findings: tuple[Diagnostic, ...] = ()  # what reading and laying out the edition reported
    pdfs: dict[str, bytes] = field(default_factory=dict)  # variant -> the finished PDF
    print_findings: tuple[Diagnostic, ...] = ()  # the PDF/X preflight of pdfs["print"], as build names it

    @property
    def lang(self) -> str:
        return self.facts.lang


def prepare_editions(manifest: Manifest, languages: list[str], *, typography: bool = True,
                     variants: tuple[str, ...] = (), progress: Progress = _quiet,
                     jobs: int | None = None) -> list[PreparedEdition]:
    """Every edition in `languages`, in that order, with its PDFs in `variants`."""
    work = partial(prepare_edition, manifest, typography=typography, variants=variants)
    workers = min(len(languages), jobs or default_jobs())
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [work(lang, progress=progress) for lang in languages]
    progress(_("{languages}: reading and laying out, {count} at once", languages=", ".join(languages),
               count=workers))
    # fork: a worker starts with munpress imported and the messages' language chosen
    with multiprocessing.get_context("fork").Pool(workers, initializer=_worker_signals) as pool:
        return pool.map_async(partial(_and_kept, work), languages).get()  # a Ctrl-C here ends the pool at once


def _and_kept(work, lang: str) -> PreparedEdition:
    """In a worker: the edition, and its cache entries written before the worker ends."""
    prepared = work(lang)
    cache.flush()
    return prepared


def default_jobs() -> int:
    """MUNPRESS_JOBS, else the cores this process may use."""
    wanted = os.environ.get("MUNPRESS_JOBS", "").strip()
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _worker_signals() -> None:
    # the parent decides about a Ctrl-C or SIGTERM and ends the workers; a worker that died
    # of one first would leave its task unanswered
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def prepare_edition(manifest: Manifest, lang: str, *, typography: bool = True, variants: tuple[str, ...] = (),
                    progress: Progress = _quiet) -> PreparedEdition:
    """Read, set by the language's typography rules (unless turned off), assemble, lay out,
    and draw each variant; from the cache where nothing it depends on changed."""
    store = cache.Cache(manifest.magazine.root)
    edition_key = _edition_key(manifest, lang, typography) if store.active else None
    prepared = store.get("edition", edition_key) if edition_key else None
    if prepared is None:
        prepared, laid_out = _lay_out_edition(manifest, lang, typography, progress, store, variants)
        # a file saved while the edition was made: what was made is not what the key says
        if edition_key and not prepared.read_errors and _edition_key(manifest, lang, typography) == edition_key:
            store.put("edition", edition_key, prepared, later=True)
    else:
        laid_out = None
        progress(_("{lang}: unchanged since the last run, taken from {folder}", lang=lang, folder=cache.FOLDER))
    if prepared.read_errors or prepared.layout_failure or not variants:
        return prepared
    slugs = {name: proof_slug(manifest, prepared.facts) if name == "proof" else ("", ()) for name in variants}
    keys = {name: cache.key(edition_key, name, slugs[name], document_date(manifest)) if edition_key else None
            for name in variants}
    pdfs = {name: store.get("pdf", keys[name]) if keys[name] else None for name in variants}
    missing = tuple(name for name in variants if pdfs[name] is None)
    if missing and (laid_out is None or any(laid_out.slugs.get(name) != slugs[name] for name in missing)):
        # the facts came from the cache and these variants did not (or a proof's minute passed)
        laid_out = _lay_out_edition(manifest, lang, typography, _quiet, store, missing)[1]
    for name in missing:
        progress(_("{lang}: setting the {variant} PDF", lang=lang, variant=name))
        pdfs[name] = _finished(manifest, laid_out.pdfs[name], name)
        if keys[name]:
            store.put("pdf", keys[name], pdfs[name], later=True)
    # on this edition's core, where the print PDF was made
    found = print_preflight(manifest, pdfs["print"], lang, pdf_name(manifest, lang, "print")) if "print" in pdfs else []
    return replace(prepared, pdfs=pdfs, print_findings=tuple(found))


def pdf_name(manifest: Manifest, lang: str, variant: str, selection: Selection = Selection()) -> str:
    """`…-ky-proof.pdf`; some pages of it: `…-ky-proof-03-land-qa.pdf`, `…-ky-proof-pages-4-6.pdf`."""
    chosen = f"-{selection.suffix()}" if selection else ""
    return f"{manifest.magazine.slug}-{manifest.issue.number}-{lang}-{variant}{chosen}.pdf"


def print_preflight(manifest: Manifest, pdf: bytes, lang: str, shown: str) -> list[Diagnostic]:
    """The PDF/X preflight of a print PDF (checks/pdfx.py), once per PDF's bytes."""
    store = cache.Cache(manifest.magazine.root)
    standard = manifest.magazine.print.standard
    entry = cache.key("preflight", hashlib.sha256(pdf).digest(), standard, lang, shown, i18n.language())
    found = store.get("preflight", entry)
    if found is None:
        found = preflight_pdfx(pdf, standard, lang, shown)
        store.put("preflight", entry, found, later=True)
    return list(found)


def _first_variant(variants: tuple[str, ...]) -> str:
    """The variant the edition is laid out in for its facts (the others are drawn from the
    same layout): screen, else a proof (its watermark and slug are left out of the record,
    so the facts are the same), never print (its pictures are recorded in the press's CMYK)."""
    return "proof" if "proof" in variants and "screen" not in variants else "screen"


@dataclass(frozen=True)
class _LaidOut:
    """An edition laid out once: its raw PDF in each variant drawn, and the proof's slug."""

    pdfs: dict[str, bytes]
    slugs: dict[str, tuple]


def _lay_out_edition(manifest: Manifest, lang: str, typography: bool, progress: Progress,
                     store: cache.Cache, variants: tuple[str, ...] = ()) -> tuple[PreparedEdition, _LaidOut | None]:
    """Read and lay out the edition once, drawn in every one of `variants` (in screen at
    least: what the checks read comes from the first variant, `_first_variant`)."""
    sink = Sink()
    progress(_("{lang}: reading the manuscripts", lang=lang))
    documents, errors = _read_manuscripts(manifest, lang, sink, typography, store)
    fillers, filler_errors = _read_fillers(manifest, lang, sink, typography, store)
    errors.update(filler_errors)
    if errors:
        unreadable = {entry_id: error.one_line() for entry_id, error in errors.items()}
        return PreparedEdition(EditionFacts(lang, documents, unreadable), errors, None, tuple(sink.items)), None
    polish = partial(normalize_text, lang=lang) if typography else _unchanged
    edition = assemble_edition(manifest, documents, lang, sink, polish, fillers)
    entries = [entry for entry in manifest.issue.entries() if entry.id in documents]
    set_aside = {entry.id: set_aside_blocks(entry, documents[entry.id]) for entry in entries}
    titles = {entry.id: block for entry in entries if (block := title_block(documents[entry.id])) is not None}
    magazine = manifest.magazine
    progress(_n("{lang}: laying out {count} entry", "{lang}: laying out {count} entries",
                sum(len(r.entries) for r in edition.rubrics), lang=lang))
    breaks_key = _load_breaks(manifest, lang, store)
    first = _first_variant(variants)
    drawn = (first, *(name for name in variants if name != first))
    slugs = {name: _slug(manifest, lang, documents, edition.front) if name == "proof" else ("", ()) for name in drawn}
    looks = [_variant(manifest, name, slugs[name]) for name in drawn]
    try:
        laid_out = layout_edition(edition, magazine.layout, magazine.root / "fonts", sink,
                                  magazine.typography.unbreakable, looks[0], tuple(looks[1:]))
    except LayoutFailure as failure:
        facts = EditionFacts(lang, documents, layout_error=(failure.code, failure.message, failure.article))
        return PreparedEdition(facts, {}, failure, tuple(sink.items)), None
    if breaks_key:  # the articles with nothing broken anew: their entries on disk hold it all
        used = MEMO.used()
        for article in MEMO.changed & used.keys():
            store.put("breaks", cache.key(breaks_key, article), used[article], later=True)
        MEMO.held.add(breaks_key)
    fonts = tuple((family.family, face, flags) for family in laid_out.fonts for face, flags in family.embedding)
    facts = EditionFacts(lang, documents, page_map=laid_out.page_map, titles=titles, set_aside=set_aside,
                         front=edition.front, fonts=fonts)
    pdfs = {first: laid_out.pdf, **laid_out.also}
    return PreparedEdition(facts, findings=tuple(sink.items)), _LaidOut(pdfs, slugs)


def _load_breaks(manifest: Manifest, lang: str, store: cache.Cache) -> str | None:
    """The edition's paragraph breaks from the cache into MEMO, an entry per article (unless
    this process holds them already), and their key; None when they cannot be kept (a font
    taken out while we looked)."""
    magazine = manifest.magazine
    MEMO.begin()
    try:
        key = cache.key("breaks", lang, magazine.layout, magazine.typography.unbreakable, _font_files(manifest))
    except OSError:
        return None
    if store.active and key not in MEMO.held:
        articles = [None, *(entry.id for entry in manifest.issue.entries() if entry.in_edition(lang))]
        for article in articles:
            if (known := store.get("breaks", cache.key(key, article))) is not None:
                MEMO.load(known)
    return key


def _edition_key(manifest: Manifest, lang: str, typography: bool) -> str | None:
    """Everything an edition is made from, or None when a file cannot be read (the build
    will say which, uncached)."""
    magazine, issue = manifest.magazine, manifest.issue
    sources = [entry.manuscript(lang) for entry in issue.entries() if entry.in_edition(lang)]
    sources += [filler.manuscript(lang) for filler in magazine.fillers if filler.in_edition(lang)]
    profile = magazine.print.profile
    try:
        files = [(str(path), cache.file_digest(path)) for path in
                 [magazine.root / "munpress.toml", issue.folder / "issue.toml", *sources,
                  *([profile] if profile else [])]]
        fonts = _font_files(manifest)
    except OSError:
        return None
    return cache.key("edition", lang, typography, i18n.language(), files, fonts,
                     os.environ.get("SOURCE_DATE_EPOCH", ""))


def _font_files(manifest: Manifest) -> list[tuple[str, int, int]]:
    """The magazine's own fonts, by name, size and time: a font dropped in changes widths."""
    return [(path.name, path.stat().st_size, path.stat().st_mtime_ns)
            for path in magazine_font_files(manifest.magazine.root / "fonts")]


def _read_manuscripts(manifest: Manifest, lang: str, sink: Sink, typography: bool,
                      store: cache.Cache | None = None):
    store = store or cache.Cache(manifest.magazine.root, active=False)
    documents: dict[str, Document] = {}
    errors: dict[str, InputError] = {}
    for entry in manifest.issue.entries():
        if not entry.in_edition(lang):
            continue
        path = entry.manuscript(lang)
        try:
            documents[entry.id] = _read(manifest, path, lang, entry.id, typography, sink, store)
        except InputError as error:
            errors[entry.id] = _located(error, path, manifest.magazine.root)
    return documents, errors


def _read_fillers(manifest: Manifest, lang: str, sink: Sink, typography: bool, store: cache.Cache | None = None):
    """The magazine's fillers in this language, read and set like manuscripts; an unreadable
    one is an error like an unreadable manuscript, under the key 'filler <id>'."""
    store = store or cache.Cache(manifest.magazine.root, active=False)
    fillers: list[Filler] = []
    errors: dict[str, InputError] = {}
    root = manifest.magazine.root
    for filler in manifest.magazine.fillers:
        if not filler.in_edition(lang):
            continue
        name, path = f"filler {filler.id}", filler.manuscript(lang)
        try:
            document = _read(manifest, path, lang, name, typography, sink, store)
            source = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
            fillers.append(assemble_filler(filler, document, source))
        except InputError as error:
            errors[name] = _located(error, path, root)
    return tuple(fillers), errors


def _read(manifest: Manifest, path: Path, lang: str, article: str, typography: bool, sink: Sink,
          store: cache.Cache) -> Document:
    """One manuscript as the model, set by the typography rules, with what its reading found;
    from the cache when the file's bytes are the ones read before."""
    styles = manifest.magazine.styles

    def entry_key(digest: str) -> str:
        return cache.key("manuscript", str(path), digest, lang, article, typography, styles, i18n.language())

    try:
        known = store.get("manuscript", entry_key(cache.file_digest(path))) if store.active else None
    except OSError:
        known = None  # the reader says what is wrong with the file
    if known is not None:
        document, findings = known
    else:
        reading = Sink()
        document = read_manuscript(path, lang=lang, sink=reading, extra_styles=styles, article=article)
        document = normalize_document(document, lang) if typography else document
        findings = [finding if finding.lang else replace(finding, lang=lang) for finding in reading.items]
        store.put("manuscript", entry_key(document.sha256), (document, findings), later=True)  # the bytes it read
    sink.extend(findings)  # readers know the file; the edition is known here
    return document


def _located(error: InputError, path: Path, root: Path) -> InputError:
    """A reader names the file only; the line should say where it sits in the magazine."""
    where = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    if error.file is None and where not in error.message:
        error.message = error.message.replace(path.name, where, 1)
    return error


def _unchanged(text: str) -> str:
    return text


def _variant(manifest: Manifest, name: str, slug: tuple[str, tuple]):
    press = load_press_profile(manifest) if name == "print" else None
    return make_variant(name, bleed_mm=manifest.magazine.layout.bleed_mm, slug=slug[0], slug_hashes=slug[1],
                        press_profile=press.data if press else None)


def _finished(manifest: Manifest, pdf: bytes, name: str) -> bytes:
    """Dates and metadata; for print, PDF/X with the press's output intent."""
    print_variant = name == "print"
    return finish_pdf(pdf, document_date(manifest), standard=manifest.magazine.print.standard if print_variant else None,
                      profile=load_press_profile(manifest) if print_variant else None)


def load_press_profile(manifest: Manifest) -> PressProfile:
    settings = manifest.magazine.print
    return press_profile(settings.profile, settings.condition)


def proof_slug(manifest: Manifest, facts: EditionFacts) -> tuple[str, tuple[tuple[str, str], ...]]:
    return _slug(manifest, facts.lang, facts.documents, facts.front)


def _slug(manifest: Manifest, lang: str, documents: dict[str, Document],
          front: FrontMatter) -> tuple[str, tuple[tuple[str, str], ...]]:
    """What a proof says of itself: issue, edition, build time; and, by entry, a hash of its
    manuscript as it was read for this build (a file saved since does not change what the
    proof says), which each page prints for the articles on it."""
    hashes = tuple((entry.id, f"{entry.id.split('-')[0]}:{documents[entry.id].sha256[:8]}")
                   for entry in manifest.issue.entries() if entry.id in documents)
    stamp = build_time().strftime("%Y-%m-%d %H:%M UTC")
    return f"{label(lang, 'proof')} · {front.issue_line} · {lang} · {stamp}", hashes


def source_date_epoch() -> datetime | None:
    """SOURCE_DATE_EPOCH, the reproducible-builds convention, when it is set to a number."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.fromtimestamp(int(epoch), timezone.utc) if epoch.isdigit() else None


def build_time() -> datetime:
    """Now, or SOURCE_DATE_EPOCH when set: a rebuild of the same inputs gives the same bytes."""
    return source_date_epoch() or datetime.now(timezone.utc)


def document_date(manifest: Manifest) -> datetime:
    """The PDFs' date: the day the issue was signed to print; else SOURCE_DATE_EPOCH; else the
    issue's date. Never the clock's."""
    issue = manifest.issue
    if issue.signed_to_print is None and (epoch := source_date_epoch()) is not None:
        return epoch
    day = issue.signed_to_print or issue.date
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
