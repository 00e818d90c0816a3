"""Speed of `find_pills` with 10,000 products (target p95 <= 20 ms), over a mix of typings.

Builds a library in a temporary folder from the built-in guides with 10,000 generated products
spread over them (imprints in the shapes labels use: "ABC;123", "M;367", "PD;155;10"; FDA's
colours and shapes), then times searches the way people type: as on the label, lower case
without spaces, parts reversed, with other separators, the start only, one side only, with a
colour or shape, colour and shape alone, and imprints nobody makes. Nothing generated is kept.
Prints a markdown table; returns 1 when the target is missed. No network.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from healthlib.library.build import build_library
from healthlib.library.pills import COLORS, SHAPES, find_pills
from healthlib.library.query import Library
from healthlib.model.monograph import Monograph, Pill
from healthlib.readers.curated import read_builtin

TARGET_P95_MS = 20.0
PRODUCTS = 10_000
SEARCHES_PER_KIND = 300
LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def make_imprint(rng: random.Random) -> str:
    letters = "".join(rng.choice(LETTERS) for _ in range(rng.choice((1, 2, 2, 3, 3, 4))))
    number = str(rng.randint(1, 9999))
    pattern = rng.random()
    if pattern < 0.45:
        return f"{letters};{number}"
    if pattern < 0.65:
        return f"{letters}{number}"
    if pattern < 0.85:
        return f"{letters};{rng.randint(100, 999)};{rng.choice((5, 10, 20, 25, 40, 50, 80, 100))}"
    return f"{number};{letters}"


def with_products(monographs: list[Monograph], rng: random.Random) -> tuple[list[Monograph], list[Pill]]:
    """Each guide with its share of generated products (citing one of its own sources, so they
    resolve), on its first form."""
    per_guide = PRODUCTS // len(monographs) + 1
    made: list[Pill] = []
    out = []
    for m in monographs:
        if not m.forms:
            out.append(m)
            continue
        cite = [m.sources[-1].id]
        pills = []
        for _ in range(per_guide):
            if len(made) >= PRODUCTS:
                break
            colors = [rng.choice(COLORS)] + ([rng.choice(COLORS)] if rng.random() < 0.15 else [])
            pill = Pill(imprint=make_imprint(rng), colors=list(dict.fromkeys(colors)), shape=rng.choice(SHAPES),
                        size_mm=rng.choice((6, 8, 9, 10, 11, 12, 14, 16, 19)), score=rng.choice((1, 1, 2)),
                        strength=f"{rng.choice((1, 2.5, 5, 10, 20, 25, 40, 50, 100, 200, 500))} mg",
                        form="tablet", labeller=f"Maker {rng.randint(1, 400)} Inc",
                        ndc=f"{rng.randint(10000, 99999)}-{rng.randint(100, 999)}", cite=cite)
            pills.append(pill)
            made.append(pill)
        forms = [m.forms[0].model_copy(update={"pills": pills}), *m.forms[1:]]
        out.append(m.model_copy(update={"forms": forms}))
    return out, made


def typings(rng: random.Random, pills: list[Pill]) -> dict[str, list[Callable[[], dict]]]:
    def sample() -> Pill:
        return rng.choice(pills)

    def parts(p: Pill) -> list[str]:
        return (p.imprint or "").split(";")

    kinds: dict[str, Callable[[], dict]] = {
        "as on the label": lambda: {"imprint": " ".join(parts(sample()))},
        "lower case, no spaces": lambda: {"imprint": "".join(parts(sample())).lower()},
        "parts reversed": lambda: {"imprint": " ".join(reversed(parts(sample())))},
        "other separators": lambda: {"imprint": "-".join(parts(sample()))},
        "start only": lambda: {"imprint": (sample().imprint or "")[:2]},
        "one side only": lambda: {"imprint": parts(sample())[-1]},
        "imprint and colour": lambda: (lambda p: {"imprint": p.imprint, "color": p.colors[0]})(sample()),
        "imprint, colour, shape": lambda: (lambda p: {"imprint": " ".join(parts(p)).lower(),
                                                      "color": p.colors[0], "shape": p.shape})(sample()),
        "colour and shape only": lambda: {"color": rng.choice(COLORS), "shape": rng.choice(SHAPES)},
        "colour only (synonym)": lambda: {"color": rng.choice(("grey", "lavender", "off-white", "tan"))},
        "no such imprint": lambda: {"imprint": f"QQ{rng.randint(10000, 99999)}"},
    }
    return {name: [make] * SEARCHES_PER_KIND for name, make in kinds.items()}


def run(db: Path, pills: list[Pill], rng: random.Random) -> tuple[dict[str, list[float]], int]:
    lib = Library(db)
    find_pills(lib, imprint="warm up")
    times: dict[str, list[float]] = {}
    missed = 0
    for name, makers in typings(rng, pills).items():
        for make in makers:
            asked = make()
            t0 = time.perf_counter()
            found = find_pills(lib, **asked)
            times.setdefault(name, []).append((time.perf_counter() - t0) * 1000)
            if name not in {"no such imprint"} and not found.results:
                missed += 1
    return times, missed


def main() -> int:
    rng = random.Random(13)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "library.db"
        monographs, pills = with_products(list(read_builtin()), rng)
        t0 = time.perf_counter()
        build_library(db, monographs)
        build_s = time.perf_counter() - t0
        times, missed = run(db, pills, rng)
    every = [t for ts in times.values() for t in ts]
    p95 = percentile(every, 95)
    ok = p95 <= TARGET_P95_MS
    print(f"pills: {len(pills):,} products on {len(monographs)} guides (library built in {build_s:.1f} s); "
          f"{len(every):,} searches, one thread; searches that should have found something but did not: {missed}")
    print()
    print("| typing | p50 ms | p95 ms | max ms |")
    print("|---|---:|---:|---:|")
    for name, ts in times.items():
        print(f"| {name} | {percentile(ts, 50):.2f} | {percentile(ts, 95):.2f} | {max(ts):.2f} |")
    print(f"| **all** | {percentile(every, 50):.2f} | {p95:.2f} | {max(every):.2f} |")
    print()
    print(f"p95 {p95:.2f} ms (target <= {TARGET_P95_MS:.0f} ms) {'ok' if ok else 'MISSED'}; "
          f"mean {statistics.fmean(every):.2f} ms; load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores (above the core count, other work shared the CPUs)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
