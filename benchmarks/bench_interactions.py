"""Speed of the interaction checker: a 10-medicine check, p50/p95 (target p95 <= 20 ms).

Builds the built-in library into a temporary folder (or uses HEALTHLIB_BENCH_DB), then checks
500 lists of 10 medicines drawn at random (fixed seed) from the library's generic and brand
names, with a misspelling in every list. Reports the cold first check (the index is built once
per library file) and the JSON API over the real app in-process. Returns 1 when the target is
missed. No network.
"""

from __future__ import annotations

import gc
import os
import random
import sys
import tempfile
import time
import tracemalloc
import warnings
from pathlib import Path

from healthlib.library.build import build_builtin
from healthlib.library.interactions import check_medicines, interaction_index
from healthlib.library.query import Library

TARGET_P95_MS = 20.0
LISTS = 500
SIZE = 10


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def lists(lib: Library) -> list[list[str]]:
    rng = random.Random(13)
    guides = lib.guides()
    out = []
    for _ in range(LISTS):
        picked = rng.sample(guides, SIZE)
        names = [rng.choice([g.title, *g.brand_names[:2]]) for g in picked]
        word = names[0]
        i = rng.randrange(1, max(2, len(word) - 1))
        names[0] = word[:i] + word[i + 1:] if len(word) > 6 else word  # one dropped letter
        out.append(names)
    return out


def run(db: Path) -> dict[str, float]:
    lib = Library(db)
    work = lists(lib)
    t0 = time.perf_counter()
    check_medicines(lib, work[0])
    cold = (time.perf_counter() - t0) * 1000
    times = []
    findings = 0
    for names in work:
        t0 = time.perf_counter()
        report = check_medicines(lib, names)
        times.append((time.perf_counter() - t0) * 1000)
        findings += len(report.findings)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

        from healthlib.surfaces.web.app import create_app
        client = TestClient(create_app(db))
    api = []
    for names in work[:200]:
        t0 = time.perf_counter()
        r = client.get("/api/v1/interactions", params=[("m", n) for n in names])
        api.append((time.perf_counter() - t0) * 1000)
        assert r.status_code == 200, r.text
    kept_mb, peak_mb, cpu_ms = index_memory(db)
    return {"kept_mb": kept_mb, "peak_mb": peak_mb, "index_cpu_ms": cpu_ms, "cold": cold, "p50": percentile(times, 50), "p95": percentile(times, 95),
            "p99": percentile(times, 99), "findings": findings / len(work),
            "api_p50": percentile(api, 50), "api_p95": percentile(api, 95)}


def index_memory(db: Path) -> tuple[float, float, float]:
    """MB the index keeps and MB at its peak while building (tracemalloc, a fresh Library), and
    the build's CPU ms (measured apart: tracemalloc slows it)."""
    lib = Library(db)
    lib.titles()  # the name index is not the interaction index's
    started = time.process_time()
    interaction_index(lib)
    cpu_ms = (time.process_time() - started) * 1000
    lib = Library(db)
    lib.titles()
    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        index = interaction_index(lib)
        gc.collect()
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del index
    return (kept - base) / 1e6, (peak - base) / 1e6, cpu_ms


def main() -> int:
    env = os.environ.get("HEALTHLIB_BENCH_DB")
    if env:
        r = run(Path(env))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "library.db"
            build_builtin(db)
            r = run(db)
    ok = r["p95"] <= TARGET_P95_MS
    print(f"{LISTS} checks of {SIZE} medicines (about {r['findings']:.0f} findings each)\n")
    print("| measure | p50 | p95 | p99 | target |")
    print("| --- | ---: | ---: | ---: | --- |")
    print(f"| `check_medicines`, 10 names | {r['p50']:.2f} ms | {r['p95']:.2f} ms | {r['p99']:.2f} ms | "
          f"p95 ≤ {TARGET_P95_MS:g} ms {'✓' if ok else '✗'} |")
    print(f"| `GET /api/v1/interactions`, 10 names (in-process) | {r['api_p50']:.2f} ms | {r['api_p95']:.2f} ms "
          "| — | — |")
    print(f"| first check after a new library file (index build) | {r['cold']:.0f} ms | | | — |")
    print(f"\nThe index keeps {r['kept_mb']:.1f} MB ({r['peak_mb']:.1f} MB at its peak while building; "
          f"tracemalloc); building it takes {r['index_cpu_ms']:.0f} ms of CPU.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
