"""The command line: parses options, calls one pipeline function, renders the result.

Exit codes: 0 fine (warnings allowed), 1 the check found errors (or text would be lost),
2 unusable input or usage (one line, no traceback), 130 interrupted, 70 a bug in munpress,
74 the output cannot be written, 141 the output's reader went away (a closed pipe).
"""

from __future__ import annotations

import errno
import json
import os
import re
import sys
import time
import tomllib
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Optional

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.segment import Segment
from rich.table import Table

from munpress import __version__, cache, i18n
from munpress.diagnostics import Diagnostic, MunpressError, Severity, Sink
from munpress.i18n import N_, _, _n
from munpress.manifest import find_root, issue_names
from munpress.output import interrupts_remembered

# The help texts below are made when this module loads, before any command runs: --help speaks
# the environment's language. The magazine's [cli] messages cannot apply to --help, because the
# magazine folder is not known yet (it applies to what the commands say, from _root on).
i18n.use_environment()

app = typer.Typer(add_completion=True, no_args_is_help=True, pretty_exceptions_enable=False,
                  help=_("Typesets «Муниципалитет» from Word manuscripts into print-ready PDF.\n\n"
                         "Messages in Kyrgyz or Russian: {ky} or {ru}, or {setting} in {file} ({doc}).",
                         ky="LANGUAGE=ky", ru="LANGUAGE=ru", setting='\\[cli] messages = "ky"', file="munpress.toml",
                         doc="docs/editor.md"))


# What a terminal would obey rather than show (escape sequences, bell, text direction): shown
# as a code point, so a file name or a manuscript cannot repaint or reorder the output.
TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    return TERMINAL_CONTROLS.sub(lambda found: f"<U+{ord(found.group()):04X}>", text)


class _Console(Console):
    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        """Every text this tool prints passes here, after rich's own markup and colours."""
        return super()._render_buffer(
            segment if segment.control else Segment(terminal_safe(segment.text), segment.style)
            for segment in buffer)

    def on_broken_pipe(self) -> None:
        """The reader of the output went away (`| head -1`): rich's default is exit 1, which
        the contract keeps for check errors."""
        _leave_output()
        raise SystemExit(EXIT_BROKEN_PIPE)


def _console(stderr: bool = False) -> Console:
    console = _Console(stderr=stderr, highlight=False)
    if not console.is_terminal and not os.environ.get("COLUMNS"):
        console.width = 160  # a log or a pipe: tables' cells whole, each message on one line
    return console


out = _console()
err = _console(stderr=True)
# layout.variant.VARIANT_NAMES, described here so that help and completion need not load ReportLab
VARIANTS = (("print", N_("bleed, crop marks, CMYK")), ("screen", N_("bookmarks, links, RGB")),
            ("proof", N_("screen with a watermark and slug")))


def _complete_issue(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Tab completion: the issues of the magazine, newest first, with their dates."""
    try:
        root = Path(ctx.params.get("root") or find_root(Path.cwd()))
        names = issue_names(root)
    except (MunpressError, OSError):
        return []
    found = []
    for name in reversed(names):
        if name.startswith(incomplete):  # the date from a glance at the file: a completion must not fail
            text = (root / "issues" / name / "issue.toml").read_text("utf-8", "replace")
            date = re.search(r"(?m)^date\s*=\s*(\S+)", text)
            found.append((name, _("issue of {date}", date=date.group(1)) if date else _("issue")))
    return found


def _complete_lang(incomplete: str) -> list[tuple[str, str]]:
    return [(code, name) for code, name in (("ky", "Кыргызча"), ("ru", "Русский")) if code.startswith(incomplete)]


def _complete_variant(incomplete: str) -> list[tuple[str, str]]:
    return [(name, _(help)) for name, help in VARIANTS if name.startswith(incomplete)]


ISSUE_ARGUMENT = typer.Argument(..., help=_("Issue number, e.g. {example}.", example="147"),
                                autocompletion=_complete_issue)
LANG_OPTION = typer.Option(None, "--lang", help=_("Only this edition ({ky} or {ru}); repeatable.", ky="ky", ru="ru"),
                           autocompletion=_complete_lang)
ROOT_OPTION = typer.Option(None, "--root", help=_("The magazine folder (default: nearest with {file}).",
                                                  file="munpress.toml"))
OPEN_OPTION = typer.Option(False, "--open", help=_("Open the written PDF(s) in the system's viewer (not waited for)."))
RAW_OPTION = typer.Option(False, "--no-typography",
                          help=_("Set the manuscripts' text as typed: no quotes, dashes or no-break spaces added."))
COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
SEVERITY_LABELS = {Severity.ERROR: N_("error"), Severity.WARNING: N_("warning"), Severity.INFO: N_("info")}


def _version(value: bool) -> None:
    if value:
        out.print(f"munpress {__version__}")
        raise typer.Exit()


class _Voice:
    """How much munpress says: quiet (errors only), normal, verbose (every step, timed)."""

    level = "normal"


@app.callback()
def main_options(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                              help=_("Print the version and exit.")),
                 quiet: bool = typer.Option(False, "--quiet", "-q", help=_("Say nothing unless something is wrong.")),
                 verbose: bool = typer.Option(
                     False, "--verbose", "-v", help=_("Say every step, with its time, and the findings' details.")),
                 no_cache: bool = typer.Option(
                     False, "--no-cache", help=_("Neither read nor write {folder}: make every edition anew.",
                                                 folder=".munpress-cache/"))
                 ) -> None:
    """Typesets «Муниципалитет» from Word manuscripts into print-ready PDF.

    Colours follow the terminal; NO_COLOR=1 turns them off. Messages are in English, Kyrgyz or
    Russian: LANGUAGE=ky (or LANG, or [cli] messages in munpress.toml) chooses."""
    _Voice.level = "quiet" if quiet else "verbose" if verbose else "normal"
    if no_cache:
        cache.disable()
    i18n.use_environment()


@contextmanager
def _progress():
    """A spinner on a terminal; timed step lines with --verbose; nothing otherwise."""
    started = time.perf_counter()
    if _Voice.level == "verbose":
        yield lambda message: err.print(f"[{time.perf_counter() - started:5.1f} s] {message}", markup=False)
    elif _Voice.level == "normal" and err.is_terminal:
        with err.status(_("starting")) as status:
            yield lambda message: status.update(message)
    else:
        yield lambda message: None


def _root(root: Optional[Path]) -> Path:
    """The magazine folder; its `[cli] messages` applies from here on."""
    folder = _explicit_root(root) if root else find_root(Path.cwd())
    i18n.use_magazine_setting(_messages_setting(folder))
    return folder


def _messages_setting(folder: Path) -> str | None:
    """A glance at munpress.toml before it is read: a file munpress cannot read is reported, in
    the environment's language, when it is read."""
    try:
        setting = tomllib.loads((folder / "munpress.toml").read_text("utf-8")).get("cli", {}).get("messages")
    except (OSError, ValueError, AttributeError):
        return None
    return setting if isinstance(setting, str) else None


def _explicit_root(root: Path) -> Path:
    if not (root / "munpress.toml").is_file():
        raise MunpressError(_("no munpress.toml in this folder"), file=str(root), code="manifest.no-root",
                            hint=_("pass the magazine folder that holds munpress.toml"))
    return root.resolve()


def _summary(diagnostics: list[Diagnostic]) -> str:
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = sum(d.severity is Severity.WARNING for d in diagnostics)
    return _("{errors}, {warnings}", errors=_n("{count} error", "{count} errors", errors),
             warnings=_n("{count} warning", "{count} warnings", warnings))


def _anything_found(diagnostics: list[Diagnostic]) -> str:
    """"2 errors, 1 warning" after a build, or "" when it found nothing but notes."""
    return _summary(diagnostics) if any(d.severity is not Severity.INFO for d in diagnostics) else ""


@app.command(help=_("Typeset the issue's editions into PDF.  Example: {example}",
                     example="munpress build 147 --lang ky --variant proof"))
def build(issue: str = ISSUE_ARGUMENT,
          lang: Optional[list[str]] = LANG_OPTION,
          out_dir: Optional[Path] = typer.Option(None, "--out", help=_("Folder for the PDFs (default {folder}).",
                                                                            folder="build/<N>/")),
          variant: Optional[list[str]] = typer.Option(
              None, "--variant", autocompletion=_complete_variant,
              help=_("{variants}; repeatable. Default: {first} and {second}.", first="print", second="screen",
                     variants=", ".join(f"{name} ({_(what)})" for name, what in VARIANTS))),
          article: Optional[list[str]] = typer.Option(
              None, "--article",
              help=_("Write only the pages of this article (its id, e.g. {example}); repeatable.",
                     example="03-participatory-budget")),
          pages: Optional[str] = typer.Option(
              None, "--pages", help=_("Write only these pages, e.g. {one}, {run} or {runs}.", one="5", run="4-6",
                                      runs="4-6,9")),
          open_pdf: bool = OPEN_OPTION,
          root: Optional[Path] = ROOT_OPTION, raw: bool = RAW_OPTION) -> None:
    """munpress build: its help is the help= above (translated)."""
    from munpress.layout.variant import DEFAULT_VARIANTS, VARIANT_NAMES
    from munpress.pipeline import build_issue
    from munpress.selection import parse_pages

    for name in variant or ():
        if name not in VARIANT_NAMES:
            raise MunpressError(_("unknown variant {name}", name=repr(name)), code="usage.variant",
                                hint=_("use --variant {choices}", choices=" or --variant ".join(VARIANT_NAMES)))
    variants = tuple(dict.fromkeys(variant)) if variant else DEFAULT_VARIANTS
    chosen_pages = parse_pages(pages) if pages is not None else ()
    with _progress() as progress:
        result = build_issue(_root(root), issue, lang, out_dir, Sink(), typography=not raw, variants=variants,
                             progress=progress, articles=tuple(dict.fromkeys(article or ())), pages=chosen_pages)
    if _Voice.level == "quiet":
        if open_pdf:
            _open_pdfs(result.paths)
        return
    for path in result.paths:
        out.print(str(path), markup=False, soft_wrap=True)  # a path is never wrapped: it is copied
    for d in result.diagnostics:
        if d.code == "docx.tracked-changes":  # the PDF shows text that is not final yet: say so
            err.print(f"{d.lang} · {d.article}: " + _n("{count} tracked change set as accepted",
                                                       "{count} tracked changes set as accepted",
                                                       d.data["tracked_changes"]),
                      markup=False)
    if found := _anything_found(result.diagnostics):
        err.print(_("{found} found: run {command} for details", found=found,
                    command=f"[bold]munpress check {escape(issue)}[/bold]"))
    if open_pdf:
        _open_pdfs(result.paths)


def _open_pdfs(paths: list[Path]) -> None:
    """--open: each PDF in the system's viewer, not waited for; where there is none, one line."""
    from munpress.viewer import open_in_viewer, viewer_missing

    if not paths:
        return
    if reason := viewer_missing():
        err.print(_n("--open: no PDF viewer to start here ({reason}); the PDF is written, open it yourself",
                     "--open: no PDF viewer to start here ({reason}); the PDFs are written, open them yourself",
                     len(paths), reason=reason), markup=False, soft_wrap=True)
        return
    for path in paths:
        try:
            open_in_viewer(path)
        except OSError as error:
            err.print(_("--open: the viewer could not be started for {file}: {reason}", file=str(path),
                        reason=error.strerror or str(error)), markup=False, soft_wrap=True)
            return


FORMATS = ("text", "json", "github")


@app.command(help=_("Check the issue before it goes to the designer.  Example: {example}",
                     example="munpress check 147 --strict"))
def check(issue: str = ISSUE_ARGUMENT,
          lang: Optional[list[str]] = LANG_OPTION,
          as_json: bool = typer.Option(False, "--json", help=_("The same as {option}.", option="--format json")),
          output_format: str = typer.Option(
              "text", "--format", autocompletion=lambda incomplete: [f for f in FORMATS if f.startswith(incomplete)],
              help=_("{text} (for people), {json} (one versioned document, {doc}) or {github} (workflow annotations).",
                     text="text", json="json", doc="docs/ci.md", github="github")),
          strict: bool = typer.Option(False, "--strict", help=_("Warnings fail too (exit 1): for CI.")),
          root: Optional[Path] = ROOT_OPTION, raw: bool = RAW_OPTION) -> None:
    """munpress check: its help is the help= above (translated)."""
    from munpress import findings
    from munpress.pipeline import check_issue

    if output_format not in FORMATS:
        raise MunpressError(_("unknown format {name}", name=repr(output_format)), code="usage.format",
                            hint=_("use --format {choices}", choices=" or --format ".join(FORMATS)))
    output_format = "json" if as_json else output_format
    magazine = None
    try:
        magazine = _root(root)
        with _progress() as progress:
            report = check_issue(magazine, issue, lang, Sink(), typography=not raw, progress=progress)
    except MunpressError as error:
        if output_format == "text":
            raise
        found = findings.error_findings(error)  # a script reads the problem as it reads findings
        if output_format == "json":
            sys.stdout.write(findings.as_json(found, None, strict, error.exit_code))
        else:
            sys.stdout.write(findings.github_annotations(found))
        raise typer.Exit(error.exit_code)
    code = findings.exit_code(report.diagnostics, strict)
    if output_format == "json":
        sys.stdout.write(findings.as_json(report.diagnostics, report.articles, strict, code))
    elif output_format == "github":
        issue_toml = f"issues/{issue}/issue.toml"
        sys.stdout.write(findings.github_annotations(report.diagnostics, magazine / issue_toml, report.entry_keys,
                                                     issue_toml))
    elif _Voice.level == "quiet":
        _print_findings([d for d in report.diagnostics if d.severity is Severity.ERROR], report.articles, issue)
    else:
        if _Voice.level == "verbose":
            _print_placements(report.placements)
        else:
            _print_plan_differences(report.placements)
        _print_findings(report.diagnostics, report.articles, issue)
    if strict and code and not findings.exit_code(report.diagnostics, strict=False):
        warnings = sum(d.severity is Severity.WARNING for d in report.diagnostics)
        err.print(_n("--strict: {count} warning fails the check (exit 1); without --strict it would pass",
                     "--strict: {count} warnings fail the check (exit 1); without --strict it would pass",
                     warnings), markup=False, soft_wrap=True)
    if code:
        raise typer.Exit(code)


@app.command(help=_("How well the type is set, per article: word spaces, hyphens, widows.  Example: {example}",
                     example="munpress report 147"))
def report(issue: str = ISSUE_ARGUMENT,
           lang: Optional[list[str]] = LANG_OPTION,
           as_json: bool = typer.Option(False, "--json", help=_("One JSON document: a row per article.")),
           worst: int = typer.Option(5, "--worst", min=0, help=_("How many of each edition's loosest lines to show.")),
           root: Optional[Path] = ROOT_OPTION, raw: bool = RAW_OPTION) -> None:
    """munpress report: its help is the help= above (translated)."""
    from dataclasses import asdict

    from munpress.pipeline import check_issue

    rows = check_issue(_root(root), issue, lang, Sink(), typography=not raw, laid_out=True,
                       worst_lines=worst).typography
    if as_json:
        sys.stdout.write(json.dumps([asdict(row) for row in rows], ensure_ascii=False, indent=2) + "\n")
        return
    # headers of two short lines: the table fits an 80-column terminal
    columns = (_("lines"), _("space\np95"), _("space\nmax"), _("hyph-\nens"), _("hyph.\nrun"),
               _("over-\nfull"), _("wid-\nows"), _("orph-\nans"), _("hyph.\nfoot"))
    for lang in dict.fromkeys(row.lang for row in rows):
        table = Table(title=_("{lang}: word space as the 95th percentile in ems over justified lines of "
                              "{length}+ characters (target ≤ {target})", lang=lang, length=20, target="0.50"),
                      title_justify="left", box=box.SIMPLE_HEAD, padding=0, show_edge=False)
        table.add_column(_("article"), no_wrap=True)
        for column in columns:
            table.add_column(column, justify="right", no_wrap=True)
        for row in (row for row in rows if row.lang == lang):
            gap = f"{row.gap_p95:.2f}" if row.gap_p95 <= 0.5 else f"[yellow]{row.gap_p95:.2f}[/yellow]"
            run = str(row.hyphen_run) if row.hyphen_run <= 2 else f"[yellow]{row.hyphen_run}[/yellow]"
            table.add_row(row.article, str(row.lines), gap, f"{row.gap_max:.2f}", str(row.hyphenated), run,
                          str(row.overfull), str(row.widows), str(row.orphans), str(row.hyphen_at_foot),
                          style="bold" if row.article == "(edition)" else None)
        out.print(table)
        out.print(_composition_table(lang, [row for row in rows if row.lang == lang]))
        loosest = [line for row in rows if row.lang == lang and row.article == "(edition)" for line in row.loosest]
        if loosest:
            out.print(_loosest_table(lang, loosest))


def _loosest_table(lang: str, lines) -> Table:
    """Where the edition's loosest lines are: page, column, line in the column, and how they start."""
    table = Table(title=_("{lang}: the loosest lines, with their word space in ems", lang=lang),
                  title_justify="left", box=box.SIMPLE_HEAD, padding=0, show_edge=False)
    for column in (_("page"), _("col."), _("line")):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column(_("article"), no_wrap=True)
    table.add_column(_("space"), justify="right", no_wrap=True)
    table.add_column(_("first words"), overflow="fold")
    for line in lines:
        table.add_row(str(line.page), str(line.column), str(line.line), line.article, f"{line.gap:.2f}",
                      escape(line.first_words))
    return table


def _composition_table(lang: str, rows) -> Table:
    """The page composition of an edition: kerning, letter spacing, breaks, grid, hollow pages."""
    table = Table(title=_("{lang}: page composition (letter-spaced: share of lines beyond {tolerance})", lang=lang,
                          tolerance="±1%"), title_justify="left", box=box.SIMPLE_HEAD, padding=0, show_edge=False)
    table.add_column(_("article"), no_wrap=True)
    for column in (_("kerned\npairs"), _("letter-\nspaced"), _("alter-\nnating"), _("1-word\ntitles"), _("stubs"),
                   _("grid\npages"), _("hollow\npages"), _("lines\nfitted")):
        table.add_column(column, justify="right", no_wrap=True)
    for row in rows:
        table.add_row(row.article, str(row.kerned), f"{row.letter_spaced:.1%}", str(row.alternating),
                      str(row.one_word_titles), str(row.stubs), row.grid_aligned, str(row.hollow_pages) if
                      row.article == "(edition)" else "", (str(row.fitted) if row.article == "(edition)" else f"{row.fitted:+d}") if row.fitted else "",
                      style="bold" if row.article == "(edition)" else None)
    edition = [row for row in rows if row.article == "(edition)"]
    if edition and edition[0].worst:
        table.caption = _("where to look: {places}", places="; ".join(edition[0].worst))
        table.caption_justify = "left"
    return table


@app.command(help=_("Every page of each edition as a thumbnail on one sheet, with folio, rubric and articles.\n"
                     "Example: {example}", example="munpress flatplan 147 --lang ky"))
def flatplan(issue: str = ISSUE_ARGUMENT,
             lang: Optional[list[str]] = LANG_OPTION,
             png: bool = typer.Option(False, "--png", help=_("A PNG image instead of a one-page PDF.")),
             out_dir: Optional[Path] = typer.Option(None, "--out",
                                                    help=_("Folder (default {folder}).", folder="build/<N>/")),
             root: Optional[Path] = ROOT_OPTION) -> None:
    """munpress flatplan: its help is the help= above (translated)."""
    from munpress.pipeline import flatplan_issue

    for path in flatplan_issue(_root(root), issue, lang, out_dir, Sink(), "png" if png else "pdf"):
        out.print(str(path), markup=False, soft_wrap=True)  # a path is never wrapped: it is copied


@app.command(help=_("Scaffold the next issue: numbers and date moved on, sections kept, articles to fill in.\n"
                     "Example: {example}", example="munpress new 148 --from 147"))
def new(issue: str = typer.Argument(..., help=_("The new issue's number, e.g. {example}.", example="148")),
        template: Optional[str] = typer.Option(None, "--from", help=_("The issue to copy numbers, date and sections "
                                                                     "from (default: the latest before it).")),
        root: Optional[Path] = ROOT_OPTION) -> None:
    """munpress new: its help is the help= above (translated)."""
    from munpress.scaffold import new_issue

    folder = new_issue(_root(root), issue, template)
    if _Voice.level != "quiet":
        out.print(_("{file}: add the articles, put the manuscripts in {folder}, then run {command}",
                    file=folder / "issue.toml", folder=folder / "manuscripts", command=f"munpress check {issue}"),
                  markup=False)


@app.command(help=_("The real table of contents (rubric, title, page) of each edition.  Example: {example}",
                     example="munpress toc 147 --toml"))
def toc(issue: str = ISSUE_ARGUMENT,
        lang: Optional[list[str]] = LANG_OPTION,
        as_toml: bool = typer.Option(False, "--toml", help=_("The real pages as lines to paste into {file}.",
                                                                   file="issue.toml")),
        write: bool = typer.Option(False, "--write", help=_("Set the planned pages in {file} to the real ones, "
                                                            "keeping its comments and layout.", file="issue.toml")),
        as_json: bool = typer.Option(False, "--json", help=_("One JSON document: per edition, each entry's rubric, "
                                                             "title, id, kind, planned and real start page.")),
        root: Optional[Path] = ROOT_OPTION) -> None:
    """munpress toc: its help is the help= above (translated)."""
    from munpress.manifest.edit import page_value
    from munpress.pipeline import check_issue, write_real_pages

    if write and as_toml:
        raise MunpressError(_("--write and --toml do different things"), code="usage.options",
                            hint=_("--toml prints the pages to paste, --write puts them in issue.toml; choose one"))
    if as_json and (write or as_toml):
        raise MunpressError(_("{option} cannot go with --json", option="--write" if write else "--toml"),
                            code="usage.options", hint=_("--json prints the contents for scripts; choose one"))
    if write:
        magazine = _root(root)
        with _progress() as progress:
            changes = write_real_pages(magazine, issue, lang, Sink(), progress=progress)
        if _Voice.level != "quiet":
            for change in changes:
                out.print(f"{change.lang} · {change.article}: " + _("page {planned} → {real}", planned=change.planned,
                                                                      real=change.actual), markup=False)
            where = f"issues/{issue}/issue.toml"
            out.print(_n("{file}: {count} planned page set to the real one",
                         "{file}: {count} planned pages set to the real ones", len(changes), file=where)
                      if changes else _("{file}: every planned page already matches the layout", file=where),
                      markup=False)
        return
    with _progress() as progress:
        report = check_issue(_root(root), issue, lang, Sink(), progress=progress, laid_out=True)
    rows = report.placements
    if as_toml:
        for article, title, pages in report.real_pages():
            title = title.replace("\u00a0", " ")
            sys.stdout.write(f"# {article}: {title}\npage = {page_value(pages)}\n")  # never wrapped: it is pasted
        return
    if as_json:
        editions = {edition: [{"rubric": row.rubric, "title": row.title, "article": row.article, "kind": row.kind,
                               "planned": row.planned, "real": row.actual} for row in rows if row.lang == edition]
                    for edition in dict.fromkeys(row.lang for row in rows)}
        document = {"issue": int(issue) if issue.isdigit() else issue, "editions": editions}
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return
    for edition in dict.fromkeys(row.lang for row in rows):
        table = Table(title=f"{edition}", title_justify="left")
        for column, right in ((_("rubric"), False), (_("title"), False), (_("page"), True)):
            table.add_column(column, justify="right" if right else "left")
        rubric = None
        for row in (r for r in rows if r.lang == edition and r.kind == "article"):
            table.add_row(row.rubric if row.rubric != rubric else "", row.title, str(row.actual or ""))
            rubric = row.rubric
        out.print(table)


@app.command(help=_("The fonts in use per role, where they come from, and the letters they lack.  Example: {example}",
                     example="munpress fonts"))
def fonts(as_json: bool = typer.Option(False, "--json", help=_("One JSON document: per role the family, its origin, "
                                                               "files and missing letters.")),
          root: Optional[Path] = ROOT_OPTION) -> None:
    """munpress fonts: its help is the help= above (translated)."""
    from munpress.pipeline import font_report

    report = font_report(_root(root))
    if as_json:
        roles = {row.role: {"family": row.family, "origin": row.origin, "files": [str(path) for path in row.files],
                            "missing": list(row.missing)} for row in report}
        sys.stdout.write(json.dumps({"roles": roles}, ensure_ascii=False, indent=2) + "\n")
        if any(row.missing for row in report):
            raise typer.Exit(1)
        return
    table = Table(title=_("Fonts, and the Kyrgyz and Russian letters they lack"), title_justify="left",
                  box=box.SIMPLE_HEAD, show_edge=False)
    for column in (_("role"), _("family"), _("from"), _("files")):  # a name cut short names nothing
        table.add_column(column, no_wrap=True)
    table.add_column(_("letters"), overflow="fold")
    for row in report:
        missing = (_("all covered") if not row.missing else
                   "[red]" + escape(_("lacks {letters}", letters=" ".join(row.missing))) + "[/red]")
        table.add_row(row.role, row.family, row.origin, "\n".join(path.name for path in row.files), missing)
    out.print(table)
    if any(row.missing for row in report):
        raise typer.Exit(1)


@app.command(help=_("What a finding's or an error's code means, and what to do.  Example: {example}",
                     example="munpress explain toc.page-mismatch"))
def explain(code: str = typer.Argument(..., help=_("A finding's or an error's code, e.g. {example}.",
                                                   example="toc.page-mismatch"))) -> None:
    """munpress explain: its help is the help= above (translated)."""
    from munpress import codes

    try:  # inside a magazine folder its [cli] messages applies, as for the other commands
        _root(None)
    except MunpressError:
        pass
    entry = codes.lookup(code)
    if entry is None:
        raise MunpressError(_("there is no code {code}", code=repr(code.strip())), code="usage.code",
                            hint=_("did you mean {nearest}?", nearest=codes.nearest(code)))
    out.print(entry.code, markup=False)
    out.print(_("severity: {severity}", severity=entry.severity_text(_)), markup=False, soft_wrap=True)
    out.print(_("what it means: {meaning}", meaning=_(entry.meaning, **entry.values)), markup=False, soft_wrap=True)
    out.print(_("what to do: {fix}", fix=_(entry.fix, **entry.values)), markup=False, soft_wrap=True)


@app.command(help=_("Rebuild the proof whenever a manuscript, {issue}, {settings} or a font in {folder} changes.\n"
                     "Example: {example}", issue="issue.toml", settings="munpress.toml", folder="fonts/",
                     example="munpress watch 147 --lang ky"))
def watch(issue: str = ISSUE_ARGUMENT,
          lang: Optional[list[str]] = LANG_OPTION,
          interval: float = typer.Option(1.0, "--interval", min=0.1, help=_("Seconds between looks at the files.")),
          builds: int = typer.Option(0, "--builds", hidden=True, help=_("Stop after this many builds (tests).")),
          open_pdf: bool = typer.Option(False, "--open", help=_("Open the proof(s) in the system's viewer after the "
                                                               "first build; the viewer shows each rebuild.")),
          root: Optional[Path] = ROOT_OPTION) -> None:
    """munpress watch: its help is the help= above (translated)."""
    from munpress.pipeline import build_issue, editions_of, watched_files

    magazine = _root(root)
    seen: dict[Path, float] | None = None
    done = 0
    building = False
    try:
        while not builds or done < builds:
            current = watched_files(magazine, issue)
            if seen is None and _Voice.level != "quiet":
                err.print(_n("watching {count} file of issue {issue}; Ctrl-C stops",
                             "watching {count} files of issue {issue}; Ctrl-C stops", len(current), issue=issue),
                          markup=False)
            if current == seen:
                time.sleep(interval)
                continue
            # after the first build, only the editions the saved files are in
            changed = None if seen is None else {path for path in current.keys() | seen.keys()
                                                 if current.get(path) != seen.get(path)}
            editions = lang if changed is None else editions_of(magazine, issue, changed, lang)
            seen, started, building = current, time.perf_counter(), True
            if editions == []:
                building = False
                continue
            try:
                outcome = build_issue(magazine, issue, editions, None, Sink(), variants=("proof",))
            except MunpressError as error:  # keep watching: the next save may fix it
                outcome = error
            building = False  # written (or refused) before anything is said about it
            _say_rebuilt(issue, outcome, time.perf_counter() - started)
            done += 1
            if open_pdf and not isinstance(outcome, MunpressError):
                _open_pdfs(outcome.paths)  # once: a viewer reloads the file it shows
                open_pdf = False
    except KeyboardInterrupt:  # the way to stop watching, not a failure
        err.print(_("stopped watching; the proof being built was not written") if building
                  else _("stopped watching"), markup=False)


def _say_rebuilt(issue: str, outcome, seconds: float) -> None:
    """One line: what was built and what check would find, or why nothing was."""
    if isinstance(outcome, MunpressError):
        err.print(_("{time} not built: {problem}", time=time.strftime("%H:%M:%S"), problem=outcome.one_line()),
                  markup=False, soft_wrap=True)
        return
    count = len(outcome.paths)
    found = _anything_found(outcome.diagnostics)
    names = ", ".join(path.name for path in outcome.paths)
    when = time.strftime("%H:%M:%S")
    line = (_n("{time} built {count} proof in {seconds} s: {files}; {found}: {command} for details",
               "{time} built {count} proofs in {seconds} s: {files}; {found}: {command} for details", count,
               time=when, seconds=f"{seconds:.1f}", files=names, found=found, command=f"munpress check {issue}")
            if found else
            _n("{time} built {count} proof in {seconds} s: {files}", "{time} built {count} proofs in {seconds} s: {files}",
               count, time=when, seconds=f"{seconds:.1f}", files=names))
    out.print(line, markup=False, soft_wrap=True)


def _print_placements(rows) -> None:
    table = Table(title=_("Planned and real start pages"), title_justify="left")
    for column, right in ((_("edition"), False), (_("article"), False), (_("planned page"), True),
                          (_("real page"), True), (_("difference"), True)):
        table.add_column(column, justify="right" if right else "left")
    for row in rows:
        difference = row.difference
        shown = "" if difference is None else ("0" if difference == 0 else f"[red]{difference:+d}[/red]")
        table.add_row(row.lang, row.article, str(row.planned or ""), str(row.actual or ""), shown)
    out.print(table)


def _print_plan_differences(rows) -> None:
    """Only the articles whose real page differs from the plan (all of them with --verbose)."""
    off = [row for row in rows if row.difference]
    if off:
        _print_placements(off)


def _print_findings(diagnostics: list[Diagnostic], articles: int, issue: str) -> None:
    """Findings grouped by edition and article, worst first, then a one-line summary."""
    shown = [d for d in diagnostics if d.severity is not Severity.INFO or _Voice.level == "verbose"]
    groups: dict[tuple[str, str], list[Diagnostic]] = {}
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    width = max(len(_(text)) for text in SEVERITY_LABELS.values())  # the labels in a column, the hints under the codes
    for d in sorted(shown, key=lambda d: (order[d.severity], d.lang or "", d.article or "")):
        groups.setdefault((d.lang or "", d.article or ""), []).append(d)
    for (lang, article), items in groups.items():
        heading = " · ".join(x for x in (lang, article or (lang and _("the edition"))) if x) or _("the issue")
        out.print(f"[bold]{escape(heading)}[/bold]")
        for d in items:
            colour = COLOURS[d.severity]
            said = d.page and re.search(rf"(?<!\d){d.page}(?!\d)", d.message)
            page = d.page and not said and _("p. {page}", page=d.page)  # said once is enough
            where = " · ".join(str(x) for x in (d.file, page) if x)
            label = _(SEVERITY_LABELS[d.severity]).ljust(width)
            out.print(f"  [{colour}]{escape(label)}[/{colour}] {escape(d.code)}: {escape(d.message)}"
                      + (f" [dim]({escape(where)})[/dim]" if where else ""))
            for hint in d.hints if _Voice.level != "quiet" else ():
                out.print(" " * (width + 4) + f"[dim]→ {escape(hint)}[/dim]", soft_wrap=True)  # a hint stays one line, as the fix to copy
    if any(d.code == "toc.page-mismatch" for d in diagnostics) and _Voice.level != "quiet":
        out.print("[dim]" + escape(_("to accept the layout: {command} sets every planned page to the real one",
                                     command=f"munpress toc {issue} --write")) + "[/dim]")
    out.print(_n("{found} in {count} article", "{found} in {count} articles", articles, found=_summary(diagnostics)))


# Exit codes beyond the contract's 0, 1, 2, 70 and 130: what a shell's own tools give.
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: the reader of the output went away (`| head -1`)
EXIT_CANNOT_WRITE = 74  # sysexits' EX_IOERR: the output cannot be written (a full disk, /dev/full)


def _lenient_streams() -> None:
    """A console or a redirect in cp1251 or ASCII cannot show ң, ө, ү: such letters print as
    «?» there, rather than stopping the command (UTF-8 output is unchanged)."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def _leave_output() -> None:
    """Nothing more goes to stdout, not even the flush at exit, which would fail again."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


GLOBAL_FLAGS = ("-q", "--quiet", "-v", "--verbose", "--no-cache")


def global_flags_first(args: list[str]) -> list[str]:
    """`munpress check 148 -v` as `munpress -v check 148`: the docs and habit put the flags
    after the command; click takes a group's options only before it. After `--`, as typed."""
    end = args.index("--") if "--" in args else len(args)
    flags = [arg for arg in args[:end] if arg in GLOBAL_FLAGS]
    return flags + [arg for arg in args[:end] if arg not in GLOBAL_FLAGS] + args[end:]


def main() -> None:
    """Entry point: renders munpress's own errors as one line; never a traceback for input."""
    _lenient_streams()
    try:
        # click prints usage errors and help itself and exits; a Ctrl-C that ReportLab
        # swallows is remembered, so no PDF is replaced after it
        with interrupts_remembered():
            try:
                # also under python -m munpress: its help and completion
                app(args=global_flags_first(sys.argv[1:]), prog_name="munpress")
            finally:
                sys.stdout.flush()  # a full disk or a closed pipe is found here, not at exit
    except SystemExit as done:
        if done.code == 130:  # click turned the Ctrl-C into exit code 130
            err.print(_("interrupted; no file was changed"))
        if type(sys.stdout).__name__ == "PacifyFlushWrapper":  # click's sign of a closed pipe (its exit 1)
            _leave_output()
            sys.exit(EXIT_BROKEN_PIPE)
        raise
    except BrokenPipeError:
        _leave_output()
        sys.exit(EXIT_BROKEN_PIPE)
    except MunpressError as error:  # the line is text: a hint's "[table]" must stay as typed
        label = escape(_("error:"))
        for problem in (error, *error.more):  # every problem found in the same run, a line each
            err.print(f"[red]{label}[/red] {escape(problem.one_line())}", soft_wrap=True, markup=True)
        if error.more:
            err.print(_n("{count} problem in {file}", "{count} problems in {file}", 1 + len(error.more),
                         file=error.file), markup=False, soft_wrap=True)
        sys.exit(error.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        err.print(_("interrupted; no file was changed"))
        sys.exit(130)
    except OSError as error:
        if error.errno not in (errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG):
            _internal_error(error)
        _leave_output()
        err.print(_("error: the output cannot be written: {reason}; free some space or write it elsewhere",
                    reason=error.strerror), markup=False, soft_wrap=True)
        sys.exit(EXIT_CANNOT_WRITE)
    except Exception as bug:  # a bug in munpress, not the user's input
        _internal_error(bug)


def _internal_error(bug: Exception) -> None:
    if os.environ.get("MUNPRESS_DEBUG"):
        raise bug
    err.print(_("munpress: internal error: {error} (run with {setting} for the traceback and report it)",
                error=f"{type(bug).__name__}: {bug}", setting="MUNPRESS_DEBUG=1"), markup=False)
    sys.exit(70)
