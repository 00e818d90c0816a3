"""Round 19: the development blinds' type labels were checked against docs/ask-labelling.md, and each change is
recorded in docs/ask-relabel-round19.md. The record must match the data files: every listed change is in its
file at its line, and the per-set counts add up to the listed changes."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from healthlib.ask.evaluate import check_path, load_cases
from healthlib.ask.training import BLIND_TRAIN_FILES
from healthlib.ask.types import INTENTS

ROOT = Path(__file__).resolve().parents[1]
RECORD = ROOT / "docs" / "ask-relabel-round19.md"
CHANGE = re.compile(r"^- `(?P<file>ask-[\w.-]+\.yaml)` line (?P<line>\d+): (?P<old>\w+) -> (?P<new>\w+) \((?P<rule>.+)\)$")
COUNT = re.compile(r"^\| (?P<set>blind \d+|real \(ask-consumer\.yaml\)) \| (?P<n>\d+) \|$")


def _changes():
    return [m.groupdict() for line in RECORD.read_text().splitlines() if (m := CHANGE.match(line))]


def _set_name(file: str) -> str:
    number = re.fullmatch(r"ask-heldout-blind(\d*)\.yaml", file).group(1)
    return f"blind {number or 1}"


def test_each_recorded_relabel_is_in_its_data_file():
    changes = _changes()
    assert len(changes) >= 10
    for change in changes:
        assert change["file"] in BLIND_TRAIN_FILES  # never a never-open set
        assert change["old"] != change["new"] and {change["old"], change["new"]} <= set(INTENTS)
        line = check_path(change["file"]).read_text().splitlines()[int(change["line"]) - 1]
        assert re.search(rf"\btype: {change['new']}(,|$)", line), (change, line)
        assert f"type: {change['old']}" not in line


def test_the_recorded_counts_add_up_to_the_listed_changes():
    counts = {m["set"]: int(m["n"]) for line in RECORD.read_text().splitlines() if (m := COUNT.match(line))}
    assert {_set_name(f) for f in BLIND_TRAIN_FILES} <= set(counts)
    listed = Counter(_set_name(c["file"]) for c in _changes())
    assert {s: n for s, n in counts.items() if n} == dict(listed)
    total = sum(len(load_cases(check_path(f))) for f in BLIND_TRAIN_FILES)
    assert f"Changes: {sum(listed.values())} of {total:,}" in RECORD.read_text()


def test_coming_off_with_how_long_it_stays_is_stopping_in_every_development_blind():
    """docs/ask-labelling.md (round 19): the twins of real row 142 (off it some days, how long in the system,
    signs since stopping) are stopping, as the real question is; how long it stays with no coming off stays
    duration."""
    twins = [c for f in BLIND_TRAIN_FILES for c in load_cases(check_path(f))
             if re.search(r"stay in (her|his|the) (system|body)", c.q) and re.search(r"normal (after|when|coming)", c.q)]
    assert len(twins) >= 3 and {c.type for c in twins} == {"stopping"}


def test_lithiums_signs_of_too_much_are_overdose_in_every_development_blind():
    """docs/ask-labelling.md: lithium's vomiting, coarse shaking and slurring, now, are overdose (blinds 4, 6 and 8-12
    had them side_effects); after an added medicine (ibuprofen) they are interactions (blind 13's, after an added
    water pill and a lab's call, is left as a close call)."""
    signs = [c for f in BLIND_TRAIN_FILES for c in load_cases(check_path(f))
             if "lithium" in c.q.lower() and re.search(r"vomit|throwing up|being sick", c.q, re.I)
             and re.search(r"shak|slur|tremb|jerk", c.q, re.I)]
    added = [c for c in signs if re.search(r"ibuprofen|water pill", c.q, re.I)]  # a second medicine added
    assert len(signs) - len(added) >= 12
    assert {c.type for c in signs if c not in added} == {"overdose"}
    assert {c.type for c in added if "ibuprofen" in c.q.lower()} == {"interactions"}
