"""Choose the emergency model's gates by leave-one-set-out over the development families (round 16).

The emergency decision is red-flag rules or the emergency model (`understand.urgent_by_model`: a score above
URGENT_MODEL_SURE, or above URGENT_MODEL_MARGIN with a "now" word, in messages of at most MODEL_ALONE_MAX_WORDS words;
each sentence of a message of several also read alone, SENTENCE_EXTRA_MARGIN higher). The rules were written after
reading every development set, so those sets cannot show what the rules miss on the next one; what they can show is
how much the model catches by itself, which is what carries over to phrasings nobody wrote a rule for.

For every message of every family (the check sets of `evaluate.URGENT_CHECK_FILES`, the development blinds 1, 3, 4, 6-17, and the emergency
model's own 5-fold out-of-fold scores on its training questions): the whole message's score and each sentence's, their
"now" words and lengths, and `understand`'s decision with the model's flag forced on and forced off (so the rules and
what may clear a flag are the code's own). Then, for each family, the gates that maximise over the OTHER families

    (w x the model's catches + (1 - w) x the whole decision's catches) per 40 emergencies
    - the whole decision's false alarms per 210 ordinary questions

among the gates that raise no false alarm on the 318 real consumer questions. w is `--weight`: 0 from round 19 (a miss
and a false alarm weigh alike: recall first, false alarms held); round 16 weighed the model's catches alone at 0.2 (the
rules of each round caught about 4 emergencies in 5), which on the honest leave-one-set-out scores chose gates that
caught 6 more emergencies on the development blinds and raised 10 false alarms there and 2 on the real questions. The
table prints each family's figures under the gates chosen without it, beside the shipped gates', and totals.

    PYTHONPATH=src python benchmarks/urgent_gates.py [--weight 0]

Development sets only (never-open sets are not read); about five minutes. From round 18 the development blinds train
the emergency model too (`training.BLIND_TRAIN_FILES`), so each blind is read by the models trained without it
(`evaluate.trained_without`, the evaluator's leave-one-set-out fold; round 19); the check sets and the real questions
never train (`training.TRAIN_FILES`), so the full model reads them.
"""

from __future__ import annotations

import argparse
import itertools
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

import healthlib.ask.understand as understand_module
from healthlib.ask import evaluate
from healthlib.ask.classifier import models, urgent_out_of_fold
from healthlib.ask.safety import now_words, red_flags, signs_respelled
from healthlib.ask.text import sentence_ranges
from healthlib.ask.training import BLIND_TRAIN_FILES
from healthlib.library.build import build_builtin
from healthlib.library.query import Library

SHIPPED = (understand_module.URGENT_MODEL_SURE, understand_module.URGENT_MODEL_MARGIN,
           understand_module.MODEL_ALONE_MAX_WORDS, understand_module.SENTENCE_EXTRA_MARGIN)
GRID = [g for g in itertools.product([0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2],
                                     [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.85, 1.0],
                                     [60, 80, 120, 10 ** 9], [None, 0.0, 0.2, 0.4, 0.6]) if g[1] <= g[0]]


@dataclass
class Unit:
    score: float
    now: bool
    words: int


@dataclass
class Message:
    family: str
    text: str
    urgent: bool
    whole: Unit
    sentences: list[Unit]
    barred: bool  # the model alone may not flag it (`understand.model_may_read`)
    with_model: bool  # the decision when the model flags it
    without_model: bool  # ...when it does not


def _fires(m: Message, gates: tuple) -> bool:
    sure, margin, max_words, extra = gates

    def unit(u: Unit, more: float) -> bool:
        return u.words <= max_words and (u.score > sure + more or u.score > margin + more and u.now)

    return not m.barred and (unit(m.whole, 0.0) or extra is not None and len(m.sentences) > 1
                          and any(unit(s, extra) for s in m.sentences))


def _read(lib: Library, family: str, q: str, urgent: bool) -> Message:
    seen: dict[str, object] = {}
    real = understand_module.urgent_by_model

    def decided(force: bool) -> understand_module.Understanding:
        def fake(masked: str, score: float, extra: float = 0.0) -> bool:
            if not extra:
                seen.update(signs=masked, score=score)
            return force
        understand_module.urgent_by_model = fake
        try:
            return understand_module.understand(lib, q, flags_only=True)
        finally:
            understand_module.urgent_by_model = real

    on, off = decided(True), decided(False)
    signs = str(seen["signs"])
    sentences = []
    for a, b, _ in sentence_ranges(off.question):
        if b <= len(off.tokens):
            text = signs_respelled(understand_module._masked_words(off, a, b))
            sentences.append(Unit(models().urgency(text), now_words(text), len(text.split())))
    return Message(family, q, urgent, Unit(float(seen["score"]), now_words(signs), len(signs.split())), sentences,
                   not understand_module.model_may_read(signs), on.urgent, off.urgent)


def messages(lib: Library) -> list[Message]:
    out: list[Message] = []
    for i, name in enumerate(evaluate.URGENT_CHECK_FILES):
        data = yaml.safe_load(evaluate.check_path(name).read_text(encoding="utf-8")) or {}
        out += [_read(lib, f"e{i + 1}", q, True) for q in data.get("urgent") or []]
        out += [_read(lib, f"e{i + 1}", q, False) for q in data.get("not_urgent") or []]
    for i, name in enumerate(evaluate.BLIND_FILES):
        if name in BLIND_TRAIN_FILES:  # the development sets; never the never-open ones
            cases = evaluate.load_cases(evaluate.check_path(name))
            with evaluate.trained_without(name):  # it trains the emergency model: read by the model without it
                out += [_read(lib, f"blind {i + 1}", c.q, c.urgent) for c in cases]
    tsv = evaluate.default_consumer_tsv()
    if tsv:
        out += [_read(lib, "real", c.q, c.urgent) for c in evaluate.load_consumer(tsv)]
    for e, score in urgent_out_of_fold(5):
        rules = bool(red_flags(e.text))
        out.append(Message("training 5-fold", e.text, bool(e.urgent), Unit(score, now_words(e.text), len(e.text.split())), [],
                           not understand_module.model_may_read(e.text), True, rules))
    return out


def figures(ms: list[Message], gates: tuple) -> tuple[int, int, int, int, int]:
    """(model's own catches, emergencies, whole decision's catches, its false alarms, ordinary questions)."""
    urgent = [m for m in ms if m.urgent]
    ordinary = [m for m in ms if not m.urgent]
    fired = [_fires(m, gates) for m in urgent]
    caught = sum(m.with_model if f else m.without_model for m, f in zip(urgent, fired, strict=True))
    alarms = sum(m.with_model if _fires(m, gates) else m.without_model for m in ordinary)
    return sum(fired), len(urgent), caught, alarms, len(ordinary)


def report(ms: list[Message], weight: float) -> None:
    """Each family's figures under the shipped gates and under the gates chosen on the other families; totals."""
    families = [f for f in dict.fromkeys(m.family for m in ms) if f != "real"]
    by_family = {f: [m for m in ms if m.family == f] for f in families + ["real"]}
    table = {(f, g): figures(by_family[f], g) for f in by_family for g in GRID + [SHIPPED]}

    def value(fams: list[str], g: tuple) -> float:
        if table["real", g][3] > table["real", SHIPPED][3]:
            return float("-inf")  # never a false alarm more on the real questions
        return sum((weight * table[f, g][0] + (1 - weight) * table[f, g][2]) / max(table[f, g][1], 1) * 40
                   - table[f, g][3] / max(table[f, g][4], 1) * 210 for f in fams)

    print("| family | shipped gates: model's own catches | ...caught, false alarms | gates chosen on the other families "
          "| model's own catches | caught, false alarms |\n|---|---:|---:|---|---:|---:|")
    totals: dict[str, list[int]] = {}
    for f in families:
        chosen = max(GRID, key=lambda g: value([x for x in families if x != f], g))
        s, e = table[f, SHIPPED], table[f, chosen]
        print(f"| {f} | {s[0]}/{s[1]} | {s[2]}/{s[1]}, {s[3]}/{s[4]} | {chosen} | {e[0]}/{e[1]} | {e[2]}/{e[1]}, {e[3]}/{e[4]} |")
        group = "blinds" if f.startswith("blind") else "checks" if f.startswith("e") else f
        totals.setdefault(group, [0] * 10)
        totals[group] = [a + b for a, b in zip(totals[group], [*s, *e], strict=True)]
    for group, t in totals.items():
        print(f"| {group}, total | {t[0]}/{t[1]} | {t[2]}/{t[1]}, {t[3]}/{t[4]} | | {t[5]}/{t[6]} | {t[7]}/{t[6]}, {t[8]}/{t[9]} |")
    best = max(GRID, key=lambda g: value(families, g))
    print(f"\nchosen on all families: {best} (sure, margin with a now word, most words, a sentence's extra margin); "
          f"shipped: {SHIPPED}")
    print(f"real questions' emergencies caught and false alarms: shipped {table['real', SHIPPED][2]}/"
          f"{table['real', SHIPPED][1]}, {table['real', SHIPPED][3]}/{table['real', SHIPPED][4]}; chosen "
          f"{table['real', best][2]}/{table['real', best][1]}, {table['real', best][3]}/{table['real', best][4]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--weight", type=float, default=0.0,
                        help="the share of a catch counted by the model's own catches, the rest by the whole decision's (0)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "library.db"
        build_builtin(db)
        ms = messages(Library(db))
    report(ms, args.weight)


if __name__ == "__main__":
    main()
