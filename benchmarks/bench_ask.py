"""Speed of `answer_question`: p50/p95 per question (target p95 <= 50 ms), and start-up.

Start-up (target <= 5 s): a fresh Python process imports ask and loads the drug-name
dictionary and the question models (`warm_up`), as `healthlib serve` does before answering;
measured with the on-disk cache, which `healthlib build` (and the first `serve`, which builds
the library) fills, so every start a user meets only loads. Reported beside it: the same with
an empty cache, i.e. the one-off work `healthlib build` does (read the dictionary from its
package, train the models).

Then builds the built-in library into a temporary folder (or uses HEALTHLIB_BENCH_DB), answers
every question of the tuned and held-out sets once to warm the caches a running server would
have warm, then times several rounds. Prints a markdown table; returns 1 when a target is
missed. No network, no GPU.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from healthlib.ask.answer import answer_question
from healthlib.ask.evaluate import default_heldout_path, load_cases
from healthlib.library.build import build_builtin
from healthlib.library.query import Library

TARGET_P95_MS = 50.0
TARGET_STARTUP_S = 5.0
ROUNDS = 3
_STARTUP = ("import time; t = time.perf_counter(); from healthlib.ask.understand import warm_up; warm_up(); "
            "print(time.perf_counter() - t)")


def startup_seconds(cache: Path | None = None) -> float:
    """Seconds for a new process to import ask and load its dictionary and models."""
    env = {**os.environ, **({"XDG_CACHE_HOME": str(cache)} if cache else {})}
    out = subprocess.run([sys.executable, "-c", _STARTUP], env=env, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def build_then_start(cache: Path, db: Path) -> tuple[float, float]:
    """(seconds of `healthlib build` with an empty cache, seconds of the start-up right after it)."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import sys; from healthlib.surfaces.cli import main; "
                    "sys.exit(main(sys.argv[1:]))", "build", "--db", str(db)],
                   env=env, capture_output=True, text=True, check=True)
    return time.perf_counter() - t, startup_seconds(cache)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def run(db: Path) -> dict[str, float]:
    lib = Library(db)
    questions = [c.q for c in load_cases()] + [c.q for c in load_cases(default_heldout_path())]
    start = time.perf_counter()
    answer_question(lib, questions[0])
    first = (time.perf_counter() - start) * 1000  # cold: names index and first guide read
    for q in questions:  # warm-up, as a running server would be
        answer_question(lib, q)
    times: list[float] = []
    for _ in range(ROUNDS):
        for q in questions:
            t0 = time.perf_counter()
            answer_question(lib, q)
            times.append((time.perf_counter() - t0) * 1000)
    return {"questions": len(questions), "timed": len(times), "cold_ms": first,
            "p50": percentile(times, 50), "p95": percentile(times, 95), "p99": percentile(times, 99),
            "max": max(times), "mean": statistics.fmean(times)}


def main() -> int:
    with tempfile.TemporaryDirectory() as empty:
        first_start = startup_seconds(Path(empty))  # no cache: read the dictionary, train the models
    with tempfile.TemporaryDirectory() as empty:  # a new install: `healthlib build`, then the first start
        build_s, after_build = build_then_start(Path(empty) / "cache", Path(empty) / "library.db")
    startup_seconds()  # make sure the normal cache exists
    start = min(startup_seconds() for _ in range(2))
    env = os.environ.get("HEALTHLIB_BENCH_DB")
    if env:
        result = run(Path(env))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "library.db"
            build_builtin(db)
            result = run(db)
    ok = result["p95"] <= TARGET_P95_MS
    start_ok = start <= TARGET_STARTUP_S and after_build <= TARGET_STARTUP_S
    print(f"ask: {result['questions']} questions x {ROUNDS} rounds ({result['timed']} answers), one thread")
    print()
    print("| measure | ms | target |")
    print("|---|---:|---|")
    print(f"| start-up, cached dictionary and models | {start * 1000:.0f} | <= {TARGET_STARTUP_S * 1000:.0f} "
          f"{'ok' if start_ok else 'MISSED'} |")
    print(f"| first start after `healthlib build` on a new install | {after_build * 1000:.0f} | "
          f"<= {TARGET_STARTUP_S * 1000:.0f} |")
    print(f"| `healthlib build` on a new install (library, dictionary, models) | {build_s * 1000:.0f} | |")
    print(f"| of which reading the dictionary and training the models | {first_start * 1000:.0f} | |")
    print(f"| first question (cold) | {result['cold_ms']:.1f} | |")
    print(f"| p50 | {result['p50']:.2f} | |")
    print(f"| p95 | {result['p95']:.2f} | <= {TARGET_P95_MS:.0f} {'ok' if ok else 'MISSED'} |")
    print(f"| p99 | {result['p99']:.2f} | |")
    print(f"| max | {result['max']:.2f} | |")
    print(f"| mean | {result['mean']:.2f} | |")
    return 0 if ok and start_ok else 1


if __name__ == "__main__":
    sys.exit(main())
