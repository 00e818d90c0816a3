"""`make bench`: run every benchmark under benchmarks/ and print their tables.

Each benchmark module exposes `main()`, which prints a markdown table. Speed targets are
checked here, never by timed tests.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(names: list[str] | None = None) -> int:
    """Run every benchmark, or only those named (`python benchmarks/run_all.py web ask`)."""
    failed = 0
    for path in sorted(HERE.glob("bench_*.py")):
        if names and path.stem.removeprefix("bench_") not in names:
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[path.stem] = module  # dataclasses look their module up here
        assert spec.loader is not None
        spec.loader.exec_module(module)
        print(f"\n## {path.stem}\n", flush=True)
        failed += int(module.main() or 0)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
