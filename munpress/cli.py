"""The command line: parses options, calls one pipeline function, renders the result.

Exit codes: 0 fine (warnings allowed), 1 the check found errors (or text would be lost),
2 unusable input or usage (one line, no traceback), 70 a bug in munpress.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from munpress import __version__
from munpress.diagnostics import Diagnostic, MunpressError, Severity, Sink
from munpress.manifest import find_root

app = typer.Typer(add_completion=True, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Typesets «Муниципалитет» from Word manuscripts into print-ready PDF.")
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

LANG_OPTION = typer.Option(None, "--lang", help="Only this edition (ky or ru); repeatable.")
ROOT_OPTION = typer.Option(None, "--root", help="The magazine folder (default: nearest with munpress.toml).")
RAW_OPTION = typer.Option(False, "--no-typography",
                          help="Set the manuscripts' text as typed: no quotes, dashes or no-break spaces added.")
COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def _version(value: bool) -> None:
    if value:
        out.print(f"munpress {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                              help="Print the version and exit.")) -> None:
    """Typesets «Муниципалитет» from Word manuscripts into print-ready PDF."""


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


@app.command()
def build(issue: str = typer.Argument(..., help="Issue number, e.g. 147."),
          lang: Optional[list[str]] = LANG_OPTION,
          out_dir: Optional[Path] = typer.Option(None, "--out", help="Folder for the PDFs (default build/<N>/)."),
          variant: Optional[list[str]] = typer.Option(
              None, "--variant", help="print (bleed, crop marks, CMYK), screen (bookmarks, links, RGB) or "
                                      "proof (screen with a watermark and slug); repeatable. Default: print and screen."),
          root: Optional[Path] = ROOT_OPTION, raw: bool = RAW_OPTION) -> None:
    """Typeset the issue's editions into PDF.  Example: munpress build 147 --lang ky --variant proof"""
    from munpress.layout.variant import DEFAULT_VARIANTS, VARIANT_NAMES
    from munpress.pipeline import build_issue

    for name in variant or ():
        if name not in VARIANT_NAMES:
            raise MunpressError(f"unknown variant {name!r}", code="usage.variant",
                                hint=f"use --variant {' or --variant '.join(VARIANT_NAMES)}")
    variants = tuple(dict.fromkeys(variant)) if variant else DEFAULT_VARIANTS
    result = build_issue(_root(root), issue, lang, out_dir, Sink(), typography=not raw, variants=variants)
    for path in result.paths:
        out.print(str(path))
    for d in result.diagnostics:
        if d.code == "docx.tracked-changes":  # the PDF shows text that is not final yet: say so
            err.print(f"{d.lang} · {d.article}: {d.data['tracked_changes']} tracked changes set as accepted",
                      markup=False)
    findings = [d for d in result.diagnostics if d.severity is not Severity.INFO]
    if findings:
        err.print(f"{_summary(findings)} found: run [bold]munpress check {issue}[/bold] for details")


@app.command()
def check(issue: str = typer.Argument(..., help="Issue number, e.g. 147."),
          lang: Optional[list[str]] = LANG_OPTION,
          as_json: bool = typer.Option(False, "--json", help="One JSON document: the list of findings."),
          root: Optional[Path] = ROOT_OPTION, raw: bool = RAW_OPTION) -> None:
    """Check the issue before it goes to the designer.  Example: munpress check 147 --json"""
    from munpress.pipeline import check_issue

    report = check_issue(_root(root), issue, lang, Sink(), typography=not raw)
    if as_json:
        sys.stdout.write(json.dumps([d.as_json() for d in report.diagnostics], ensure_ascii=False, indent=2) + "\n")
    else:
        _print_placements(report.placements)
        _print_findings(report.diagnostics)
    if any(d.severity is Severity.ERROR for d in report.diagnostics):
        raise typer.Exit(1)


@app.command()
def report(issue: str = typer.Argument(..., help="Issue number, e.g. 147."),
           lang: Optional[list[str]] = LANG_OPTION,
           as_json: bool = typer.Option(False, "--json", help="One JSON document: a row per article."),
           root: Optional[Path] = ROOT_OPTION, raw: bool = RAW_OPTION) -> None:
    """How well the type is set, per article: word spaces, hyphens, widows.  Example: munpress report 147"""
    from dataclasses import asdict

    from munpress.pipeline import check_issue

    rows = check_issue(_root(root), issue, lang, Sink(), typography=not raw).typography
    if as_json:
        sys.stdout.write(json.dumps([asdict(row) for row in rows], ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title="Typography (word space: 95th percentile in ems over justified lines of 20+ "
                        "characters; target ≤ 0.50)", title_justify="left")
    columns = ("edition", "article", "lines", "word space p95", "max", "hyphenated", "longest run",
               "overfull", "widows", "orphans", "hyphen at foot")
    for column in columns:
        table.add_column(column, justify="left" if column in ("edition", "article") else "right")
    for row in rows:
        gap = f"{row.gap_p95:.2f}" if row.gap_p95 <= 0.5 else f"[yellow]{row.gap_p95:.2f}[/yellow]"
        run = str(row.hyphen_run) if row.hyphen_run <= 2 else f"[yellow]{row.hyphen_run}[/yellow]"
        table.add_row(row.lang, row.article, str(row.lines), gap, f"{row.gap_max:.2f}", str(row.hyphenated),
                      run, str(row.overfull), str(row.widows), str(row.orphans), str(row.hyphen_at_foot),
                      style="bold" if row.article == "(edition)" else None)
    out.print(table)


@app.command()
def flatplan(issue: str = typer.Argument(..., help="Issue number, e.g. 147."),
             lang: Optional[list[str]] = LANG_OPTION,
             png: bool = typer.Option(False, "--png", help="A PNG image instead of a one-page PDF."),
             out_dir: Optional[Path] = typer.Option(None, "--out", help="Folder (default build/<N>/)."),
             root: Optional[Path] = ROOT_OPTION) -> None:
    """Every page of each edition as a thumbnail on one sheet, with folio, rubric and articles.
    Example: munpress flatplan 147 --lang ky"""
    from munpress.pipeline import flatplan_issue

    for path in flatplan_issue(_root(root), issue, lang, out_dir, Sink(), "png" if png else "pdf"):
        out.print(str(path))


def _print_placements(rows) -> None:
    table = Table(title="Planned and real start pages", title_justify="left")
    for column in ("edition", "article", "planned", "actual", "difference"):
        table.add_column(column, justify="right" if column in ("planned", "actual", "difference") else "left")
    for row in rows:
        difference = row.difference
        shown = "" if difference is None else ("0" if difference == 0 else f"[red]{difference:+d}[/red]")
        table.add_row(row.lang, row.article, str(row.planned or ""), str(row.actual or ""), shown)
    out.print(table)


def _print_findings(diagnostics: list[Diagnostic]) -> None:
    if diagnostics:
        table = Table(title="Findings", title_justify="left")
        for column in ("severity", "code", "where", "message"):
            table.add_column(column)
        for d in diagnostics:
            where = " · ".join(str(x) for x in (d.lang, d.article, d.file, d.page and f"p. {d.page}") if x)
            colour = COLOURS[d.severity]
            table.add_row(f"[{colour}]{d.severity.value}[/{colour}]", d.code, where, d.message)
        out.print(table)
    out.print(_summary(diagnostics))


def main() -> None:
    """Entry point: renders munpress's own errors as one line; never a traceback for input."""
    try:
        # without standalone mode click returns a command's exit code instead of raising it
        code = app(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except MunpressError as error:
        err.print(f"[red]error:[/red] {error.one_line()}", soft_wrap=True, markup=True)
        sys.exit(error.exit_code)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        err.print("interrupted; no file was changed")
        sys.exit(130)
    except Exception as bug:  # a bug in munpress, not the user's input
        if os.environ.get("MUNPRESS_DEBUG"):
            raise
        err.print(f"munpress: internal error: {type(bug).__name__}: {bug} (run with MUNPRESS_DEBUG=1 "
                  "for the traceback and report it)", markup=False)
        sys.exit(70)
