"""`python -m healthlib.ask.evaluate` (`make eval`): how well ask reads real questions.

Four figures, side by side, the honest ones first:
(c) held-out: `data/ask-heldout.yaml`, the project's own questions never used for tuning or
    training; only aggregates are printed, never its misses; beside it the blind held-out sets
    `data/ask-heldout-blind18.yaml` (written at the start of round 19 by an outside writer who saw no code, as
    style twins of real questions drawn from the same half as blinds 14-17; measured on that round's starting and
    final code, aggregates only, then type-model training from round 20 like the others below, so its column is
    leave-one-set-out: the same model as the round's final one), `-blind17.yaml` (the same in round 18; a
    development set from round 19), `-blind16.yaml` (written at the start of round 17 by someone who saw no code, each
    question the style twin of a real consumer question drawn from the same half of the real questions as
    blinds 14 and 15, which no training writer imitated; measured on that round's starting and final code;
    a development set from round 18), `-blind15.yaml` (the same in round 16; a development set from round 17), `-blind14.yaml` (the same in round 15; its missed emergencies and wrong medicines read
    in that round's last hour, a development set from round 16), `-blind13.yaml` (the same in round 14, its style models drawn from
    all real questions; its missed emergencies read in that round's last hour, a development set from
    round 15), `-blind12.yaml` (the same in round 13; a
    development set from round 14), `-blind11.yaml` (the same
    in round 12; a development set from round 13), `-blind10.yaml` (the same
    in round 11; a development set from round 12), `-blind9.yaml` (the same
    in round 10; its misses then read: a development set from round 11), `-blind8.yaml` (the same
    in round 9; a development set from round 10),
    `-blind7.yaml` (the same in round 8; then its misses read: a development set from round 9),
    `-blind6.yaml` (the same in round 7; a development set from round 8), `-blind5.yaml` (written at the start of round 6, first measured at
    its end) and `-blind2.yaml`, written by someone who saw neither this code nor its training
    data, before a round of work, and measured at its end. `data/ask-heldout-blind.yaml`,
    `-blind3.yaml` and `-blind4.yaml` were written the same way; blind 1 was measured blind in
    rounds 2-3 and is a development set from round 4 (2026-12-06), blind 3 was measured blind
    once at the end of round 4 and is a development set from round 5, blind 4 was measured blind
    once at the end of round 5 and is a development set from round 6 (2026-12-06): their misses
    are read to find classes of error, none of their questions is copied or paraphrased into
    hand-written training data. From round 18 every development blind (1, 3, 4, 6-16; blind 16 became one
    then; blinds 17 and 18 joined at the ends of rounds 18 and 19, after their blind measurements) is itself type-model training (`training.BLIND_TRAIN_FILES`), so its in-sample score would mean
    nothing: each is scored leave-one-set-out (`leave_one_set_out`: a model trained on all other training
    data, the other development blinds included, but not on it), and its column says so ("blind 16 (dev
    from round 18; leave-one-set-out)"). The held-out set and blinds 2 and 5 are never trained on
    (`training.NEVER_OPEN_FILES`) and are scored by the full model, aggregates only;
(d) real consumer questions: the 318 questions people sent to the U.S. National Library of
    Medicine (`../shared/corpora/consumer-health-questions.tsv`, or --consumer), labelled by
    hand in `data/ask-consumer.yaml` before the answerer was run on them. The labelled ones
    (those naming a medicine) give medicine and type accuracy; all 318 give "answers about a
    medicine that was not asked" and false alarms. Skipped when the TSV is not found;
(b) k-fold cross-validation of the question-type and emergency models on their training data (the
    development blinds among it from round 18),
    and of the whole emergency decision (rules or model): emergencies caught and false alarms;
(e) the emergency check sets `data/ask-urgent-check*.yaml`, each written before a round of work on
    the emergency model and rules and never trained on: aggregates only. From round 4
    (2026-12-06) check sets (e) and (e2) are development sets (their misses were read to find
    error classes); (e3) stays unread; (e4), written in round 11 in messy, late and typo'd styles
    before that round's emergency work, is a development set; so is (e5), written in round 12 (a reassurance
    before a danger now, slips in the verbs of taking, a danger told in the past that goes on), and so is (e6),
    written in round 13 (text-message shorthand, a routine question first and the danger in passing, sleeping
    it off, someone with the person now, a danger played down), and so is (e7), written in round 14 (many numbers
    and units, a message correcting itself, a relay through a third person, a professional's log, a timeline;
    look-alikes: emergencies imagined or planned for, symptoms gone hours ago, warnings quoted from leaflets), and
    so is (e8), written in round 15 as style twins of 120 real questions drawn by a seeded sample (each copies
    one drawn question's length, opening, punctuation, capitals, typos and way of asking), and so is (e9), written in
    round 16 by an outside writer as 60 urgent and 60 ordinary style twins of real questions, measured on that round's
    start and end code before its items were read, and so is (e10), written the same way in round 17 and measured
    on that round's start and end code before its items were read; (e11), written the same way in round 18, was
    measured on that round's start and end code and is a development set from round 19 (its misses read by the
    emergency work); (e12), written the same way in round 19, was measured on that round's start and end code
    and is unread;
(a) the tuned set `data/ask-eval.yaml` (also training data): prints its misses, and decides
    the exit code (1 when a target is missed), so CI notices a regression.

A labelled medicine the library being evaluated has no guide for is dropped from the
expectation: the answer must then name no guide for it (it is "not in this library").
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from healthlib.ask.answer import Answer, answer_question
from healthlib.ask.training import BLIND_TRAIN_FILES
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
    wrong_medicine: int = 0  # answers with passages from a guide the question did not ask about
    typed_total: int = 0  # questions whose type is scored
    first_ok: int = 0  # ...whose first part's type is right (the type counts when either part is)

    @property
    def medicines(self) -> float:
        return self.medicines_ok / self.total if self.total else 0.0

    @property
    def type(self) -> float:
        n = self.typed_total or self.total
        return self.type_ok / n if n else 0.0

    @property
    def first_type(self) -> float:
        n = self.typed_total or self.total
        return self.first_ok / n if n else 0.0

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


def check_path(name: str) -> Path:
    """A data file of the package (the evaluation and check sets live beside the training data)."""
    return Path(str(resources.files("healthlib") / "data" / name))


def default_eval_path() -> Path:
    return check_path("ask-eval.yaml")


# Held-out sets written by someone who saw neither the answerer's code nor its training data.
# Each was written while the ones before it had been measured; the first is a development set
# from round 4, the third from round 5, the fourth from round 6, the sixth from round 8, the
# seventh from round 9, the eighth from round 10, the ninth from round 11, the tenth from round 12
# the eleventh from round 13, the twelfth from round 14, the thirteenth from round 15, the
# fourteenth from round 16, the fifteenth from round 17 and the sixteenth from round 18 (their misses are read; their
# questions never enter hand-written training data, but from round 18 they train the type model as themselves:
# `training.BLIND_TRAIN_FILES`, scored leave-one-set-out).
BLIND_FILES = ("ask-heldout-blind.yaml", "ask-heldout-blind2.yaml", "ask-heldout-blind3.yaml",
               "ask-heldout-blind4.yaml", "ask-heldout-blind5.yaml", "ask-heldout-blind6.yaml",
               "ask-heldout-blind7.yaml", "ask-heldout-blind8.yaml", "ask-heldout-blind9.yaml",
               "ask-heldout-blind10.yaml", "ask-heldout-blind11.yaml",
               "ask-heldout-blind12.yaml", "ask-heldout-blind13.yaml", "ask-heldout-blind14.yaml",
               "ask-heldout-blind15.yaml", "ask-heldout-blind16.yaml", "ask-heldout-blind17.yaml",
               "ask-heldout-blind18.yaml")


def blind_number(name: str) -> int:
    return BLIND_FILES.index(name) + 1


def blind_title(name: str) -> str:
    """A blind set's column title: a development set (type-model training since round 18) says when it became
    one and that it is scored leave-one-set-out."""
    n = blind_number(name)
    if name not in BLIND_TRAIN_FILES:
        return f"(c) blind held-out {n}"
    return f"(c) blind {n} (dev from round {({1: 4, 3: 5, 4: 6}.get(n, n + 2))}; leave-one-set-out)"


def blind_columns(results: list[Result | None], held: Result | None) -> list[tuple[str, Result | None]]:
    """The held-out columns (`results` in `BLIND_FILES` order, `held` the held-out set's): the never-open
    sets first, then the development sets, newest first."""
    named = list(zip(BLIND_FILES, results, strict=True))
    never = [(blind_title(n), r) for n, r in reversed(named) if n not in BLIND_TRAIN_FILES]
    return [*never, ("(c) held-out", held), *((blind_title(n), r) for n, r in reversed(named) if n in BLIND_TRAIN_FILES)]


def default_heldout_path() -> Path:
    return check_path("ask-heldout.yaml")


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


def evaluate(lib: Library, cases: list[Case], type_only_with_medicine: bool = False) -> Result:
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
        if {p.guide for p in answer.passages} - expected - ({answer.other} if answer.other else set()):
            r.wrong_medicine += 1
            problems.append("answered about a medicine not asked")
        if not type_only_with_medicine or expected:
            r.typed_total += 1
            r.first_ok += answer.intent == case.type
            if case.type in answer.intents or answer.intent == case.type:
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


def side_by_side(columns: list[tuple[str, Result | None]], cv: tuple[float, float, int] | None) -> str:
    """The four evaluations in one table, held-out first."""
    def cell(r: Result | None, value: str) -> str:
        if r is None:
            return "—"
        v = {"medicines": r.medicines, "type": r.type, "first": r.first_type, "recall": r.emergency_recall,
             "false": r.false_alarm}.get(value)
        return f"{v * 100:.1f}%" if v is not None else str(r.wrong_medicine)

    heads = [name for name, _ in columns] + (["cross-validation"] if cv else [])
    out = ["| measure | " + " | ".join(heads) + " |", "|---|" + "---:|" * len(heads)]
    rows = [("questions", None), ("medicine found", "medicines"), ("question type", "type"),
            ("...of the first part", "first"),
            ("emergency recall", "recall"), ("false alarms", "false"), ("wrong-medicine answers", "wrong")]
    for label, key in rows:
        cells = []
        for _, r in columns:
            if key is None:
                cells.append("—" if r is None else f"{r.total} ({r.urgent_total} urgent)")
            else:
                cells.append(cell(r, key))
        if cv:
            cells.append({None: f"{cv[2]} typed", "type": f"{cv[0] * 100:.1f}%",
                          "recall": f"{cv[1] * 100:.1f}% (urgent/not)"}.get(key, "—"))
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def default_consumer_tsv() -> Path | None:
    """The shared corpus of real consumer questions, when this checkout sits beside it."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "shared" / "corpora" / "consumer-health-questions.tsv"
        if candidate.exists():
            return candidate
    return None


def consumer_labels() -> dict[int, dict]:
    """The hand labels of `data/ask-consumer.yaml` by TSV row."""
    return {int(x["row"]): x for x in yaml.safe_load(
        check_path("ask-consumer.yaml").read_text(encoding="utf-8")) or []}


def load_consumer(tsv: Path) -> list[Case]:
    """All rows of the consumer TSV, with the hand labels of `data/ask-consumer.yaml` joined in."""
    import csv

    labels = consumer_labels()
    cases = []
    with tsv.open(encoding="utf-8", newline="") as f:
        for n, row in enumerate(csv.DictReader(f, delimiter="\t"), start=1):
            label = labels.get(n, {})
            cases.append(Case(q=row["question"], drugs=tuple(label.get("drugs") or ()),
                              type=label.get("type", "other"), urgent=bool(label.get("urgent", False)), line=n))
    return cases


@cache
def _training_examples() -> tuple:
    """Every training question, read from the data files once for all the leave-one-set-out folds."""
    from healthlib.ask import classifier

    return tuple(classifier.training_examples())


@contextmanager
def trained_without(name: str) -> Iterator[None]:
    """Within: the models are trained on all training data, the other development blinds included, but not on the
    development blind set `name` (its leave-one-set-out fold; the gates' benchmark reads its scores this way too)."""
    from healthlib.ask import classifier

    fold = [e for e in _training_examples() if e.blind != name]
    previous = classifier.use_models(classifier.train(fold))
    try:
        yield
    finally:
        classifier.use_models(previous)


def leave_one_set_out(lib: Library, name: str, cases: list[Case]) -> Result:
    """A development blind set (`name`, its `cases`) scored by a model trained without it: it trains the type and
    emergency models, so its in-sample score would mean nothing."""
    with trained_without(name):
        return evaluate(lib, cases)


@dataclass
class FoldResult:
    correct: int
    total: int
    folds: int
    first: int = 0  # right in the first part (the type counts when either part of a two-part answer is)

    @property
    def type(self) -> float:
        return self.correct / self.total if self.total else 0.0


def consumer_cross_validation(lib: Library, consumer: list[Case], folds: int = 5, seed: int = 0) -> FoldResult:
    """Question-type accuracy over EVERY labelled real question (the scored rows and those used
    for training), k-fold: each fold's questions (and their duplicates) are kept out of training,
    and the other folds' questions, scored ones included, are trained on. Answered through the
    whole pipeline, so it varies with the few real questions as the hidden test would."""
    import random
    import re

    from healthlib.ask import classifier
    from healthlib.ask.understand import normalise, understand

    labels = consumer_labels()
    labelled = [c for c in consumer if c.line in labels]
    groups: dict[str, list[Case]] = {}  # the same question sent twice counts as one
    for c in labelled:
        groups.setdefault(normalise(re.sub(r"\[[A-Z]+\]", " ", c.q)), []).append(c)
    order = sorted(groups)
    random.Random(seed).shuffle(order)
    scored = {c.line: classifier.Example(understand(lib, c.q).masked, c.type, None, c.line)
              for c in labelled if c.drugs}  # in training only as another fold's questions
    correct = total = first = 0
    previous = classifier.use_models(None)
    try:
        for k in range(folds):
            cases = [c for key in order[k::folds] for c in groups[key]]
            out = frozenset(c.line for c in cases)
            examples = classifier.training_examples(leave_out=out) + [e for row, e in scored.items() if row not in out]
            classifier.use_models(classifier.train(examples))
            r = evaluate(lib, cases)
            correct, total, first = correct + r.type_ok, total + r.typed_total, first + r.first_ok
    finally:
        classifier.use_models(previous)
    return FoldResult(correct, total, folds, first)


@dataclass(frozen=True)
class UrgentFigures:
    """Emergency recall and false alarms of one way of deciding, on one set of questions."""

    caught: int
    urgent: int
    false_alarms: int
    ordinary: int

    def line(self, label: str) -> str:
        return (f"{label}: emergencies caught {self.caught} of {self.urgent} "
                f"({self.caught / max(self.urgent, 1) * 100:.1f}%), false alarms {self.false_alarms} of "
                f"{self.ordinary} ({self.false_alarms / max(self.ordinary, 1) * 100:.1f}%)")


# never trained on; (e) and (e2) are development sets from round 4 (2026-12-06), (e3) is unread
URGENT_CHECK_FILES = ("ask-urgent-check.yaml", "ask-urgent-check2.yaml", "ask-urgent-check3.yaml",
                      "ask-urgent-check4.yaml", "ask-urgent-check5.yaml", "ask-urgent-check6.yaml",
                      "ask-urgent-check7.yaml", "ask-urgent-check8.yaml", "ask-urgent-check9.yaml",
                      "ask-urgent-check10.yaml", "ask-urgent-check11.yaml", "ask-urgent-check12.yaml")


def urgent_check(lib: Library, path: Path | None = None) -> UrgentFigures:
    """The emergency decision on a check set written before tuning and never tuned on
    (`data/ask-urgent-check.yaml` by default, or `ask-urgent-check2.yaml` ... `-check12.yaml`): aggregates only, its
    misses are not listed."""
    from healthlib.ask.understand import understand

    path = path or check_path("ask-urgent-check.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    urgent, ordinary = data.get("urgent") or [], data.get("not_urgent") or []
    caught = sum(understand(lib, q, flags_only=True).urgent for q in urgent)
    alarms = sum(understand(lib, q, flags_only=True).urgent for q in ordinary)
    return UrgentFigures(caught, len(urgent), alarms, len(ordinary))


def urgent_cross_validation(folds: int = 5) -> tuple[UrgentFigures, UrgentFigures]:
    """k-fold cross-validation of the emergency decision on its training questions: the model
    alone (score above 0), and the whole decision (red-flag rules, or the model at the margins
    `understand` uses)."""
    from healthlib.ask.classifier import urgent_out_of_fold
    from healthlib.ask.safety import red_flags
    from healthlib.ask.understand import urgent_by_model

    scored = urgent_out_of_fold(folds)

    def decided(text: str, score: float) -> bool:
        return urgent_by_model(text, score) or bool(red_flags(text))

    def figures(decide) -> UrgentFigures:
        urgent = [(e, s) for e, s in scored if e.urgent]
        ordinary = [(e, s) for e, s in scored if not e.urgent]
        return UrgentFigures(sum(decide(e.text, s) for e, s in urgent), len(urgent),
                             sum(decide(e.text, s) for e, s in ordinary), len(ordinary))

    return figures(lambda _, s: s > 0), figures(decided)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m healthlib.ask.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, help="library file (default: a fresh build of the built-in guides)")
    parser.add_argument("--cases", type=Path, help="evaluation file (default: the built-in ask-eval.yaml)")
    parser.add_argument("--heldout", type=Path,
                        help="held-out file, reported without targets (default: the built-in ask-heldout.yaml)")
    parser.add_argument("--consumer", type=Path, help="consumer questions TSV (default: ../shared/corpora/...)")
    parser.add_argument("--quiet", action="store_true", help="do not list the tuned set's misses")
    args = parser.parse_args(argv)
    cases = load_cases(args.cases)
    heldout = load_cases(args.heldout or default_heldout_path())
    tsv = args.consumer or default_consumer_tsv()
    consumer = load_consumer(tsv) if tsv else []
    from healthlib.ask.classifier import cross_validate

    blind = [load_cases(check_path(name)) for name in BLIND_FILES]

    def run(lib: Library) -> tuple[Result, Result, list[Result], Result | None, Result | None, FoldResult | None,
                                   tuple[UrgentFigures, ...]]:
        labelled = [c for c in consumer if c.drugs]
        return (evaluate(lib, cases), evaluate(lib, heldout),
                [leave_one_set_out(lib, name, b) if name in BLIND_TRAIN_FILES else evaluate(lib, b)
                 for name, b in zip(BLIND_FILES, blind, strict=True)],
                evaluate(lib, labelled, type_only_with_medicine=True) if labelled else None,
                evaluate(lib, consumer, type_only_with_medicine=True) if consumer else None,
                consumer_cross_validation(lib, consumer) if consumer else None,
                tuple(urgent_check(lib, check_path(name)) for name in URGENT_CHECK_FILES))

    if args.db:
        result, held, held_blind, real, real_all, real_folds, check = run(Library(args.db))
    else:
        from healthlib.library.build import build_builtin

        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "library.db"
            build_builtin(db)
            result, held, held_blind, real, real_all, real_folds, check = run(Library(db))
    cv = cross_validate()
    model_cv, decision_cv = urgent_cross_validation()
    print("ask evaluation, honest figures first")
    print()
    print(side_by_side([*blind_columns(held_blind, held), ("(d) real, naming a library medicine", real),
                        ("(d) all 318 real", real_all), ("(a) tuned set", result)], cv))
    print()
    if real_all is not None:
        print(f"(d) real questions: {real_all.total}; answers about a medicine that was not asked: "
              f"{real_all.wrong_medicine}; false alarms: {real_all.false_alarms} of {real_all.ordinary_total}; "
              f"emergencies caught: {real_all.urgent_caught} of {real_all.urgent_total}")
    else:
        print("(d) real questions: corpus not found (pass --consumer PATH)")
    if real_folds is not None:
        print(f"(d) {real_folds.folds}-fold over all {real_folds.total} labelled real questions (each fold kept out "
              f"of training, the others trained on): question type {real_folds.type * 100:.1f}% "
              f"(first part {real_folds.first / max(real_folds.total, 1) * 100:.1f}%)")
    print(f"(b) 5-fold cross-validation on {cv[2]} labelled training "
          f"questions: question type {cv[0] * 100:.1f}%, urgent/not urgent {cv[1] * 100:.1f}%")
    print(model_cv.line("(b) emergency model alone, 5-fold"))
    print(decision_cv.line("(b) emergency decision (rules or model), 5-fold"))
    print(check[0].line("(e) emergency check set (a development set from round 4, 2026-12-06)"))
    print(check[1].line("(e2) second emergency check set (a development set from round 4, 2026-12-06)"))
    print(check[2].line("(e3) third emergency check set (written before round-3 changes; its misses steered them)"))
    print(check[3].line("(e4) fourth emergency check set (round 11: messy, late, typo'd styles; a development set)"))
    print(check[4].line("(e5) fifth emergency check set (round 12: reassured, slipped verbs, past yet ongoing; a development set)"))
    print(check[5].line("(e6) sixth emergency check set (round 13: shorthand, danger in passing, sleeping it off; a development set)"))
    print(check[6].line("(e7) seventh emergency check set (round 14: numbers, self-corrections, relays, carers' logs, "
                        "timelines; a development set)"))
    print(check[7].line("(e8) eighth emergency check set (round 15: style twins of 120 drawn real questions; a development set)"))
    print(check[8].line("(e9) ninth emergency check set (round 16: style twins of real questions, measured on the round's "
                        "start and end code, then read; a development set)"))
    print(check[9].line("(e10) tenth emergency check set (round 17: style twins of real questions, measured on the round's "
                        "start and end code, then read; a development set)"))
    print(check[10].line("(e11) eleventh emergency check set (round 18: style twins of real questions by an outside writer, "
                         "measured on the round's start and end code, then read; a development set)"))
    print(check[11].line("(e12) twelfth emergency check set (round 19: style twins of real questions by an outside writer, "
                         "measured on the round's start and end code; unread)"))
    print()
    print(report(result, show_misses=not args.quiet))
    return 0 if result.meets_targets() else 1  # only the tuned set's targets decide


if __name__ == "__main__":
    sys.exit(main())
