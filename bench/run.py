"""Benchmark of issue 147 as the designer and CI meet it, on a copy of the magazine.

Usage: python bench/run.py [--issue 147] [--runs 3] [--scale 1,2,4,8] [--skip-watch]

Every figure is a fresh process (imports included, as a user pays them), measured from
outside: wall time, CPU (user + system, the pool's workers included) and peak memory (the
largest of the processes). Printed:

- cold build (`build`: print and screen, both editions, no cache), warm build (cache full),
  rebuild after one manuscript changed;
- `watch` latency: a manuscript saved → its edition's proof written;
- munpress beside the naive script (bench/naive.py) on the same manuscripts: one edition,
  screen, no cache, CPU per page and the ratio;
- scale: one edition with 1×, 2×, 4×, 8× the articles, no cache: time and memory per page.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2
import tomlkit
from docx import Document

ROOT = Path(__file__).resolve().parents[1]
MUNPRESS = [sys.executable, "-m", "munpress"]
# Runs a command and says what it and every process it started cost.
MEASURE = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
if done.returncode:
    sys.exit(done.stderr or done.stdout)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": time.perf_counter() - start, "cpu": usage.ru_utime + usage.ru_stime,
                  "peak_mb": usage.ru_maxrss / 1024, "stdout": done.stdout}))
"""


def measure(command: list[str], cwd: Path) -> dict:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], cwd=cwd, capture_output=True, text=True,
                          env=env)
    if done.returncode:
        sys.exit(f"bench: {' '.join(command)} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def copy_magazine(target: Path, issue: str) -> Path:
    for name in ("munpress.toml",):
        shutil.copy(ROOT / name, target / name)
    for folder in (f"issues/{issue}", "fillers", "fonts"):
        if (ROOT / folder).exists():
            shutil.copytree(ROOT / folder, target / folder)
    return target


def pages(folder: Path, pattern: str) -> int:
    return sum(len(pypdfium2.PdfDocument(path)) for path in folder.glob(pattern))


def change_manuscript(path: Path, stamp: int) -> None:
    """What an editor does: a sentence more at the end of the article."""
    document = Document(str(path))
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    paragraphs[-1].add_run(f" Түзөтүү {stamp}.")
    document.save(str(path))


def median_of(runs: list[dict]) -> dict:
    return {key: statistics.median(run[key] for run in runs) for key in ("wall", "cpu", "peak_mb")}


def line(name: str, figures: dict, pages_count: int | None = None) -> str:
    per_page = f"  {figures['cpu'] / pages_count * 1000:6.1f} ms CPU/page" if pages_count else ""
    return (f"  {name:<34} {figures['wall']:6.2f} s wall  {figures['cpu']:6.2f} s CPU  "
            f"{figures['peak_mb']:5.0f} MB{per_page}")


def builds(magazine: Path, issue: str, runs: int) -> None:
    build = [*MUNPRESS, "build", issue]
    cold, warm, changed = [], [], []
    manuscript = sorted((magazine / "issues" / issue / "manuscripts" / "ky").glob("*.docx"))[4]
    for run in range(runs):
        shutil.rmtree(magazine / ".munpress-cache", ignore_errors=True)
        cold.append(measure(build, magazine))
        warm.append(measure(build, magazine))
        change_manuscript(manuscript, run)
        changed.append(measure(build, magazine))
    count = pages(magazine / "build" / issue, "*-screen.pdf")
    cold_figures = median_of(cold)
    print(f"issue {issue}, both editions, print + screen ({count} pages laid out), median of {runs}:")
    print(line("cold build (no cache)", cold_figures, count))
    print(line("warm build (cache full)", median_of(warm), count))
    print(line(f"one manuscript changed ({manuscript.name})", median_of(changed), count))
    print(f"  rebuild after one change / cold: {median_of(changed)['wall'] / cold_figures['wall']:.2f} (wall), "
          f"{median_of(changed)['cpu'] / cold_figures['cpu']:.2f} (CPU)")


def watch_latency(magazine: Path, issue: str, runs: int) -> None:
    proof = magazine / "build" / issue
    manuscript = sorted((magazine / "issues" / issue / "manuscripts" / "ky").glob("*.docx"))[6]
    process = subprocess.Popen([*MUNPRESS, "watch", issue, "--interval", "0.1"], cwd=magazine,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    latencies = []
    try:
        process.stdout.readline()  # the first build, both editions
        target = next(proof.glob("*-ky-proof.pdf"))
        for run in range(runs):
            before = target.stat().st_mtime_ns
            time.sleep(0.3)
            change_manuscript(manuscript, 100 + run)
            saved = time.perf_counter()
            while target.stat().st_mtime_ns == before:
                if time.perf_counter() - saved > 60:
                    sys.exit("bench: watch wrote no proof within a minute")
                time.sleep(0.01)
            latencies.append(time.perf_counter() - saved)
            process.stdout.readline()
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
    print(f"watch: a Kyrgyz manuscript saved -> its proof written: median {statistics.median(latencies):.2f} s "
          f"(runs: {', '.join(f'{x:.2f}' for x in latencies)})")


def beside_naive(magazine: Path, issue: str, runs: int) -> None:
    manuscripts = sorted(str(path) for path in (magazine / "issues" / issue / "manuscripts" / "ky").glob("*.docx"))
    out = magazine / "naive.pdf"
    naive = [measure([sys.executable, str(ROOT / "bench" / "naive.py"), *manuscripts, "--out", str(out)], magazine)
             for _ in range(runs)]
    naive_pages = len(pypdfium2.PdfDocument(out))
    ours = [measure([*MUNPRESS, "--no-cache", "build", issue, "--lang", "ky", "--variant", "screen",
                     "--out", "one"], magazine) for _ in range(runs)]
    our_pages = pages(magazine / "one", "*-ky-screen.pdf")
    naive_figures, our_figures = median_of(naive), median_of(ours)
    print(f"the same Kyrgyz manuscripts, one edition, screen, no cache, median of {runs}:")
    print(line(f"naive script ({naive_pages} pages)", naive_figures, naive_pages))
    print(line(f"munpress ({our_pages} pages)", our_figures, our_pages))
    ratio = (our_figures["cpu"] / our_pages) / (naive_figures["cpu"] / naive_pages)
    print(f"  munpress ms/page / naive ms/page: {ratio:.2f}")


def scaled_issue(magazine: Path, issue: str, times: int) -> str:
    """Issue 9<times>: the articles of `issue` `times` over, each copy a manuscript of its own."""
    source = magazine / "issues" / issue
    number = str(900 + times)
    target = magazine / "issues" / number
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    document = tomlkit.parse((source / "issue.toml").read_text(encoding="utf-8"))
    document["number"] = int(number)
    sections = document["sections"]
    originals = [section for section in sections]
    for copy in range(2, times + 1):
        for section in originals:
            duplicate = tomlkit.parse(tomlkit.dumps({"s": [section]}))["s"][0]
            for article in duplicate.get("articles", []):
                for lang, path in list(article["manuscript"].items()):
                    new = Path(path).with_name(f"x{copy}-{Path(path).name}").as_posix()
                    shutil.copy(target / path, target / new)
                    article["manuscript"][lang] = new
            sections.append(duplicate)
    (target / "issue.toml").write_text(tomlkit.dumps(document), encoding="utf-8")
    return number


def scale(magazine: Path, issue: str, factors: list[int]) -> None:
    print("scale: the Kyrgyz edition, screen, no cache, with the articles of the issue repeated:")
    print(f"  {'articles':>9} {'pages':>6} {'wall s':>7} {'CPU s':>7} {'ms CPU/page':>12} {'peak MB':>8}")
    for times in factors:
        number = scaled_issue(magazine, issue, times) if times > 1 else issue
        out = magazine / f"scale-{times}"
        figures = measure([*MUNPRESS, "--no-cache", "build", number, "--lang", "ky", "--variant", "screen",
                           "--out", str(out)], magazine)
        count = pages(out, "*-ky-screen.pdf")
        print(f"  {times:>8}x {count:>6} {figures['wall']:>7.2f} {figures['cpu']:>7.2f} "
              f"{figures['cpu'] / count * 1000:>12.1f} {figures['peak_mb']:>8.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issue", default="147")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale", default="1,2,4,8")
    parser.add_argument("--skip-watch", action="store_true")
    args = parser.parse_args()
    print(f"bench: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as folder:
        magazine = copy_magazine(Path(folder), args.issue)
        beside_naive(magazine, args.issue, args.runs)
        builds(magazine, args.issue, args.runs)
        if not args.skip_watch:
            watch_latency(magazine, args.issue, args.runs)
        scale(magazine, args.issue, [int(x) for x in args.scale.split(",") if x])


if __name__ == "__main__":
    main()
