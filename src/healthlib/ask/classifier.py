"""The learned part of understanding: question type and urgency, trained from data files.

Two linear models (scikit-learn) over the question with medicine names masked: TF-IDF of word
1-2-grams and character 3-5-grams, then a linear support-vector classifier. They are trained
from `data/ask-train*.yaml` (written for this project, `ask-train-real.yaml` in the style of
real consumer questions, `ask-train-pairs.yaml`, `ask-train-pairs5.yaml`, `ask-train-styles6.yaml`
and `ask-train-styles9.yaml` for the pairs of types it confused (rounds 4, 5, 6 and 9),
`ask-train-asking9.yaml` for stories ending in a short asking sentence (round 9b),
`ask-train-terse10.yaml` for fragments, slips and second-language wording (round 10),
`ask-train-classes11.yaml` for a symptom or a known risk asked about a medicine and a medicine beside a condition (round 11),
`ask-train-styles12.yaml` for how often or how many in a day (dose) and work or driving the morning after (round 12),
`ask-train-variety13.yaml` (round 13, half weight) for messages in varied real styles by an outside writer,
`ask-train-styles14.yaml` for signs that began after a second medicine was added and a brand under another
country's name (round 14), `ask-train-twins15.yaml` (round 15, quarter weight) for style twins of real
consumer questions by an outside writer, `ask-train-twins17.yaml` (round 17, quarter weight) for style twins weighted
to uses, stopping, overdose and dose, half asked the hard ways (a topic word of another type, uses asked the long
way, stopping implied); every label
follows docs/ask-labelling.md), `data/ask-train-consumer.yaml` (real consumer questions whose
type is never scored), `data/ask-urgent.yaml` (and `ask-urgent11.yaml` ... `-17.yaml`, later rounds' classes), the tuned set
`data/ask-eval.yaml` and, from round 18, the development blind sets (`training.BLIND_TRAIN_FILES`: about 3,500
outside writers' style twins of real questions, the type model's at `BLIND_WEIGHT` and the emergency model's; the
evaluator scores each with a model trained without it, leave-one-set-out, since in-sample it would mean nothing) when first
needed (a few seconds, no downloads; `healthlib build` does it ahead) and cached on disk per
package version and data, so later start-ups only load them. The never-open sets (`training.NEVER_OPEN_FILES`:
`ask-heldout.yaml`, blinds 2 and 5), the scored rows of `ask-consumer.yaml` and the emergency check sets (`evaluate.URGENT_CHECK_FILES`) are
never used for training. The emergency model also reads a few 0/1 cues beside the n-grams
(`safety.urgency_cues`: a symptom with a "now", a history, a general question, a "what if"...).
A third, small model (`Models.not_now`, round 10) reads whether a message is about something
happening now or about another time (a past event that is over, a what-if, a course, planning);
it is trained from `data/ask-context10.yaml` with its own n-gram views, so it moves no other model.

Confidence is a softmax over the classifier's scores: a ranking aid, not a probability.
"""

from __future__ import annotations

import hashlib
import math
import re
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from healthlib.ask.safety import URGENCY_CUES, urgency_cues
from healthlib.ask.text import DRUG, normalise
from healthlib.ask.training import (
    BLIND_TRAIN_FILES,
    BLIND_WEIGHT,
    CONSUMER_TRAIN,
    TRAIN_FILES,
    TYPE_FILE_WEIGHTS,
    TYPE_FILES,
    URGENT_FILES,
    cached,
    data_text,
    placeholder_text,
)
from healthlib.ask.types import INTENTS
from healthlib.ask.vocabulary import dictionary


@dataclass(frozen=True)
class Example:
    text: str  # normalised, medicine names masked
    type: str | None
    urgent: bool | None
    row: int | None = None  # the consumer corpus row it is (cross-validation leaves its fold out)
    in_vocabulary: bool = True  # fits the shared n-gram vocabulary (round 11's emergency lines do not)
    weight: float = 1.0  # in the type model (`TYPE_FILE_WEIGHTS`, `BLIND_WEIGHT`)
    blind: str | None = None  # the development blind set it is from (`BLIND_TRAIN_FILES`; a fold leaves one out)


@dataclass
class Prediction:
    type: str
    confidence: float
    runner_up: str
    runner_up_confidence: float


def mask_known_names(text: str) -> str:
    """Normalise and mask medicine names with the library-independent vocabulary only."""
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


@cache
def blind_examples(name: str) -> tuple[Example, ...]:
    """A development blind set's questions as training (names masked as `ask-eval.yaml`'s are): the type model's at
    `BLIND_WEIGHT`, and the emergency model's (its part 2 urgent, parts 1 and 3 not), as the tuned set's are."""
    return tuple(Example(mask_known_names(str(item["q"])), item["type"], bool(item.get("urgent", False)),
                         weight=BLIND_WEIGHT, blind=name)
                 for item in yaml.safe_load(data_text(name)) or [])


def training_examples(include_eval: bool = True, leave_out: frozenset[int] = frozenset()) -> list[Example]:
    """Every labelled training question; `leave_out`: consumer corpus rows kept out (a fold). A development
    blind set's questions carry its name (`Example.blind`), so a leave-one-set-out fold filters them."""
    out: list[Example] = []
    for name in TYPE_FILES:
        for intent, questions in (yaml.safe_load(data_text(name)) or {}).items():
            if intent not in INTENTS:
                raise ValueError(f"{name}: '{intent}' is not a question type")
            weight = TYPE_FILE_WEIGHTS.get(name, 1.0)
            out += [Example(placeholder_text(str(q)), intent, None, weight=weight) for q in questions]
    for item in yaml.safe_load(data_text(CONSUMER_TRAIN)) or []:
        if item["type"] not in INTENTS:
            raise ValueError(f"{CONSUMER_TRAIN}: row {item['row']}: '{item['type']}' is not a question type")
        if int(item["row"]) not in leave_out:
            out.append(Example(placeholder_text(str(item["q"])), item["type"], None, int(item["row"])))
    for name in URGENT_FILES:
        # a later file trains the emergency model only: the vocabulary and IDF the type model reads stay put
        shared = name == URGENT_FILES[0]
        urgent = yaml.safe_load(data_text(name)) or {}
        out += [Example(placeholder_text(str(q)), None, True, None, shared) for q in urgent.get("urgent", [])]
        out += [Example(placeholder_text(str(q)), None, False, None, shared) for q in urgent.get("not_urgent", [])]
    if include_eval:
        for item in yaml.safe_load(data_text("ask-eval.yaml")) or []:
            out.append(Example(mask_known_names(str(item["q"])), item["type"], bool(item.get("urgent", False))))
    for name in BLIND_TRAIN_FILES:
        out += blind_examples(name)
    return out


def _features():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    return FeatureUnion([
        ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"\S+")),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2)),
    ])


URGENT_C = 0.7
# the type model's regularisation: with round 11's data 0.85 read blinds 8 and 9 one and two
# questions better than 0.7, and no development set lower; with round 17's twins 1.0 read blind 15 two
# questions better than 0.85 and the real 30 one (twins at half weight; docs/measurement-history.md)
TYPE_C = 1.0


def _classifier(balanced: bool = False, c: float = URGENT_C):
    from sklearn.svm import LinearSVC

    return LinearSVC(C=c, class_weight="balanced" if balanced else None)


def _pipeline(balanced: bool = False):
    from sklearn.pipeline import make_pipeline

    return make_pipeline(_features(), _classifier(balanced, TYPE_C))


CUE_WEIGHT = 0.5  # the value of a present cue column (the n-gram views are unit length each)


def cue_matrix(texts: list[str]):
    """The urgency cues of each text (safety.urgency_cues) as a sparse 0/CUE_WEIGHT matrix."""
    from scipy.sparse import csr_matrix

    rows, cols = [], []
    for i, text in enumerate(texts):
        for j in urgency_cues(text):
            rows.append(i)
            cols.append(j)
    return csr_matrix(([CUE_WEIGHT] * len(rows), (rows, cols)), shape=(len(texts), len(URGENCY_CUES)))


def _urgent_pipeline():
    """The emergency model: the shared n-gram features plus the urgency cues, recall-balanced."""
    from sklearn.pipeline import FeatureUnion, make_pipeline
    from sklearn.preprocessing import FunctionTransformer

    cues = FunctionTransformer(lambda texts: cue_matrix(list(texts)), accept_sparse=True)
    return make_pipeline(FeatureUnion([("ngrams", _features()), ("cues", cues)]), _classifier(balanced=True))


_WHITE = re.compile(r"\s\s+")


@dataclass
class TfidfView:
    """A fitted TfidfVectorizer's parameters, applied without scikit-learn (same arithmetic)."""

    analyzer: str  # word | char_wb
    ngram: tuple[int, int]
    vocabulary: dict[str, int]
    idf: list[float]
    offset: int  # where its columns start in the joined feature space

    def terms(self, text: str) -> list[str]:
        text = text.lower()
        lo, hi = self.ngram
        out: list[str] = []
        if self.analyzer == "word":
            tokens = text.split()
            for n in range(lo, hi + 1):
                out += [" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]
            return out
        for w in _WHITE.sub(" ", text).split():  # sklearn's _char_wb_ngrams
            w = f" {w} "
            for n in range(lo, hi + 1):
                offset = 0
                out.append(w[offset:offset + n])
                while offset + n < len(w):
                    offset += 1
                    out.append(w[offset:offset + n])
                if offset == 0:
                    break
        return out

    def features(self, text: str) -> dict[int, float]:
        counts: dict[int, int] = {}
        for t in self.terms(text):
            j = self.vocabulary.get(t)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        values = {j: (1.0 + math.log(c)) * self.idf[j] for j, c in counts.items()}  # sublinear tf * idf
        norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
        return {self.offset + j: v / norm for j, v in values.items()}


@dataclass
class LinearView:
    """A fitted linear classifier: one weight row per class (a numpy array)."""

    classes: list[str]
    weights: object  # numpy array, classes x features
    intercepts: object  # numpy array, one per class

    def scores(self, x: dict[int, float]) -> list[float]:
        import numpy as np

        if not x:
            return [float(b) for b in self.intercepts]
        idx = np.fromiter(x.keys(), dtype=np.int64, count=len(x))
        vals = np.fromiter(x.values(), dtype=np.float64, count=len(x))
        return (self.weights[:, idx] @ vals + self.intercepts).tolist()


@dataclass
class Models:
    """The trained models as plain data and numpy arrays: loading them needs no scikit-learn."""

    views: list[TfidfView]
    type_model: LinearView
    urgent_model: LinearView  # over the n-gram columns, then the urgency cues from `cue_offset`
    cue_offset: int = 0
    # the context model (`CONTEXT_FILE`): its own n-gram views, so its sentences move no other model
    context_views: list[TfidfView] | None = None
    context_model: LinearView | None = None

    @property
    def classes(self) -> list[str]:
        return self.type_model.classes

    def vector(self, masked: str) -> dict[int, float]:
        x: dict[int, float] = {}
        for view in self.views:
            x.update(view.features(masked))
        return x

    def type_scores(self, masked: str, vector: dict[int, float] | None = None) -> list[float]:
        """The classifier's decision score of each type (`classes`), for the question's words."""
        return self.type_model.scores(vector if vector is not None else self.vector(masked))

    def predict_type(self, masked: str, vector: dict[int, float] | None = None) -> Prediction:
        return self.prediction(self.type_scores(masked, vector))

    def prediction(self, scores: list[float]) -> Prediction:
        """The best and second-best type of these scores, with a softmax of them as confidence."""
        order = sorted(range(len(scores)), key=lambda i: -scores[i])
        top = scores[order[0]]
        exp = [math.exp(3 * (s - top)) for s in scores]
        total = sum(exp)
        a, b = order[0], order[1]
        return Prediction(self.classes[a], exp[a] / total, self.classes[b], exp[b] / total)

    def urgency(self, masked: str, vector: dict[int, float] | None = None) -> float:
        """The emergency model's score: above 0 means it reads the question as urgent."""
        x = dict(vector if vector is not None else self.vector(masked))
        x.update({self.cue_offset + j: CUE_WEIGHT for j in urgency_cues(masked)})
        return self.urgent_model.scores(x)[0]


    def not_now(self, masked: str) -> float:
        """The context model's score: above 0 reads the message as about another time (a past event
        that is over, a what-if, a course or exam, planning ahead), not something happening now."""
        if self.context_model is None or not self.context_views:
            return 0.0
        x: dict[int, float] = {}
        for view in self.context_views:
            x.update(view.features(masked))
        return self.context_model.scores(x)[0]


CONTEXT_FILE = "ask-context10.yaml"


def context_examples() -> list[tuple[str, bool]]:
    """(masked text, about another time) for each sentence of the context training file."""
    data = yaml.safe_load(data_text(CONTEXT_FILE)) or {}
    return [(placeholder_text(str(q)), False) for q in data.get("now", [])] + [
        (placeholder_text(str(q)), True) for q in data.get("not_now", [])]


def _fitted_views(features) -> list[TfidfView]:
    views, offset = [], 0
    for name, vec in features.transformer_list:
        views.append(TfidfView("word" if name == "words" else "char_wb", tuple(vec.ngram_range),
                               {str(k): int(v) for k, v in vec.vocabulary_.items()},
                               [float(x) for x in vec.idf_], offset))
        offset += len(vec.vocabulary_)
    return views


def train_context(examples: list[tuple[str, bool]]) -> tuple[list[TfidfView], LinearView]:
    features = _features()
    x = features.fit_transform([t for t, _ in examples])
    model = _classifier(balanced=True)
    model.fit(x, [int(label) for _, label in examples])
    return _fitted_views(features), _linear_view(model, True)


def _linear_view(model, binary: bool) -> LinearView:
    import numpy as np

    classes = ["urgent"] if binary else [str(c) for c in model.classes_]  # binary: one row, class 1's score
    return LinearView(classes, np.ascontiguousarray(model.coef_, dtype=np.float64),
                      np.asarray(model.intercept_, dtype=np.float64))


def train(examples: list[Example]) -> Models:
    from scipy.sparse import hstack  # training only: a cached start never imports scipy

    features = _features()
    features.fit([e.text for e in examples if e.in_vocabulary])
    typed = [e for e in examples if e.type]
    type_model = _classifier(c=TYPE_C)
    type_model.fit(features.transform([e.text for e in typed]), [e.type for e in typed],
                   sample_weight=[e.weight for e in typed])
    flagged = [e for e in examples if e.urgent is not None]
    urgent_model = _classifier(balanced=True)
    texts = [e.text for e in flagged]
    urgent_model.fit(hstack([features.transform(texts), cue_matrix(texts)]).tocsr(), [int(e.urgent) for e in flagged])
    views = _fitted_views(features)
    offset = sum(len(v.vocabulary) for v in views)
    context_views, context_model = train_context(context_examples())
    return Models(views, _linear_view(type_model, False), _linear_view(urgent_model, True), offset,
                  context_views, context_model)


def sklearn_scores(examples: list[Example], texts: list[str]):
    """The same models' scores computed by scikit-learn itself (to check the plain-data copy)."""
    features = _features()
    features.fit([e.text for e in examples if e.in_vocabulary])
    typed = [e for e in examples if e.type]
    type_model = _classifier(c=TYPE_C)
    type_model.fit(features.transform([e.text for e in typed]), [e.type for e in typed],
                   sample_weight=[e.weight for e in typed])
    return type_model.decision_function(features.transform(texts))


def _cache_key() -> str:
    from importlib.metadata import version as installed

    from healthlib import __version__ as version

    # the installed version's metadata, not `import sklearn`: a cached start must not pay for sklearn
    h = hashlib.sha256(f"{version}|{installed('scikit-learn')}".encode())
    for name in (*TRAIN_FILES, CONTEXT_FILE, "ask-words.yaml", "ask-lexicon.yaml"):
        h.update(data_text(name).encode())
    h.update(Path(__file__).read_bytes())
    h.update((Path(__file__).parent / "training.py").read_bytes())  # how training text is read
    h.update((Path(__file__).parent / "safety.py").read_bytes())  # the urgency cues
    h.update((Path(__file__).parent / "text.py").read_bytes())  # how a question's words are normalised
    return h.hexdigest()[:16]


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
    return cached("models", _cache_key(), lambda: train(training_examples()))


def use_models(replacement: Models | None) -> Models | None:
    """Answer with these models from now on (None: the trained ones again); returns the previous.
    For evaluation only: cross-validation over real questions trains one model per fold."""
    global _MODELS
    with _LOCK:
        previous, _MODELS = _MODELS, replacement
    return previous


def cross_validate(folds: int = 5, seed: int = 0) -> tuple[float, float, int]:
    """(type accuracy, urgency accuracy, number of typed examples) by k-fold cross-validation."""
    from sklearn.model_selection import StratifiedKFold, cross_val_score

    examples = training_examples()
    typed = [e for e in examples if e.type]
    kfold = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    type_acc = cross_val_score(_pipeline(), [e.text for e in typed], [e.type for e in typed], cv=kfold,
                               params={"linearsvc__sample_weight": [e.weight for e in typed]}).mean()
    flagged = [e for e in examples if e.urgent is not None]
    urgent_acc = cross_val_score(_urgent_pipeline(), [e.text for e in flagged],
                                 [int(e.urgent) for e in flagged], cv=kfold).mean()
    return float(type_acc), float(urgent_acc), len(typed)


def urgent_out_of_fold(folds: int = 5, seed: int = 0) -> list[tuple[Example, float]]:
    """Each urgent/not-urgent training example with the emergency model's score from a model
    trained on the other folds (stratified k-fold): for honest recall and false-alarm figures."""
    from sklearn.model_selection import StratifiedKFold

    flagged = [e for e in training_examples() if e.urgent is not None]
    labels = [int(e.urgent) for e in flagged]
    scores = [0.0] * len(flagged)
    kfold = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train_idx, test_idx in kfold.split(flagged, labels):
        model = _urgent_pipeline()
        model.fit([flagged[i].text for i in train_idx], [labels[i] for i in train_idx])
        for i, score in zip(test_idx, model.decision_function([flagged[i].text for i in test_idx]), strict=True):
            scores[i] = float(score)
    return list(zip(flagged, scores, strict=True))
