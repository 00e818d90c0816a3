"""The answerer's training data: which files hold labelled questions, how a question's
medicine stand-ins are read, the everyday words of the training questions, and where trained
models and the built dictionary are cached (outside the repo, per user).

Both the classifier and the vocabulary use these, so they live here rather than in either."""

from __future__ import annotations

import os
import re
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from healthlib.ask.text import DRUG, normalise

TRAIN_FILES = ("ask-train.yaml", "ask-train-long.yaml", "ask-urgent.yaml", "ask-eval.yaml")
TYPE_FILES = ("ask-train.yaml", "ask-train-long.yaml")


def data_text(name: str) -> str:
    return (resources.files("healthlib") / "data" / name).read_text(encoding="utf-8")


_PLACEHOLDER = re.compile(r"\bDRUG[23]?\b")


def placeholder_text(text: str) -> str:
    # one pass: replacing "DRUG" after "DRUG2" used to split the stand-in ("qqdrugxqq")
    return normalise(_PLACEHOLDER.sub("QQDRUGQQ", text)).replace("qqdrugqq", DRUG)


@cache
def question_words() -> frozenset[str]:
    """Everyday words of the training questions: never read as a misspelled medicine ("ending")."""
    words: set[str] = set()
    for name in (*TYPE_FILES, "ask-urgent.yaml"):
        for questions in (yaml.safe_load(data_text(name)) or {}).values():
            for q in questions:
                words.update(placeholder_text(str(q)).split())
    return frozenset(w for w in words if w.isalpha() and w != DRUG)


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "healthlib"
