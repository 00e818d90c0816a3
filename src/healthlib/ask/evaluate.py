"""`python -m healthlib.ask.evaluate` (`make eval`): how well ask reads real questions.

Runs every question in `healthlib/data/ask-eval.yaml` through `answer_question` against a
library (the default one, or --db, or a fresh build of the built-in guides with --build) and
prints medicine accuracy, type accuracy, emergency recall and the false-alarm rate. Exits 1
when any is below its target, so CI notices.

It then runs `healthlib/data/ask-heldout.yaml`, questions never used to tune the rules, and
prints the same four measures under "held-out (never tuned on)", without targets: they are
the honest estimate and never decide the exit code. Its misses are not listed, so that they
are not used to tune the rules.

A labelled medicine the library being evaluated has no guide for is dropped from the
expectation: the answer must then name no guide for it (it is "not in this library").
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from healthlib.ask.answer import Answer, answer_question
from healthlib.ask.understand import INTENTS
from healthlib.library.query import Library

TARGETS = {"medicines": 0.95, "type": 0.85, "emergency_recall": 1.0, "false_alarm": 0.0}


@dataclass(frozen=True)
class Case:
    q: str
    drugs: tuple[str, ...]
    type: str
    urgent: bool
    line: int


@dataclass
class Result:
    total: int
    medicines_ok: int
    type_ok: int
    urgent_total: int
    urgent_caught: int
    ordinary_total: int
    false_alarms: int
    misses: list[tuple[Case, Answer, list[str]]]

    @property
    def medicines(self) -> float:
        return self.medicines_ok / self.total if self.total else 0.0

    @property
    def type(self) -> float:
        return self.type_ok / self.total if self.total else 0.0

    @property
    def emergency_recall(self) -> float:
        return self.urgent_caught / self.urgent_total if self.urgent_total else 1.0

    @property
    def false_alarm(self) -> float:
        return self.false_alarms / self.ordinary_total if self.ordinary_total else 0.0

    def meets_targets(self) -> bool:
        return (self.medicines >= TARGETS["medicines"] and self.type >= TARGETS["type"]
                and self.emergency_recall >= TARGETS["emergency_recall"]
                and self.false_alarm <= TARGETS["false_alarm"])


def default_eval_path() -> Path:
    return Path(str(resources.files("healthlib") / "data" / "ask-eval.yaml"))


def default_heldout_path() -> Path:
    return Path(str(resources.files("healthlib") / "data" / "ask-heldout.yaml"))


def load_cases(path: Path | None = None) -> list[Case]:
    path = Path(path or default_eval_path())

    class _Loader(yaml.SafeLoader):
        pass

    def _mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
        data = loader.construct_mapping(node)
        data["__line__"] = node.start_mark.line + 1
        return data

    _Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or []
    cases = []
    for item in raw:
        line = item.get("__line__", 0)
        if item.get("type") not in INTENTS:
            raise ValueError(f"{path}:{line}: type: '{item.get('type')}' is not a question type")
        cases.append(Case(q=str(item["q"]), drugs=tuple(item.get("drugs") or ()), type=item["type"],
                          urgent=bool(item.get("urgent", False)), line=line))
    return cases


def evaluate(lib: Library, cases: list[Case]) -> Result:
    titles = lib.titles()
    r = Result(len(cases), 0, 0, 0, 0, 0, 0, [])
    for case in cases:
        answer = answer_question(lib, case.q)
        expected = {s for s in case.drugs if s in titles}
        problems = []
        if set(answer.drugs) == expected:
            r.medicines_ok += 1
        else:
            problems.append(f"medicines {sorted(answer.drugs)} != {sorted(expected)}")
        if answer.intent == case.type:
            r.type_ok += 1
        else:
            problems.append(f"type {answer.intent} != {case.type}")
        if case.urgent:
            r.urgent_total += 1
            if answer.urgent:
                r.urgent_caught += 1
            else:
                problems.append("missed emergency")
        else:
            r.ordinary_total += 1
            if answer.urgent:
                r.false_alarms += 1
                problems.append(f"false alarm {answer.red_flags}")
        if problems:
            r.misses.append((case, answer, problems))
    return r


def report(r: Result, show_misses: bool = True) -> str:
    def line(label: str, value: float, target: str, ok: bool) -> str:
        return f"| {label:<22} | {value * 100:6.1f}% | {target:<8} | {'ok' if ok else 'BELOW'} |"

    out = [f"ask evaluation: {r.total} questions ({r.urgent_total} emergencies)", "",
           "| measure                | result  | target   |       |",
           "|------------------------|---------|----------|-------|",
           line("medicine accuracy", r.medicines, ">= 95%", r.medicines >= TARGETS["medicines"]),
           line("type accuracy", r.type, ">= 85%", r.type >= TARGETS["type"]),
           line("emergency recall", r.emergency_recall, "100%", r.emergency_recall >= 1.0),
           line("false-alarm rate", r.false_alarm, "0%", r.false_alarm <= 0.0)]
    if show_misses and r.misses:
        out += ["", "misses:"]
        for case, _, problems in r.misses:
            out.append(f"  line {case.line}: {case.q!r}: " + "; ".join(problems))
    return "\n".join(out)


def report_heldout(r: Result) -> str:
    """The same four measures for the held-out set: no targets, no misses listed."""
    def line(label: str, value: float) -> str:
        return f"| {label:<22} | {value * 100:6.1f}% |"

    return "\n".join([f"held-out (never tuned on): {r.total} questions ({r.urgent_total} emergencies)", "",
                      "| measure                | result  |",
                      "|------------------------|---------|",
                      line("medicine accuracy", r.medicines),
                      line("type accuracy", r.type),
                      line("emergency recall", r.emergency_recall),
                      line("false-alarm rate", r.false_alarm)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m healthlib.ask.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, help="library file (default: a fresh build of the built-in guides)")
    parser.add_argument("--cases", type=Path, help="evaluation file (default: the built-in ask-eval.yaml)")
    parser.add_argument("--heldout", type=Path,
                        help="held-out file, reported without targets (default: the built-in ask-heldout.yaml)")
    parser.add_argument("--quiet", action="store_true", help="do not list the questions missed")
    args = parser.parse_args(argv)
    cases = load_cases(args.cases)
    heldout = load_cases(args.heldout or default_heldout_path())
    if args.db:
        lib = Library(args.db)
        result, held = evaluate(lib, cases), evaluate(lib, heldout)
    else:
        from healthlib.library.build import build_builtin

        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "library.db"
            build_builtin(db)
            lib = Library(db)
            result, held = evaluate(lib, cases), evaluate(lib, heldout)
    print(report(result, show_misses=not args.quiet))
    print()
    print(report_heldout(held))
    return 0 if result.meets_targets() else 1  # only the tuned set's targets decide


if __name__ == "__main__":
    sys.exit(main())
