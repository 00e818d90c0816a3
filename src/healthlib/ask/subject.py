"""Which of the medicines a message names it asks about: a pasted list, one medicine asked.

"Mum is on metformin 500 twice a day, amlodipine 5 and atorvastatin 20. Since the atorvastatin was
added her legs ache" asks about atorvastatin only; answering from the other guides answers about
medicines nobody asked about. A small logistic model reads each medicine named in a message of two
or more: whether it is named again, in the asking sentence, after "the"/"this"/"new", with a dose
after it as in a list, first or last, alone in its sentence, told as the past ("came off X", "last year")
or as now (by a word beside it, with no other medicine between: "from warfarin to Eliquis"), told after
the question, the words just before and after it; of two, each reads the other's cues too. It is trained
on the labelled messages of `data/ask-subject11.yaml` ... `ask-subject15b.yaml` (lists in many formats,
dictated names, a medicine introduced by what it is for, named as a heading, only history beside the one
asked, "added to my X", style twins of real questions, "is it the same as Y?" among questions about X) and the tuned set's questions that name two
or more medicines (`data/ask-eval.yaml`, where both are asked: "X with Y").

Beside the model, a few rules read what its features do not (round 17): a medicine set aside ("besides
X", "nothing like X"), "What is X?" with the other only told, "from X to Y" with a question naming neither,
a medicine kept for rescue or a name alone as the heading pointed at by "it", and the medicine told as now
that "is this one the same as Y?" sets against Y. None narrows a question that compares.

Only the answer narrows: every medicine found is still recognised, and the caller keeps any
medicine named in a red-flag sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import yaml

from healthlib.ask.text import sentence_ranges
from healthlib.ask.training import data_text

SUBJECT_FILES = ("ask-subject11.yaml", "ask-subject12.yaml", "ask-subject13.yaml", "ask-subject14.yaml",
                 "ask-subject15.yaml", "ask-subject15b.yaml")
ASKED = 0.5  # a medicine read as asked about this surely is the subject (one or more)
# A list (three or more named) is narrowed to the medicines read as asked. Two library medicines
# named are usually both asked about ("switched from warfarin to Eliquis, what's the difference",
# "on lithium, can she take ibuprofen"), so of two one is left out only when the other is read as
# asked and it is read as asked at most BACKGROUND: a medicine told only as history or context
# ("I came off citalopram; now on Wellbutrin, does this one...", "not the metformin, the glimepiride").
LIST_MIN = 3
BACKGROUND = 0.2
SURE = 0.8  # several medicines chosen from a list, none this surely: unclear (say so, link each guide)
CLOSE = 0.1  # ...nor when the one chosen is read as asked barely more surely than another
OUTSIDE_ONLY = 0.8  # a medicine with no guide here is the only one asked about only this surely
_DIGIT = re.compile(r"^\d")
# the words of a strength after a name ("metformin 500 mg", "2 x"): a dose told, and no word of the question
STRENGTH_UNITS = frozenset(["mg", "mcg", "g", "ml", "units", "unit", "meq", "iu", "micrograms", "milligrams", "x"])
# words of an asking sentence that point back at the whole list: "which of these", "any of them"
_WHOLE_LIST = frozenset(["these", "them", "which", "any", "all", "each", "both", "either", "together"])
# words near a name, in its sentence, that tell it as the past or as context and not as what is asked:
# "stopped / came off / was on / used to / tried / had a reaction to / switched from X", "not the X",
# "X years ago / anymore / stopped helping" (never "before": "amoxicillin before my cleaning")
_TOLD_BEFORE = frozenset(["stopped", "stop", "off", "was", "were", "used", "tried", "had", "from", "previously",
                          "reaction", "allergic", "allergy", "hives", "old", "quit", "not", "besides", "instead"])
_TOLD_AFTER = frozenset(["ago", "previously", "anymore", "stopped", "did", "didn", "didnt", "never", "failed"])
# ...and that tell it as the one now started or asked about: "now on X", "started X", "the new X"
_NOW_BEFORE = frozenset(["now", "new", "started", "starting", "start", "just", "prescribed", "gave", "given",
                         "this"])
_NEAR = 4
_YEAR = re.compile(r"^(19|20)\d\d$")
_TIMES = frozenset(["year", "month", "week", "time", "winter", "summer", "spring", "autumn", "fall", "christmas"])
_WINDOW = 3  # of two named, the words within this of a name in its sentence: "added X to my Y", "Y is stable"
# words of an asking sentence that ask about two medicines at once: "is that combination ok", "safe to
# take both", "do they mix": a pair asked so is never narrowed
_JOINT = frozenset(["combination", "combine", "combined", "combining", "together", "both", "mix", "mixing", "interact",
                    "interaction", "interactions", "clash", "each"])
_COMPARE = frozenset(["same", "family", "different", "difference", "stronger", "weaker", "better", "safer", "lower",
                      "higher", "than", "compared", "compare", "versus", "vs", "similar"])
# words just before a name that set it aside from what is asked: "what else is there besides X", "other
# than X, which made her sick", "it's nothing like X". "besides my X" is on top of X, so a possessive
# between keeps it. Excluding (besides ...) sets a name aside even in the asking sentence; contrasting
# (unlike ...) only outside it: "is it nothing like X?" asks about both sides.
_EXCLUDING = (("besides",), ("other", "than"), ("apart", "from"), ("aside", "from"), ("except",))
# "besides X" alone is also "on top of X" ("can I take Tylenol besides ibuprofen?" asks about the pair);
# it sets X aside only when the sentence looks for another one ("what ELSE besides X", "anything besides")
_ALSO_ON_TOP = (("besides",), ("apart", "from"), ("aside", "from"))
_ANOTHER = frozenset(["else", "other", "another", "anything", "something", "alternative", "alternatives",
                      "instead", "options"])
_CONTENTS = frozenset(["in", "inside", "contain", "contains", "ingredient", "ingredients"])
_CONTRASTING = (("unlike",), ("nothing", "like"), ("not", "like"), ("isnt", "like"))
_PAIR_CUES = frozenset(["sentence_past", "after_asking", "told_as_past", "told_as_now", "in_asking", "alone_in_asking",
                        "first", "last", "in_last_sentence", "dose_after", "again"])


@dataclass(frozen=True)
class Named:
    """One medicine named in a message: a key (its guide, or its name) and where it is named."""

    key: str
    spans: tuple[tuple[int, int], ...]
    in_library: bool
    guessed: bool = False  # read only by a near spelling or sound, and with no guide here ("seretonin")
    part: bool = False  # one of the medicines in another one named (amoxicillin beside Augmentin)


def _sentences(tokens: list[str], shown: str) -> list[tuple[int, int, bool]]:
    """The message's sentences as token ranges, and whether each asks (a story: its last one does)."""
    sentences = sentence_ranges(shown)
    if not sentences or sentences[-1][1] > len(tokens):
        sentences = [(0, len(tokens), True)]
    if not any(asks for *_, asks in sentences):
        sentences = [*sentences[:-1], (*sentences[-1][:2], True)]
    return sentences


def asks_of_whole_list(tokens: list[str], shown: str, named: list[Named]) -> bool:
    """The asking sentences point back at the list and name none of it: "Are any of these bad for the
    kidneys?", "where should I keep them?" -- a question about every medicine listed."""
    sentences = _sentences(tokens, shown)
    asking = [(a, b) for a, b, asks in sentences if asks]
    names_one = any(a <= start < b for m in named for start, _ in m.spans for a, b in asking)
    return not names_one and any(t in _WHOLE_LIST for a, b in asking for t in tokens[a:b])


def asks_of_both(tokens: list[str], shown: str) -> bool:
    """An asking sentence asks about two medicines at once: "is that combination ok", "safe to take
    both", "do they mix"."""
    for a, b, asks in _sentences(tokens, shown):
        words = tokens[a:b] if asks else []
        if any(t in _JOINT for t in words):
            return True
    return False


def asks_to_compare(tokens: list[str], shown: str) -> bool:
    """An asking sentence compares: "is the bleeding risk lower", "is that in the same family" -- the
    medicine it is set against is asked about too, however it was told."""
    return any(t in _COMPARE for a, b, asks in _sentences(tokens, shown) if asks for t in tokens[a:b])


def features(tokens: list[str], shown: str, named: list[Named]) -> list[dict[str, float]]:
    """What the subject model reads of each medicine named in a message."""
    sentences = _sentences(tokens, shown)

    def sentence_of(i: int) -> int:
        return next((n for n, (a, b, _) in enumerate(sentences) if a <= i < b), len(sentences) - 1)

    per_sentence: dict[int, set[str]] = {}
    for m in named:
        for start, _ in m.spans:
            per_sentence.setdefault(sentence_of(start), set()).add(m.key)
    words = list(tokens)
    for m in named:  # a neighbouring medicine reads as one, whichever it is: "clonidine, amlodipine"
        for start, end in m.spans:
            words[start:end] = ["MED"] * (end - start)
    asking_words = {t for a, b, asks in sentences if asks for t in tokens[a:b]}
    asked_of_none = not any(sentences[s][2] for s in per_sentence_keys(named, sentence_of))
    whole_list = sorted(asking_words & _WHOLE_LIST)
    firsts = sorted(named, key=lambda m: m.spans[0][0])
    lasts = sorted(named, key=lambda m: m.spans[-1][0])
    n = len(named)
    out: list[dict[str, float]] = []
    for m in named:
        f: dict[str, float] = {"bias": 1.0, f"distinct={min(n, 4)}": 1.0, "in_library": float(m.in_library),
                               "times": float(min(len(m.spans), 3)), "again": float(len(m.spans) > 1),
                               "first": float(firsts[0] is m), "last": float(lasts[-1] is m),
                               "rank": firsts.index(m) / max(n - 1, 1)}
        for word in whole_list:
            f[f"asks_of_list={word}"] = 1.0
        f["asking_names_none"] = float(asked_of_none)
        for start, end in m.spans:
            s = sentence_of(start)
            if sentences[s][2]:
                f["in_asking"] = 1.0
                f["alone_in_asking"] = max(f.get("alone_in_asking", 0.0), float(per_sentence[s] == {m.key}))
            if s == len(sentences) - 1:
                f["in_last_sentence"] = 1.0
            if not sentences[s][2] and told_in_the_past(tokens[sentences[s][0]:sentences[s][1]]):
                f["sentence_past"] = 1.0  # "Last year I took too many Xanax", "a rash from it in 2019"
            if not sentences[s][2] and any(asks for *_, asks in sentences[:s]):
                f["after_asking"] = 1.0  # told after the question ("is it ok with asthma? I use an albuterol inhaler")
            before = words[max(0, start - 2):start]
            after = words[end:end + 2]
            a, b, _ = sentences[s]
            near_before = set(_up_to_medicine(tokens, words, max(a, start - _NEAR), start, backwards=True))
            near_after = set(_up_to_medicine(tokens, words, end, min(b, end + _NEAR)))
            if near_before & _TOLD_BEFORE or near_after & _TOLD_AFTER:
                f["told_as_past"] = 1.0
            if near_before & _NOW_BEFORE:
                f["told_as_now"] = 1.0
            if n == 2:  # (a list's asked ones are read by position and dose: "meloxicam with lisinopril and aleve")
                for w in words[max(a, start - _WINDOW):start]:
                    f[f"near_before={w}"] = 1.0
                for w in words[end:min(b, end + _WINDOW)]:
                    f[f"near_after={w}"] = 1.0
            if before:
                f[f"prev={before[-1]}"] = 1.0
            if len(before) == 2:
                f[f"prev2={before[0]} {before[1]}"] = 1.0
            if after:
                word = "NUM" if _DIGIT.match(after[0]) else after[0]
                f[f"next={word}"] = 1.0
                f["dose_after"] = max(f.get("dose_after", 0.0), float(word == "NUM" or word in STRENGTH_UNITS))
            else:
                f["at_end"] = 1.0
        if n == 2:  # two named weigh their cues apart from a list's: most pairs are both asked
            f.update({f"two:{k}": v for k, v in f.items() if k in _PAIR_CUES})
        out.append(f)
    if n == 2:  # ...and each reads the other's: "now on Y" beside a plain X tells X as the past
        for f, other in ((out[0], dict(out[1])), (out[1], dict(out[0]))):
            f.update({f"other:{k}": v for k, v in other.items() if k in _PAIR_CUES})
    return out


# the openings of an asking sentence that asks what one medicine is or does: "What is X?", "what does X do"
_WHAT_IS = (("what", "is"), ("whats",), ("what", "s"), ("what", "is", "the"), ("what", "is", "a"), ("what", "are"),
            ("what", "does"), ("what", "exactly", "is"))


def asked_what_it_is(tokens: list[str], shown: str, named: list[Named]) -> str | None:
    """The one of two medicines an asking sentence opens by asking what it is or does, when the other is
    named only in the sentences that tell ("What is hydralazine? The hospital added it along with
    isosorbide."): the question is about it alone, unless the two are compared."""
    sentences = _sentences(tokens, shown)
    asking = [(a, b) for a, b, asks in sentences if asks]

    def in_asking(m: Named) -> bool:
        return any(a <= start < b for start, _ in m.spans for a, b in asking)

    for m in named:
        others = [o for o in named if o is not m]
        if any(tuple(tokens[a:start]) in _WHAT_IS for start, _ in m.spans for a, b in asking if a <= start < b) \
                and others and not any(in_asking(o) for o in others) and not asks_to_compare(tokens, shown):
            return m.key
    return None


def switched_to(tokens: list[str], shown: str, named: list[Named]) -> str | None:
    """Of two medicines told as "from X to Y" ("switched me from warfarin to Eliquis"), Y, when the
    asking sentences name neither and compare nothing ("Can I take my fish oil with it?"): the question
    is about the medicine now taken. Named in the question ("can I start the sertraline the day after my
    last citalopram"), both are asked."""
    sentences = _sentences(tokens, shown)
    asking = [(a, b) for a, b, asks in sentences if asks]
    if len(named) != 2 or any(a <= start < b for m in named for start, _ in m.spans for a, b in asking) \
            or asks_to_compare(tokens, shown):
        return None
    for old, new in (named, named[::-1]):
        if any(tokens[s1 - 1:s1] == ["from"] and tokens[e1:e1 + 1] in (["to"], ["onto"]) and s2 == e1 + 1
               for s1, e1 in old.spans for s2, _ in new.spans) and old.in_library and new.in_library:
            return new.key
    return None


# words just before the medicine a comparison is set against: "the same as Y", "stronger than Y", "similar to Y"
_AGAINST = frozenset(["as", "than", "to", "from", "vs", "versus", "like"])


def compared_with(tokens: list[str], shown: str, named: list[Named], xs: list[dict[str, float]], key: str) -> set[str]:
    """When the asking sentence compares something with the one medicine it names ("is this one the same as
    Y?"), the other side: the medicines told as now and not as the past ("now the doctor wants X")."""
    sentences = _sentences(tokens, shown)
    m = next(m for m in named if m.key == key)
    against = any(asks and a <= start < b and start > a and tokens[start - 1] in _AGAINST
                  and _COMPARE.intersection(tokens[a:start]) for start, _ in m.spans for a, b, asks in sentences)
    if not against:
        return set()
    return {o.key for o, f in zip(named, xs, strict=True) if o is not m and o.in_library
            and f.get("told_as_now") and not f.get("told_as_past") and not f.get("in_asking")}


# words just after a medicine that tell it as the one kept for when needed: "has Valtoco for rescue",
# "albuterol for attacks", "lorazepam as needed"
_WHEN_NEEDED = (("for", "rescue"), ("for", "attacks"), ("for", "emergencies"), ("for", "seizures"), ("as", "needed"),
                ("when", "needed"), ("if", "needed"), ("prn",))


def rescue_pointed_at(tokens: list[str], shown: str, named: list[Named]) -> str | None:
    """Of two medicines, one taken every day and one told as kept for when needed ("she takes lamotrigine
    and has Valtoco nasal spray for rescue"), the second, when the asking sentences name neither and point
    back with "it" ("how long after a seizure starts should staff use it")."""
    asking = [(a, b) for a, b, asks in _sentences(tokens, shown) if asks]
    if len(named) != 2 or any(a <= start < b for m in named for start, _ in m.spans for a, b in asking) \
            or not any("it" in tokens[a:b] for a, b in asking):
        return None
    # a dosage form may come between: "Valtoco nasal spray for rescue"
    needed = [m for m in named if any(tuple(tokens[i:i + len(cue)]) == cue for _, end in m.spans
                                      for i in range(end, end + 3) for cue in _WHEN_NEEDED)]
    return needed[0].key if len(needed) == 1 else None


def heading_pointed_at(tokens: list[str], shown: str, named: list[Named]) -> str | None:
    """The medicine a message opens with as its heading, alone in its first sentence ("Namenda. What does it
    do? ... He already takes Aricept, citalopram..."), when the asking sentences name none and point back
    with "it" and compare nothing ("Is it really the same thing?" asks about both sides)."""
    sentences = _sentences(tokens, shown)
    a, b, _ = sentences[0]
    heading = [m for m in named if (a, b) in m.spans]
    asking = [(a, b) for a, b, asks in sentences if asks]
    if len(heading) != 1 or not heading[0].in_library or len(sentences) < 2 \
            or any(a <= start < b for m in named for start, _ in m.spans for a, b in asking) \
            or not any("it" in tokens[a:b] for a, b in asking) or asks_to_compare(tokens, shown):
        return None
    return heading[0].key


def set_aside(tokens: list[str], shown: str, medicine: Named, named: list[Named]) -> bool:
    """Every place the medicine is named sets it aside from the question: "besides X" anywhere, "nothing
    like X" outside the asking sentences; and "besides Y or X" sets both aside."""
    sentences = _sentences(tokens, shown)
    ends = {end: start for m in named for start, end in m.spans}

    def aside(start: int) -> bool:
        asking = any(a <= start < b and asks for a, b, asks in sentences)
        opening = next((a for a, b, _ in sentences if a <= start < b), 0)
        before = tokens[max(0, start - 3):start]
        if before and before[-1] == "the":
            before = before[:-1]
        if before and before[-1] in {"or", "and", "nor"} and start - 1 in ends:
            return aside(ends[start - 1])
        # ...or for what else a combination holds: "what's in Augmentin besides amoxicillin" (its part)
        looks_for_another = bool(_ANOTHER.intersection(tokens[opening:start])
                                 or medicine.part and _CONTENTS.intersection(tokens[opening:start]))
        return (any(tuple(before[-len(cue):]) == cue and (cue not in _ALSO_ON_TOP or looks_for_another)
                    for cue in _EXCLUDING)
                or not asking and any(tuple(before[-len(cue):]) == cue for cue in _CONTRASTING))
    return all(aside(start) for start, _ in medicine.spans)


def _up_to_medicine(tokens: list[str], words: list[str], a: int, b: int, backwards: bool = False) -> list[str]:
    """The words of tokens[a:b] on this medicine's side of any other medicine named between: in "switched
    from warfarin to Eliquis" the "from" tells warfarin, not Eliquis, as the past."""
    span = range(b - 1, a - 1, -1) if backwards else range(a, b)
    out = []
    for i in span:
        if words[i] == "MED":
            break
        out.append(tokens[i])
    return out


def told_in_the_past(words: list[str]) -> bool:
    """A sentence placed in the past by a time: "years ago", "last winter", "in 2019", "before that"."""
    return any(w == "ago" or _YEAR.match(w) or w == "last" and nxt in _TIMES or w == "before" and nxt == "that"
               for w, nxt in zip(words, [*words[1:], ""], strict=True))


def per_sentence_keys(named: list[Named], sentence_of) -> set[int]:
    """The sentences that name a medicine."""
    return {sentence_of(start) for m in named for start, _ in m.spans}


@cache
def _labelled_messages() -> tuple[tuple[str, tuple[str, ...]], ...]:
    out = [(str(x["q"]), tuple(x.get("drugs") or ())) for name in SUBJECT_FILES
           for x in yaml.safe_load(data_text(name)) or []]
    out += [(str(x["q"]), tuple(x.get("drugs") or ())) for x in yaml.safe_load(data_text("ask-eval.yaml")) or []
            if len(x.get("drugs") or ()) >= 2]
    return tuple(out)


def examples(read) -> tuple[list[dict[str, float]], list[int], list[int]]:
    """(features, asked or not, message number) for every medicine of every labelled message naming two
    or more. `read(q)` gives (tokens, shown, named) for a message. A medicine with no guide here counts
    as asked when the message asks about no library medicine."""
    xs: list[dict[str, float]] = []
    ys: list[int] = []
    groups: list[int] = []
    for number, (q, drugs) in enumerate(_labelled_messages()):
        tokens, shown, named = read(q)
        if len(named) < 2:
            continue
        xs += features(tokens, shown, named)
        ys += [int(m.key in drugs or (not m.in_library and not drugs)) for m in named]
        groups += [number] * len(named)
    return xs, ys, groups


def train(xs: list[dict[str, float]], ys: list[int]):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    model = make_pipeline(DictVectorizer(), LogisticRegression(C=1.0, max_iter=2000))
    model.fit(xs, ys)
    return model


def a_list(named: list[Named]) -> bool:
    """Three or more medicines, one with a guide here; a guessed name with no guide makes no list
    ("zoloft and tramadol, heard something about seretonin")."""
    return sum(not m.guessed for m in named) >= LIST_MIN and any(m.in_library for m in named)


def two_guides(named: list[Named]) -> bool:
    """Two medicines with guides here (and perhaps guessed names with none)."""
    sure = [m for m in named if not m.guessed]
    return len(sure) == 2 and all(m.in_library for m in sure)


def narrowed(named: list[Named]) -> bool:
    """Whether the subject model may leave a named medicine out: a list, or two library medicines."""
    return a_list(named) or two_guides(named)


def asked(model, tokens: list[str], shown: str, named: list[Named]) -> tuple[set[str], bool]:
    """(the keys asked about, whether that is unclear). Unclear: three or more medicines and none read
    as asked; then every one is kept, and the answer says so rather than answering from each. Of two
    library medicines, one is left out only when surely background; never unclear."""
    if two_guides(named):
        if asks_of_both(tokens, shown):
            return {m.key for m in named}, False
        aside = [m for m in named if m.in_library and set_aside(tokens, shown, m, named)]
        if len(aside) == 1:  # "what else besides X", "it's nothing like X": the other one is asked
            return {m.key for m in named} - {aside[0].key}, False
        in_library = [m for m in named if m.in_library]
        defined = (asked_what_it_is(tokens, shown, named) or switched_to(tokens, shown, in_library)
                   or rescue_pointed_at(tokens, shown, in_library) or heading_pointed_at(tokens, shown, named))
        if defined:
            return {m.key for m in named if m.key == defined or not m.in_library}, False
        xs = features(tokens, shown, named)
        scores = model.predict_proba(xs)[:, 1]
        pair = sorted((p, n) for n, (m, p) in enumerate(zip(named, scores, strict=True)) if m.in_library)
        (low, out), (high, kept) = pair
        # told as the past (by a word beside it, or its sentence's time: "last year I took too many Xanax"),
        # outside the asking sentences or beside one told as now ("came off X last year, now on Y - does
        # it ..."), and the one asked not so told
        past, other = xs[out], xs[kept]
        told = (bool(past.get("told_as_past") or past.get("sentence_past")) and not past.get("told_as_now")
                and not other.get("told_as_past") and (not past.get("in_asking") or bool(other.get("told_as_now")))
                and not asks_to_compare(tokens, shown))
        if high >= ASKED and (low <= BACKGROUND or told and low < ASKED):
            return {m.key for m in named} - {named[out].key}, False
        return {m.key for m in named}, False
    if not a_list(named):
        return {m.key for m in named}, False
    if asks_of_whole_list(tokens, shown, named):
        return {m.key for m in named}, True
    heading = heading_pointed_at(tokens, shown, named)
    if heading:
        return {heading}, False
    xs = features(tokens, shown, named)
    scores = model.predict_proba(xs)[:, 1]
    chosen = {m.key for m, p in zip(named, scores, strict=True) if p >= ASKED}
    ranked = sorted(scores)
    if len(chosen) == 1 and ranked[-1] < SURE and ranked[-1] - ranked[-2] < CLOSE:
        return {m.key for m in named}, True  # one just over the line, another just under: not clear which
    if chosen and not any(m.in_library for m in named if m.key in chosen) and max(scores) < OUTSIDE_ONLY:
        # "serotonin" over sertraline and tramadol: not sure enough, so every one stays but a medicine told
        # only as the past ("switched from warfarin to Eliquis. Can I take my fish oil with it?")
        past = {m.key for m, f in zip(named, xs, strict=True) if m.in_library and m.key not in chosen
                and f.get("told_as_past") and not f.get("told_as_now")}
        if not any(m.in_library and m.key not in past for m in named):
            past = set()
        return {m.key for m in named} - past, False
    if len(chosen) >= 2 and max(scores) < SURE:
        return {m.key for m in named}, True  # several read as perhaps asked, none surely: not clear which
    if len(chosen) == 1:  # "Now the doctor wants X. Is this one the same as Y?": X is the other side
        chosen |= compared_with(tokens, shown, named, xs, next(iter(chosen)))
    if chosen:
        return chosen, False
    return {m.key for m in named}, True


