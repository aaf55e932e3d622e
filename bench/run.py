"""Benchmark: build an issue (every edition) several times; print median wall time, CPU,
peak memory, pages and ms per page.  Usage: python bench/run.py [--issue 147] [--runs 5]

Each run is a fresh process (imports included, as a user pays them); imports are also
timed alone so the per-page figure can be compared with a bare ReportLab script.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = r"""
import json, resource, sys, time
from pathlib import Path
start_wall, start_cpu = time.perf_counter(), time.process_time()
from munpress.diagnostics import Sink
from munpress.pipeline import build_issue
imported = time.perf_counter() - start_wall
result = build_issue(Path(sys.argv[1]), sys.argv[2], None, Path(sys.argv[3]), Sink())
print(json.dumps({"wall": time.perf_counter() - start_wall, "imports": imported,
                  "cpu": time.process_time() - start_cpu,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "pages": sum(result.page_counts.values())}))
"""


def run_once(issue: str, out: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE, str(ROOT), issue, str(out)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issue", default="147")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as out:
        runs = [run_once(args.issue, Path(out)) for _ in range(args.runs)]
    median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    pages = int(median["pages"])
    per_page = (median["wall"] - median["imports"]) / pages * 1000
    print(f"issue {args.issue}, {args.runs} runs, both editions")
    print(f"  median wall     {median['wall']:.2f} s   (imports {median['imports']:.2f} s)")
    print(f"  median CPU      {median['cpu']:.2f} s")
    print(f"  peak memory     {median['peak_mb']:.0f} MB")
    print(f"  pages           {pages}")
    print(f"  per page        {per_page:.1f} ms  (after imports)")


if __name__ == "__main__":
    main()
