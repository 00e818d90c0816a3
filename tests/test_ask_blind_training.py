"""Round 18: the development blind sets train the type model, and each is scored leave-one-set-out.

The never-open sets (held-out, blinds 2 and 5) must never be training; a development blind's fold must
hold none of its questions; the evaluator's table must say its development-blind figures are
leave-one-set-out."""

from __future__ import annotations

from healthlib.ask import classifier, evaluate
from healthlib.ask.training import (
    BLIND_TRAIN_FILES,
    BLIND_WEIGHT,
    NEVER_OPEN_FILES,
    TRAIN_FILES,
    TYPE_FILES,
)


def test_the_never_open_sets_are_never_training():
    assert {"ask-heldout.yaml", "ask-heldout-blind2.yaml", "ask-heldout-blind5.yaml"} <= set(NEVER_OPEN_FILES)
    assert not set(NEVER_OPEN_FILES) & {*TRAIN_FILES, *BLIND_TRAIN_FILES, *TYPE_FILES}
    # every scored blind set is either a development set (training) or never opened, nothing in between
    assert set(evaluate.BLIND_FILES) == set(BLIND_TRAIN_FILES) | (set(NEVER_OPEN_FILES) & set(evaluate.BLIND_FILES))
    assert {e.blind for e in classifier.training_examples()} == {None, *BLIND_TRAIN_FILES}


def test_the_development_blinds_train_the_type_model_at_their_weight_and_the_emergency_model():
    name = "ask-heldout-blind16.yaml"
    cases = evaluate.load_cases(evaluate.check_path(name))
    blind = classifier.blind_examples(name)
    assert [e.text for e in blind] == [classifier.mask_known_names(c.q) for c in cases]
    assert [e.type for e in blind] == [c.type for c in cases]
    assert {e.weight for e in blind} == {BLIND_WEIGHT}
    assert [e.urgent for e in blind] == [c.urgent for c in cases] and sum(c.urgent for c in cases) == 40


def test_a_leave_one_set_out_fold_holds_none_of_its_sets_questions(lib, monkeypatch):
    name = "ask-heldout-blind16.yaml"
    everything = classifier.training_examples()
    theirs = {e.text for e in classifier.blind_examples(name)}
    others = {e.text for e in everything if e.blind != name}
    seen: list[classifier.Example] = []
    full = classifier.models()  # loaded before `train` is replaced (loading may train)

    def train(examples):  # the fold's training data, answered by the full model (a real run, a few seconds)
        seen.extend(examples)
        return full

    monkeypatch.setattr(classifier, "train", train)
    cases = evaluate.load_cases(evaluate.check_path(name))[:3]
    result = evaluate.leave_one_set_out(lib, name, cases)
    assert result.total == 3
    assert seen and not [e for e in seen if e.blind == name]
    assert not {e.text for e in seen} & (theirs - others)  # none of its texts (bar ones another file holds too)
    assert len(seen) == len(everything) - len(classifier.blind_examples(name))
    assert {e.blind for e in seen} == {None, *BLIND_TRAIN_FILES} - {name}

    table = evaluate.side_by_side(evaluate.blind_columns([result] * len(evaluate.BLIND_FILES), result), None)
    head = table.splitlines()[0]
    assert "(c) blind 16 (dev from round 18; leave-one-set-out)" in head
    assert "(c) blind 1 (dev from round 4; leave-one-set-out)" in head
    assert head.count("leave-one-set-out") == len(BLIND_TRAIN_FILES)
    assert "(c) blind held-out 2 |" in head and "(c) blind held-out 5 |" in head and "(c) held-out |" in head


def test_the_gates_benchmark_reads_each_development_blind_with_the_model_trained_without_it(lib, monkeypatch):
    # round 19: the blinds train the emergency model, so the gates are chosen on their leave-one-set-out scores
    import importlib.util
    import sys
    from contextlib import contextmanager

    from tests.conftest import REPO

    spec = importlib.util.spec_from_file_location("urgent_gates", REPO / "benchmarks" / "urgent_gates.py")
    gates = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "urgent_gates", gates)  # its dataclasses look their module up
    spec.loader.exec_module(gates)
    # the check sets the gates are chosen on are never training, so the full model reads them honestly
    assert not set(evaluate.URGENT_CHECK_FILES) & set(TRAIN_FILES)
    fold: list[str | None] = [None]
    read: list[tuple[str, str | None]] = []

    @contextmanager
    def trained_without(name):
        fold[0] = name
        yield
        fold[0] = None

    monkeypatch.setattr(evaluate, "trained_without", trained_without)
    monkeypatch.setattr(evaluate, "URGENT_CHECK_FILES", ())
    monkeypatch.setattr(evaluate, "default_consumer_tsv", lambda: None)
    monkeypatch.setattr(gates, "urgent_out_of_fold", lambda folds: [])
    monkeypatch.setattr(gates, "_read", lambda lib, family, q, urgent: read.append((family, fold[0])))
    gates.messages(lib)
    names = {f"blind {evaluate.blind_number(n)}": n for n in BLIND_TRAIN_FILES}
    assert {family for family, _ in read} == set(names)  # every development blind, no never-open set
    assert all(name == names[family] for family, name in read)
