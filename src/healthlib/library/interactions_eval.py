"""Measure the interaction checker on a list of well-known interacting pairs.

For each pair: is it found (a finding for the pair, with at least one citation), and, where the
labels call it contraindicated or serious, is it shown as serious? Run with
`python -m healthlib.library.interactions_eval [--db PATH]` (part of `make eval`); exit 1 when
any pair is missed, so a regression is loud.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from healthlib.library.build import build_builtin
from healthlib.library.interactions import check_medicines
from healthlib.library.query import Library

PAIR_KINDS = {"pair", "same-ingredient", "mentioned"}


def pairs_path() -> Path:
    return Path(str(resources.files("healthlib") / "data" / "interaction-pairs-eval.yaml"))


@dataclass(frozen=True)
class PairResult:
    a: str
    b: str
    want_serious: bool
    found: bool
    cited: bool
    shown_serious: bool

    @property
    def ok(self) -> bool:
        return self.found and self.cited and (self.shown_serious or not self.want_serious)


def evaluate(lib: Library, path: Path | None = None) -> list[PairResult]:
    items = yaml.safe_load((path or pairs_path()).read_text(encoding="utf-8"))
    results = []
    for item in items:
        a, b = item["pair"]
        report = check_medicines(lib, [a, b])
        hits = [f for f in report.findings if f.kind in PAIR_KINDS and {a, b} <= set(f.medicines)]
        results.append(PairResult(
            a, b, bool(item.get("serious")), found=bool(hits),
            cited=any(s.title for f in hits for n in f.notes for s in n.sources),
            shown_serious=any(f.severity == "serious" for f in hits)))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, help="library file (default: a fresh build of the built-in guides)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or build_builtin(Path(tmp) / "library.db").path
        results = evaluate(Library(db))
    serious = [r for r in results if r.want_serious]
    found = sum(r.found and r.cited for r in results)
    print(f"interaction pairs: {found}/{len(results)} found with citations; "
          f"{sum(r.shown_serious for r in serious)}/{len(serious)} serious ones shown as serious")
    for r in results:
        if not r.ok:
            what = "not found" if not r.found else "no citation" if not r.cited else "not shown as serious"
            print(f"  MISSED {r.a} + {r.b}: {what}")
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
