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
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Optional

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.segment import Segment
from rich.table import Table

from munpress import __version__
from munpress.diagnostics import Diagnostic, MunpressError, Severity, Sink
from munpress.manifest import find_root, issue_names
from munpress.output import interrupts_remembered

app = typer.Typer(add_completion=True, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Typesets «Муниципалитет» from Word manuscripts into print-ready PDF.")


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
VARIANTS = (("print", "bleed, crop marks, CMYK"), ("screen", "bookmarks, links, RGB"),
            ("proof", "screen with a watermark and slug"))


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
            found.append((name, f"issue of {date.group(1)}" if date else "issue"))
    return found


def _complete_lang(incomplete: str) -> list[tuple[str, str]]:
    return [(code, name) for code, name in (("ky", "Кыргызча"), ("ru", "Русский")) if code.startswith(incomplete)]


def _complete_variant(incomplete: str) -> list[tuple[str, str]]:
    return [(name, help) for name, help in VARIANTS if name.startswith(incomplete)]


ISSUE_ARGUMENT = typer.Argument(..., help="Issue number, e.g. 147.", autocompletion=_complete_issue)
LANG_OPTION = typer.Option(None, "--lang", help="Only this edition (ky or ru); repeatable.",
                           autocompletion=_complete_lang)
ROOT_OPTION = typer.Option(None, "--root", help="The magazine folder (default: nearest with munpress.toml).")
RAW_OPTION = typer.Option(False, "--no-typography",
                          help="Set the manuscripts' text as typed: no quotes, dashes or no-break spaces added.")
COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def _version(value: bool) -> None:
    if value:
        out.print(f"munpress {__version__}")
        raise typer.Exit()


class _Voice:
    """How much munpress says: quiet (errors only), normal, verbose (every step, timed)."""

    level = "normal"


@app.callback()
def main_options(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                              help="Print the version and exit."),
                 quiet: bool = typer.Option(False, "--quiet", "-q", help="Say nothing unless something is wrong."),
                 verbose: bool = typer.Option(False, "--verbose", "-v",
                                              help="Say every step, with its time, and the findings' details.")) -> None:
    """Typesets «Муниципалитет» from Word manuscripts into print-ready PDF.

    Colours follow the terminal; NO_COLOR=1 turns them off."""
    _Voice.level = "quiet" if quiet else "verbose" if verbose else "normal"


@contextmanager
def _progress():
    """A spinner on a terminal; timed step lines with --verbose; nothing otherwise."""
    started = time.perf_counter()
    if _Voice.level == "verbose":
        yield lambda message: err.print(f"[{time.perf_counter() - started:5.1f} s] {message}", markup=False)
    elif _Voice.level == "normal" and err.is_terminal:
        with err.status("starting") as status:
            yield lambda message: status.update(message)
    else:
        yield lambda message: None


def _root(root: Optional[Path]) -> Path:
    return _explicit_root(root) if root else find_root(Path.cwd())


def _explicit_root(root: Path) -> Path:
    if not (root / "munpress.toml").is_file():
        raise MunpressError("no munpress.toml in this folder", file=str(root), code="manifest.no-root",
                            hint="pass the magazine folder that holds munpress.toml")
    return root.resolve()


def _summary(diagnostics: list[Diagnostic]) -> str:
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = sum(d.severity is Severity.WARNING for d in diagnostics)
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def _anything_found(diagnostics: list[Diagnostic]) -> str:
    """"2 errors, 1 warning" after a build, or "" when it found nothing but notes."""
    return _summary(diagnostics) if any(d.severity is not Severity.INFO for d in diagnostics) else ""


@app.command()
def build(issue: str = ISSUE_ARGUMENT,
          lang: Optional[list[str]] = LANG_OPTION,
          out_dir: Optional[Path] = typer.Option(None, "--out", help="Folder for the PDFs (default build/<N>/)."),
          variant: Optional[list[str]] = typer.Option(
              None, "--variant", autocompletion=_complete_variant,
              help=", ".join(f"{name} ({what})" for name, what in VARIANTS) + "; repeatable. Default: print and screen."),
          root: Optional[Path] = ROOT_OPTION, raw: bool = RAW_OPTION) -> None:
    """Typeset the issue's editions into PDF.  Example: munpress build 147 --lang ky --variant proof"""
    from munpress.layout.variant import DEFAULT_VARIANTS, VARIANT_NAMES
    from munpress.pipeline import build_issue

    for name in variant or ():
        if name not in VARIANT_NAMES:
            raise MunpressError(f"unknown variant {name!r}", code="usage.variant",
                                hint=f"use --variant {' or --variant '.join(VARIANT_NAMES)}")
    variants = tuple(dict.fromkeys(variant)) if variant else DEFAULT_VARIANTS
    with _progress() as progress:
        result = build_issue(_root(root), issue, lang, out_dir, Sink(), typography=not raw, variants=variants,
                             progress=progress)
    if _Voice.level == "quiet":
        return
    for path in result.paths:
        out.print(str(path))
    for d in result.diagnostics:
        if d.code == "docx.tracked-changes":  # the PDF shows text that is not final yet: say so
            err.print(f"{d.lang} · {d.article}: {d.data['tracked_changes']} tracked changes set as accepted",
                      markup=False)
    if found := _anything_found(result.diagnostics):
        err.print(f"{found} found: run [bold]munpress check {escape(issue)}[/bold] for details")


@app.command()
def check(issue: str = ISSUE_ARGUMENT,
          lang: Optional[list[str]] = LANG_OPTION,
          as_json: bool = typer.Option(False, "--json", help="One JSON document: the list of findings."),
          strict: bool = typer.Option(False, "--strict", help="Warnings fail too (exit 1): for CI."),
          root: Optional[Path] = ROOT_OPTION, raw: bool = RAW_OPTION) -> None:
    """Check the issue before it goes to the designer.  Example: munpress check 147 --strict"""
    from munpress.pipeline import check_issue

    with _progress() as progress:
        report = check_issue(_root(root), issue, lang, Sink(), typography=not raw, progress=progress)
    if as_json:
        sys.stdout.write(json.dumps([d.as_json() for d in report.diagnostics], ensure_ascii=False, indent=2) + "\n")
    elif _Voice.level == "quiet":
        _print_findings([d for d in report.diagnostics if d.severity is Severity.ERROR], report.articles, issue)
    else:
        if _Voice.level == "verbose":
            _print_placements(report.placements)
        else:
            _print_plan_differences(report.placements)
        _print_findings(report.diagnostics, report.articles, issue)
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    if any(d.severity in failing for d in report.diagnostics):
        raise typer.Exit(1)


@app.command()
def report(issue: str = ISSUE_ARGUMENT,
           lang: Optional[list[str]] = LANG_OPTION,
           as_json: bool = typer.Option(False, "--json", help="One JSON document: a row per article."),
           root: Optional[Path] = ROOT_OPTION, raw: bool = RAW_OPTION) -> None:
    """How well the type is set, per article: word spaces, hyphens, widows.  Example: munpress report 147"""
    from dataclasses import asdict

    from munpress.pipeline import check_issue

    rows = check_issue(_root(root), issue, lang, Sink(), typography=not raw, laid_out=True).typography
    if as_json:
        sys.stdout.write(json.dumps([asdict(row) for row in rows], ensure_ascii=False, indent=2) + "\n")
        return
    # headers of two short lines: the table fits an 80-column terminal
    columns = ("lines", "space\np95", "space\nmax", "hyph-\nens", "hyph.\nrun",
               "over-\nfull", "wid-\nows", "orph-\nans", "hyph.\nfoot")
    for lang in dict.fromkeys(row.lang for row in rows):
        table = Table(title=f"{lang}: word space as the 95th percentile in ems over justified lines of "
                            "20+ characters (target ≤ 0.50)", title_justify="left",
                      box=box.SIMPLE_HEAD, padding=0, show_edge=False)
        table.add_column("article", no_wrap=True)
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


def _composition_table(lang: str, rows) -> Table:
    """The page composition of an edition: kerning, letter spacing, breaks, grid, hollow pages."""
    table = Table(title=f"{lang}: page composition (letter-spaced: share of lines beyond ±1%)",
                  title_justify="left", box=box.SIMPLE_HEAD, padding=0, show_edge=False)
    table.add_column("article", no_wrap=True)
    for column in ("kerned\npairs", "letter-\nspaced", "alter-\nnating", "1-word\ntitles", "stubs",
                   "grid\npages", "hollow\npages", "lines\nfitted"):
        table.add_column(column, justify="right", no_wrap=True)
    for row in rows:
        table.add_row(row.article, str(row.kerned), f"{row.letter_spaced:.1%}", str(row.alternating),
                      str(row.one_word_titles), str(row.stubs), row.grid_aligned, str(row.hollow_pages) if
                      row.article == "(edition)" else "", (str(row.fitted) if row.article == "(edition)" else f"{row.fitted:+d}") if row.fitted else "",
                      style="bold" if row.article == "(edition)" else None)
    edition = [row for row in rows if row.article == "(edition)"]
    if edition and edition[0].worst:
        table.caption = "where to look: " + "; ".join(edition[0].worst)
        table.caption_justify = "left"
    return table


@app.command()
def flatplan(issue: str = ISSUE_ARGUMENT,
             lang: Optional[list[str]] = LANG_OPTION,
             png: bool = typer.Option(False, "--png", help="A PNG image instead of a one-page PDF."),
             out_dir: Optional[Path] = typer.Option(None, "--out", help="Folder (default build/<N>/)."),
             root: Optional[Path] = ROOT_OPTION) -> None:
    """Every page of each edition as a thumbnail on one sheet, with folio, rubric and articles.
    Example: munpress flatplan 147 --lang ky"""
    from munpress.pipeline import flatplan_issue

    for path in flatplan_issue(_root(root), issue, lang, out_dir, Sink(), "png" if png else "pdf"):
        out.print(str(path))


@app.command()
def new(issue: str = typer.Argument(..., help="The new issue's number, e.g. 148."),
        template: Optional[str] = typer.Option(None, "--from", help="The issue to copy numbers, date and sections "
                                                                   "from (default: the latest before it)."),
        root: Optional[Path] = ROOT_OPTION) -> None:
    """Scaffold the next issue: numbers and date moved on, sections kept, articles to fill in.
    Example: munpress new 148 --from 147"""
    from munpress.scaffold import new_issue

    folder = new_issue(_root(root), issue, template)
    if _Voice.level != "quiet":
        out.print(f"{folder / 'issue.toml'}: add the articles, put the manuscripts in {folder / 'manuscripts'}, "
                  f"then run munpress check {issue}", markup=False)


@app.command()
def toc(issue: str = ISSUE_ARGUMENT,
        lang: Optional[list[str]] = LANG_OPTION,
        as_toml: bool = typer.Option(False, "--toml", help="The real pages as lines to paste into issue.toml."),
        write: bool = typer.Option(False, "--write", help="Set the planned pages in issue.toml to the real ones, "
                                                          "keeping its comments and layout."),
        root: Optional[Path] = ROOT_OPTION) -> None:
    """The real table of contents (rubric, title, page) of each edition.  Example: munpress toc 147 --toml"""
    from munpress.manifest.edit import page_value
    from munpress.pipeline import check_issue, write_real_pages

    if write and as_toml:
        raise MunpressError("--write and --toml do different things", code="usage.options",
                            hint="--toml prints the pages to paste, --write puts them in issue.toml; choose one")
    if write:
        magazine = _root(root)
        with _progress() as progress:
            changes = write_real_pages(magazine, issue, lang, Sink(), progress=progress)
        if _Voice.level != "quiet":
            for change in changes:
                out.print(f"{change.lang} · {change.article}: page {change.planned} → {change.actual}", markup=False)
            where = f"issues/{issue}/issue.toml"
            out.print(f"{where}: {len(changes)} planned page{'s' * (len(changes) != 1)} set to the real ones"
                      if changes else f"{where}: every planned page already matches the layout", markup=False)
        return
    with _progress() as progress:
        report = check_issue(_root(root), issue, lang, Sink(), progress=progress, laid_out=True)
    rows = report.placements
    if as_toml:
        for article, title, pages in report.real_pages():
            title = title.replace("\u00a0", " ")
            sys.stdout.write(f"# {article}: {title}\npage = {page_value(pages)}\n")  # never wrapped: it is pasted
        return
    for edition in dict.fromkeys(row.lang for row in rows):
        table = Table(title=f"{edition}", title_justify="left")
        for column in ("rubric", "title", "page"):
            table.add_column(column, justify="right" if column == "page" else "left")
        rubric = None
        for row in (r for r in rows if r.lang == edition and r.kind == "article"):
            table.add_row(row.rubric if row.rubric != rubric else "", row.title, str(row.actual or ""))
            rubric = row.rubric
        out.print(table)


@app.command()
def fonts(root: Optional[Path] = ROOT_OPTION) -> None:
    """The fonts in use per role, where they come from, and the letters they lack.  Example: munpress fonts"""
    from munpress.pipeline import font_report

    report = font_report(_root(root))
    table = Table(title="Fonts, and the Kyrgyz and Russian letters they lack", title_justify="left",
                  box=box.SIMPLE_HEAD, show_edge=False)
    for column in ("role", "family", "from", "files"):  # a name cut short names nothing
        table.add_column(column, no_wrap=True)
    table.add_column("letters", overflow="fold")
    for row in report:
        missing = "all covered" if not row.missing else "[red]lacks " + escape(" ".join(row.missing)) + "[/red]"
        table.add_row(row.role, row.family, row.origin, "\n".join(path.name for path in row.files), missing)
    out.print(table)
    if any(row.missing for row in report):
        raise typer.Exit(1)


@app.command()
def watch(issue: str = ISSUE_ARGUMENT,
          lang: Optional[list[str]] = LANG_OPTION,
          interval: float = typer.Option(1.0, "--interval", min=0.1, help="Seconds between looks at the files."),
          builds: int = typer.Option(0, "--builds", hidden=True, help="Stop after this many builds (tests)."),
          root: Optional[Path] = ROOT_OPTION) -> None:
    """Rebuild the proof whenever a manuscript, issue.toml, munpress.toml or a font in fonts/ changes.
    Example: munpress watch 147 --lang ky"""
    from munpress.pipeline import build_issue, watched_files

    magazine = _root(root)
    seen: dict[Path, float] | None = None
    done = 0
    building = False
    try:
        while not builds or done < builds:
            current = watched_files(magazine, issue)
            if seen is None and _Voice.level != "quiet":
                err.print(f"watching {len(current)} files of issue {issue}; Ctrl-C stops", markup=False)
            if current == seen:
                time.sleep(interval)
                continue
            seen, started, building = current, time.perf_counter(), True
            try:
                outcome = build_issue(magazine, issue, lang, None, Sink(), variants=("proof",))
            except MunpressError as error:  # keep watching: the next save may fix it
                outcome = error
            building = False  # written (or refused) before anything is said about it
            _say_rebuilt(issue, outcome, time.perf_counter() - started)
            done += 1
    except KeyboardInterrupt:  # the way to stop watching, not a failure
        err.print("stopped watching" + ("; the proof being built was not written" if building else ""),
                  markup=False)


def _say_rebuilt(issue: str, outcome, seconds: float) -> None:
    """One line: what was built and what check would find, or why nothing was."""
    if isinstance(outcome, MunpressError):
        err.print(f"{time.strftime('%H:%M:%S')} not built: {outcome.one_line()}", markup=False, soft_wrap=True)
        return
    count = len(outcome.paths)
    found = _anything_found(outcome.diagnostics)
    said = f"; {found}: munpress check {issue} for details" if found else ""
    out.print(f"{time.strftime('%H:%M:%S')} built {count} proof{'s' * (count != 1)} in {seconds:.1f} s: "
              + ", ".join(path.name for path in outcome.paths) + said, markup=False, soft_wrap=True)


def _print_placements(rows) -> None:
    table = Table(title="Planned and real start pages", title_justify="left")
    for column in ("edition", "article", "planned", "actual", "difference"):
        table.add_column(column, justify="right" if column in ("planned", "actual", "difference") else "left")
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
    for d in sorted(shown, key=lambda d: (order[d.severity], d.lang or "", d.article or "")):
        groups.setdefault((d.lang or "", d.article or ""), []).append(d)
    for (lang, article), items in groups.items():
        heading = " · ".join(x for x in (lang, article or (lang and "the edition")) if x) or "the issue"
        out.print(f"[bold]{escape(heading)}[/bold]")
        for d in items:
            colour = COLOURS[d.severity]
            said = d.page and any(f"{word} {d.page}" in d.message for word in ("page", "pages"))
            page = d.page and not said and f"p. {d.page}"  # said once is enough
            where = " · ".join(str(x) for x in (d.file, page) if x)
            out.print(f"  [{colour}]{d.severity.value:7}[/{colour}] {escape(d.code)}: {escape(d.message)}"
                      + (f" [dim]({escape(where)})[/dim]" if where else ""))
            for hint in d.hints if _Voice.level != "quiet" else ():
                out.print(f"           [dim]→ {escape(hint)}[/dim]", soft_wrap=True)  # a hint stays one line, as the fix to copy
    if any(d.code == "toc.page-mismatch" for d in diagnostics) and _Voice.level != "quiet":
        out.print(f"[dim]to accept the layout: munpress toc {escape(issue)} --write sets every planned page "
                  "to the real one[/dim]")
    out.print(f"{_summary(diagnostics)} in {articles} article{'s' * (articles != 1)}")


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


def main() -> None:
    """Entry point: renders munpress's own errors as one line; never a traceback for input."""
    _lenient_streams()
    try:
        # click prints usage errors and help itself and exits; a Ctrl-C that ReportLab
        # swallows is remembered, so no PDF is replaced after it
        with interrupts_remembered():
            try:
                app(prog_name="munpress")  # also under python -m munpress: its help and completion
            finally:
                sys.stdout.flush()  # a full disk or a closed pipe is found here, not at exit
    except SystemExit as done:
        if done.code == 130:  # click turned the Ctrl-C into exit code 130
            err.print("interrupted; no file was changed")
        if type(sys.stdout).__name__ == "PacifyFlushWrapper":  # click's sign of a closed pipe (its exit 1)
            _leave_output()
            sys.exit(EXIT_BROKEN_PIPE)
        raise
    except BrokenPipeError:
        _leave_output()
        sys.exit(EXIT_BROKEN_PIPE)
    except MunpressError as error:  # the line is text: a hint's "[table]" must stay as typed
        err.print(f"[red]error:[/red] {escape(error.one_line())}", soft_wrap=True, markup=True)
        sys.exit(error.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        err.print("interrupted; no file was changed")
        sys.exit(130)
    except OSError as error:
        if error.errno not in (errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG):
            _internal_error(error)
        _leave_output()
        err.print(f"error: the output cannot be written: {error.strerror}; free some space or write it "
                  "elsewhere", markup=False, soft_wrap=True)
        sys.exit(EXIT_CANNOT_WRITE)
    except Exception as bug:  # a bug in munpress, not the user's input
        _internal_error(bug)


def _internal_error(bug: Exception) -> None:
    if os.environ.get("MUNPRESS_DEBUG"):
        raise bug
    err.print(f"munpress: internal error: {type(bug).__name__}: {bug} (run with MUNPRESS_DEBUG=1 "
              "for the traceback and report it)", markup=False)
    sys.exit(70)
