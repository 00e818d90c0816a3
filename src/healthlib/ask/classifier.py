"""The learned part of understanding: question type and urgency, trained from data files.

Two linear models (scikit-learn) over the question with medicine names masked: TF-IDF of word
1-2-grams and character 3-5-grams, then a linear support-vector classifier. They are trained
from `data/ask-train.yaml`, `data/ask-urgent.yaml` and the tuned set `data/ask-eval.yaml`
when first needed (about a second, no downloads) and cached on disk per package version and
data, so later start-ups only load them. `ask-heldout.yaml` and `ask-consumer.yaml` are never
used for training.

Confidence is a softmax over the classifier's scores: a ranking aid, not a probability.
"""

from __future__ import annotations

import hashlib
import math
import os
import pickle
import threading
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from healthlib.ask.text import DRUG, normalise
from healthlib.ask.types import INTENTS

TRAIN_FILES = ("ask-train.yaml", "ask-urgent.yaml", "ask-eval.yaml")
PLACEHOLDERS = ("DRUG3", "DRUG2", "DRUG")


@dataclass(frozen=True)
class Example:
    text: str  # normalised, medicine names masked
    type: str | None
    urgent: bool | None


@dataclass
class Prediction:
    type: str
    confidence: float
    runner_up: str
    runner_up_confidence: float


def _data_text(name: str) -> str:
    return (resources.files("healthlib") / "data" / name).read_text(encoding="utf-8")


def mask_known_names(text: str) -> str:
    """Normalise and mask medicine names with the library-independent vocabulary only."""
    from healthlib.ask.vocabulary import dictionary

    words = dictionary()
    tokens = normalise(text).split()
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for n in range(min(words.max_words, len(tokens) - i), 0, -1):
            phrase = " ".join(tokens[i:i + n])
            if phrase in words.names or (phrase.endswith("s") and phrase[:-1] in words.names):
                out.append(DRUG)
                i += n
                break
        else:
            out.append(tokens[i])
            i += 1
    return " ".join(out)


def _placeholder_text(text: str) -> str:
    for p in PLACEHOLDERS:
        text = text.replace(p, "QQDRUGQQ")
    return normalise(text).replace("qqdrugqq", DRUG)


def training_examples(include_eval: bool = True) -> list[Example]:
    out: list[Example] = []
    for intent, questions in (yaml.safe_load(_data_text("ask-train.yaml")) or {}).items():
        if intent not in INTENTS:
            raise ValueError(f"ask-train.yaml: '{intent}' is not a question type")
        out += [Example(_placeholder_text(str(q)), intent, None) for q in questions]
    urgent = yaml.safe_load(_data_text("ask-urgent.yaml")) or {}
    out += [Example(_placeholder_text(str(q)), None, True) for q in urgent.get("urgent", [])]
    out += [Example(_placeholder_text(str(q)), None, False) for q in urgent.get("not_urgent", [])]
    if include_eval:
        for item in yaml.safe_load(_data_text("ask-eval.yaml")) or []:
            out.append(Example(mask_known_names(str(item["q"])), item["type"], bool(item.get("urgent", False))))
    return out


@cache
def question_words() -> frozenset[str]:
    """Everyday words of the training questions: never read as a misspelled medicine ("ending")."""
    words: set[str] = set()
    for questions in (yaml.safe_load(_data_text("ask-train.yaml")) or {}).values():
        for q in questions:
            words.update(_placeholder_text(str(q)).split())
    for questions in (yaml.safe_load(_data_text("ask-urgent.yaml")) or {}).values():
        for q in questions:
            words.update(_placeholder_text(str(q)).split())
    return frozenset(w for w in words if w.isalpha() and w != DRUG)


def _features():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    return FeatureUnion([
        ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"\S+")),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2)),
    ])


def _classifier(balanced: bool = False):
    from sklearn.svm import LinearSVC

    return LinearSVC(C=0.7, class_weight="balanced" if balanced else None)


def _pipeline(balanced: bool = False):
    from sklearn.pipeline import make_pipeline

    return make_pipeline(_features(), _classifier(balanced))


@dataclass
class Models:
    features: object  # one TF-IDF feature space shared by both models (computed once a question)
    type_model: object
    urgent_model: object
    classes: list[str]

    def vector(self, masked: str):
        return self.features.transform([masked])

    def predict_type(self, masked: str, vector=None) -> Prediction:
        scores = self.type_model.decision_function(vector if vector is not None else self.vector(masked))[0]
        order = sorted(range(len(scores)), key=lambda i: -scores[i])
        top = max(scores)
        exp = [math.exp(3 * (s - top)) for s in scores]
        total = sum(exp)
        a, b = order[0], order[1]
        return Prediction(self.classes[a], exp[a] / total, self.classes[b], exp[b] / total)

    def urgency(self, masked: str, vector=None) -> float:
        """The emergency model's score: above 0 means it reads the question as urgent."""
        return float(self.urgent_model.decision_function(vector if vector is not None else self.vector(masked))[0])


def train(examples: list[Example]) -> Models:
    features = _features()
    features.fit([e.text for e in examples])
    typed = [e for e in examples if e.type]
    type_model = _classifier()
    type_model.fit(features.transform([e.text for e in typed]), [e.type for e in typed])
    flagged = [e for e in examples if e.urgent is not None]
    urgent_model = _classifier(balanced=True)
    urgent_model.fit(features.transform([e.text for e in flagged]), [int(e.urgent) for e in flagged])
    return Models(features, type_model, urgent_model, list(type_model.classes_))


def _cache_key() -> str:
    import sklearn

    from healthlib import __version__ as version

    h = hashlib.sha256(f"{version}|{sklearn.__version__}".encode())
    for name in (*TRAIN_FILES, "ask-words.yaml"):
        h.update(_data_text(name).encode())
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()[:16]


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "healthlib"


_MODELS: Models | None = None
_LOCK = threading.Lock()


def models() -> Models:
    """The trained models: from the on-disk cache when it matches this version and data."""
    global _MODELS
    if _MODELS is None:
        with _LOCK:
            if _MODELS is None:
                _MODELS = _load_or_train()
    return _MODELS


def _load_or_train() -> Models:
    path = cache_dir() / f"ask-models-{_cache_key()}.pkl"
    try:
        with path.open("rb") as f:
            return pickle.load(f)  # our own file, written below
    except (OSError, pickle.PickleError, EOFError, AttributeError):
        pass
    trained = train(training_examples())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(trained, f)
        tmp.replace(path)
    except OSError:
        pass  # a read-only home: train again next start-up
    return trained


def cross_validate(folds: int = 5, seed: int = 0) -> tuple[float, float, int]:
    """(type accuracy, urgency accuracy, number of typed examples) by k-fold cross-validation."""
    from sklearn.model_selection import StratifiedKFold, cross_val_score

    examples = training_examples()
    typed = [e for e in examples if e.type]
    kfold = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    type_acc = cross_val_score(_pipeline(), [e.text for e in typed], [e.type for e in typed], cv=kfold).mean()
    flagged = [e for e in examples if e.urgent is not None]
    urgent_acc = cross_val_score(_pipeline(balanced=True), [e.text for e in flagged],
                                 [int(e.urgent) for e in flagged], cv=kfold).mean()
    return float(type_acc), float(urgent_acc), len(typed)
