"""Question types on real people's words: fresh questions, never in any training file.

Written for these tests in the styles of the real consumer corpus (a subject line, personal
context before the question, typos, strengths, brands) and checked against no training file:
if the type model or its data regress on how people really write, these fail.
"""

from __future__ import annotations

import csv
import re

import pytest
import yaml

from healthlib.ask import classifier
from healthlib.ask.answer import answer_question
from healthlib.ask.classifier import CONTEXT_FILE
from healthlib.ask.evaluate import consumer_labels, default_consumer_tsv
from healthlib.ask.training import (
    CONSUMER_TRAIN,
    TYPE_FILES,
    URGENT_FILES,
    data_text,
    placeholder_text,
)
from healthlib.ask.understand import normalise, understand

# (question, its type): two or more per type, none of them in a training file
FRESH = [
    ("Sertraline. I have been on it for a week for panic attacks and my mom wants to know what kind of drug it is. Is it a sedative?", "what_is"),
    ("tramadol?? dentist gave it to me after a root canal, never had it before. what is it", "what_is"),
    ("My rheumatologist started me on hydroxychloroquine 200mg. I thought it was a malaria pill. What else is it used for?", "uses"),
    ("can gabapentin be used for hot flashes", "uses"),
    ("Trying to understand. How does metformin bring my sugar down if it is not insulin?", "how_it_works"),
    ("how does omeprazole stop the acid in your stomach", "how_it_works"),
    ("Levothyroxine timing. I take it with my coffee at 7am. Should I be waiting before I eat or drink?", "food"),
    ("can you cut a metoprolol tablet in half", "how_to_take"),
    ("Back pain. My doctor wrote cyclobenzaprine 10 mg three times a day. What is the normal amount people take?", "dose"),
    ("what is the usual dose of amoxicillin for a 40 lb child", "dose"),
    ("Omeprazole for 6 years. I have been taking it every day since 2018. Is there a limit to how long I should be on it?", "duration"),
    ("how long should you take cephalexin for a skin infection", "duration"),
    ("Started escitalopram 10mg nine days ago and I still feel anxious. When does it start helping?", "onset"),
    ("sumatriptan, how quick does it stop a migraine once you take it", "onset"),
    ("Lisinopril 20mg. I have had a dry tickle in my throat for weeks. Could the pill be doing this?", "side_effects"),
    ("my feet swell up at night since i went on amlodipine, is that from the med", "side_effects"),
    ("Heart meds. My father takes warfarin and his dentist wants to prescribe an antibiotic. Can they be taken together?", "interactions"),
    ("is it ok to take ibuprofen while on lisinopril", "interactions"),
    ("Birthday party Saturday. I'm on metronidazole for 7 days. Can I have a couple of beers?", "alcohol"),
    ("can you drink wine with gabapentin", "alcohol"),
    ("Breakfast question. I take my simvastatin with grapefruit juice every morning. Is that a problem?", "food"),
    ("should i stay away from bananas on spironolactone", "food"),
    ("Kidney disease. My mother has stage 4 kidney disease and her new doctor prescribed naproxen for her knees. Is that safe for her?", "who_should_not_take"),
    ("i have asthma can i take propranolol", "who_should_not_take"),
    ("Found out I am 7 weeks pregnant. I have been taking sertraline for anxiety. Will it hurt the baby?", "pregnancy"),
    ("is it safe to take acetaminophen while pregnant", "pregnancy"),
    ("My son is 2 months old and I breastfeed him. The doctor prescribed cephalexin for a skin infection. Does it get into my milk?", "breastfeeding"),
    ("can i take ibuprofen while nursing", "breastfeeding"),
    ("I forgot my lamotrigine this morning and remembered at dinner. Should I take it now or skip it?", "missed_dose"),
    ("missed 2 doses of my levothyroxine what do i do", "missed_dose"),
    ("My grandmother took her metoprolol twice today by accident because she forgot. What can happen?", "overdose"),
    ("how many tylenol would cause liver damage", "overdose"),
    ("Getting off. I have been on venlafaxine for 4 years and want to come off it. Can I just stop?", "stopping"),
    ("what happens if you stop taking prednisone suddenly", "stopping"),
    ("My insulin glargine pen was left in the car overnight when it froze outside. Can I still use it?", "storage"),
    ("does amoxicillin liquid need to be kept in the fridge", "storage"),
    ("Truck driver. I was prescribed zolpidem for sleep. Can I drive my route the next morning?", "driving"),
    ("I just started gabapentin for nerve pain and I drive for a living. Is it safe to be behind the wheel?", "driving"),
    ("Meloxicam is upsetting my stomach badly. What else could I take for my arthritis pain?", "alternatives"),
    ("whats a good substitute for zolpidem", "alternatives"),
    ("My doctor wants to switch me from atorvastatin to rosuvastatin. Which one is stronger?", "comparison"),
    ("Allergy pills. What is the difference between loratadine and cetirizine, is one less drowsy?", "comparison"),
    ("My pharmacy label says atorvastatin. What brand name does that go by?", "brand_names"),
    ("Is Zoloft just the brand name for sertraline? My new bottle says sertraline.", "brand_names"),
    ("Gluten. I have celiac disease and need to know if my levothyroxine tablets contain wheat.", "ingredients"),
    ("does omeprazole have lactose in it", "ingredients"),
    ("I found a white oval pill on the floor. Could it be my alprazolam?", "appearance"),
    ("what does a 10 mg amlodipine pill look like", "appearance"),
]

# Fresh questions read by the type model through the whole pipeline (names found, masked, rules).
# 47 of 48 at the last commit (never tuned on; one label changed to the food convention); below this the model lost generality.
FRESH_MIN_CORRECT = 42


def _training_texts() -> set[str]:
    texts: set[str] = set()
    for name in TYPE_FILES:
        for questions in (yaml.safe_load(data_text(name)) or {}).values():
            texts.update(placeholder_text(str(q)) for q in questions)
    return texts


def test_the_fresh_questions_are_in_no_training_file(lib):
    training = _training_texts()
    assert [q for q, _ in FRESH if understand(lib, q).masked in training] == []


def test_fresh_real_style_questions_get_their_type(lib):
    right, wrong = 0, []
    for q, expected in FRESH:
        answer = answer_question(lib, q)
        if expected in answer.intents:
            right += 1
        else:
            wrong.append((q, expected, answer.intents))
    assert right >= FRESH_MIN_CORRECT, f"{right}/{len(FRESH)} right; wrong: {wrong}"


@pytest.mark.parametrize("q", [
    "Metformin 500mg. I have had it in my cupboard for a while.",
    "sertraline and my cat",
    "My husband takes lisinopril. Just wondering.",
    "atorvastatin lol",
    "Question about my warfarin. Thank you",
])
def test_a_medicine_found_is_never_answered_other(lib, q):
    answer = answer_question(lib, q)
    assert answer.drugs, q
    assert answer.intent != "other", q
    assert answer.passages, q  # the guide's summary, key facts and section links at the least


def test_the_training_consumer_rows_are_exactly_the_unscored_labelled_rows():
    labels = consumer_labels()
    rows = [int(x["row"]) for x in yaml.safe_load(data_text(CONSUMER_TRAIN))]
    assert len(rows) == len(set(rows))
    for row in rows:
        assert row in labels and not labels[row].get("drugs"), f"row {row} is scored: never train on it"
    tsv = default_consumer_tsv()
    if tsv is None:
        return
    with tsv.open(encoding="utf-8", newline="") as f:
        questions = [r["question"] for r in csv.DictReader(f, delimiter="\t")]
    for item in yaml.safe_load(data_text(CONSUMER_TRAIN)):
        words = [w for w in re.split(r"DRUG", item["q"]) if w.strip()]
        real = questions[int(item["row"]) - 1]
        assert all(w in real for w in words), f"row {item['row']} is not the corpus text"
        assert item["type"] == labels[int(item["row"])]["type"]


def test_a_fold_leaves_its_real_questions_out_of_training():
    everything = classifier.training_examples()
    rows = {e.row for e in everything if e.row is not None}
    assert rows
    some = frozenset(sorted(rows)[:3])
    kept = classifier.training_examples(leave_out=some)
    assert not {e.row for e in kept} & some
    assert len(kept) == len(everything) - len(some)


@pytest.mark.parametrize("q", ["how nicotine effects the brain",
                               "please explain the effects of nicotine on the stomach and intestines"])
def test_nicotine_itself_is_not_the_replacement_medicine(lib, q):
    answer = answer_question(lib, q)
    assert "nicotine-replacement" not in answer.drugs
    assert not answer.passages


@pytest.mark.parametrize("q", ["how do i use the nicotine patch", "nicotine gum side effects",
                               "i want to quit smoking, does nicotine help"])
def test_nicotine_products_are_the_replacement_guide(lib, q):
    assert answer_question(lib, q).drugs == ["nicotine-replacement"]


def test_types_are_read_from_the_question_not_the_medicine_name(lib):
    # the same question with two different medicines names reads the same
    a = understand(lib, "Got sertraline from my doctor. How long until it works?")
    b = understand(lib, "Got zolpidem from my doctor. How long until it works?")
    assert a.intent == b.intent == "onset"
    assert normalise("x") == "x"


@pytest.mark.parametrize("q, cost", [
    ("how much does lisinopril cost", True),
    ("metformin coupon", True),
    ("I have been on sertraline for 2 years and it has been fine. My insurance changed and now it costs a lot "
     "more than before. How much does the generic cost?", True),
    ("My insulin glargine costs $300 a month now and insurance dropped it. Is it still good if I leave it out of "
     "the fridge for a week? My power was out.", False),
])
def test_a_price_in_the_story_is_not_a_cost_question(lib, q, cost):
    answer = answer_question(lib, q)
    assert (answer.intent == "other") is cost, answer.intents


@pytest.mark.parametrize("q, expected", [
    ("My insurance stopped paying for Xarelto this year. Is there another blood thinner I could switch to?",
     "alternatives"),
    ("Crestor is pricey without insurance, what is it called as a generic?", "brand_names"),
    ("Lipitor got so expensive I started cutting the 40s in half to make them last. Is it ok to split them?",
     "how_to_take"),
])
def test_a_cost_word_does_not_override_what_is_asked(lib, q, expected):
    """Round 14: a cost word in the asking sentence no longer forces "other"; the model reads what is
    asked (18 of 22 development questions with one asked something else), and its "other" stands."""
    assert understand(lib, q).intent == expected


@pytest.mark.parametrize("q", [
    "Since the GP added linezolid to my sertraline I feel feverish, sweaty and my legs keep jumping.",
    "my mum is on lithium and the walk-in centre gave her naproxen for her hip. three days later she's being sick "
    "and her hands won't stop trembling",
    "I take phenelzine and had a decongestant for my cold this afternoon. Now a pounding headache and my blood "
    "pressure reads 210 over 120.",
])
def test_signs_after_a_second_medicine_was_added_are_interactions(lib, q):
    """docs/ask-labelling.md (round 6): signs that began after a second medicine was added are interactions;
    round 14's `ask-train-styles14.yaml` taught the model this (before: side_effects or overdose)."""
    assert understand(lib, q).intent == "interactions"


def test_asking_sentences_skip_the_subject_line_and_the_story():
    from healthlib.ask.text import asking_ranges

    text = "Simvastatin. I have taken it for years. Why at night? I wonder if mornings are fine"
    tokens = normalise(text).split()
    assert [" ".join(tokens[a:b]) for a, b in asking_ranges(text)] == [
        "why at night", "i wonder if mornings are fine"]
    # no sentence asks: the last one is the question; a short message is one sentence
    story = "Prednisone. My husband stopped it a week ago. He still feels weak"
    assert [" ".join(normalise(story).split()[a:b]) for a, b in asking_ranges(story)] == ["he still feels weak"]
    assert asking_ranges("how much ibuprofen is too much") == [(0, 6)]


def test_a_story_with_two_asking_sentences_gets_both_parts(lib):
    u = understand(lib, "Sertraline question. I have been on 50 mg since spring and my sister is getting "
                        "married next week. How long does it take to work? Can I drink wine with it?")
    assert sorted(u.intents) == ["alcohol", "onset"]


SUBJECT_FILE = "ask-subject11.yaml"  # the subject model's messages (a list, one medicine asked)
SUBJECT_FILE12 = "ask-subject12.yaml"  # ...and round 12's (a heading, a background medicine)
SUBJECT_FILE13 = "ask-subject13.yaml"  # ...and round 13's (two medicines, one only history; e-mails, capitals)
SUBJECT_FILE14 = "ask-subject14.yaml"  # ...and round 14's (added to my X, X failed, a list's dosed new one)
SUBJECT_FILE15 = "ask-subject15.yaml"  # ...and round 15's (style twins of real questions: an aside, a rescue medicine)
SUBJECT_FILE15B = "ask-subject15b.yaml"  # ...and round 15b's (style twins: "is it the same as Y?" among questions about X)


def _every_training_question() -> list[tuple[str, str]]:
    """(file, question) for every question any model is trained on, as written."""
    out: list[tuple[str, str]] = []
    for name in TYPE_FILES:
        for questions in (yaml.safe_load(data_text(name)) or {}).values():
            out += [(name, str(q)) for q in questions]
    out += [(CONSUMER_TRAIN, str(x["q"])) for x in yaml.safe_load(data_text(CONSUMER_TRAIN)) or []]
    for name in URGENT_FILES:
        for questions in (yaml.safe_load(data_text(name)) or {}).values():
            out += [(name, str(q)) for q in questions]
    out += [("ask-eval.yaml", str(x["q"])) for x in yaml.safe_load(data_text("ask-eval.yaml")) or []]
    for questions in (yaml.safe_load(data_text(CONTEXT_FILE)) or {}).values():
        out += [(CONTEXT_FILE, str(q)) for q in questions]
    for name in (SUBJECT_FILE, SUBJECT_FILE12, SUBJECT_FILE13, SUBJECT_FILE14, SUBJECT_FILE15, SUBJECT_FILE15B):
        out += [(name, str(x["q"])) for x in yaml.safe_load(data_text(name)) or []]
    return out


# round 15: the outside writer's style twins of real questions (disjoint from blind 14's pool) and names15's
# subject twins, kept away from blind 13 as the files written while it was a development set are
# round 17: written while blind 15 was a development set: urgent17's emergency data (check sets e8 and e9 too)
# and type17's outside writer's twins
ROUND17_FILES = frozenset(["ask-urgent17.yaml", "ask-train-twins17.yaml"])
ROUND15B_FILES = frozenset([
    SUBJECT_FILE15B,  # written while blind 14 was a development set (brief names15b)
    *ROUND17_FILES,
])
ROUND15_FILES = frozenset(["ask-train-twins15.yaml", SUBJECT_FILE15, *ROUND15B_FILES])
ROUND14B_FILES = frozenset(["ask-urgent14b.yaml", *ROUND15_FILES])  # written while blind 13 was a development set (briefs urgent14b, names15, type15)
ROUND14_FILES = frozenset([SUBJECT_FILE14, "ask-urgent14.yaml", "ask-train-styles14.yaml", *ROUND14B_FILES])  # written while blind 12 (and check7) were development sets
ROUND13_FILES = frozenset([SUBJECT_FILE13, "ask-train-variety13.yaml", "ask-urgent13.yaml", *ROUND14_FILES])  # ...blind 11 and check6 too
ROUND12_FILES = frozenset(["ask-urgent12.yaml", "ask-train-styles12.yaml", SUBJECT_FILE12, *ROUND13_FILES])  # ...blind 10 too
ROUND11_FILES = frozenset(["ask-train-classes11.yaml", "ask-urgent11.yaml", SUBJECT_FILE, *ROUND12_FILES])  # ...blind 9 too
ROUND10_FILES = frozenset([CONTEXT_FILE, "ask-train-terse10.yaml", *ROUND11_FILES])  # ...and blind 8
ROUND9_FILES = frozenset(["ask-train-styles9.yaml", "ask-train-asking9.yaml", *ROUND10_FILES])  # ...blinds 6 and 7
ROUND6_FILES = frozenset(["ask-train-styles6.yaml", *ROUND9_FILES])  # written while blind 4 was a development set


def test_no_training_question_is_a_copy_of_a_development_or_real_scored_question():
    """Blind sets 1, 3, 4, 6, 7, 8, 9, 10, 11 and 12 (development sets from rounds 4-14) and the real questions are read for
    their misses, never copied or paraphrased into training: no training question is within a
    0.8 difflib ratio of one (both normalised; names as written, so "DRUG" stays a word)."""
    import difflib

    from healthlib.ask.evaluate import check_path, load_cases

    watched = [(c.q, None) for name in ("ask-heldout-blind.yaml", "ask-heldout-blind3.yaml")
               for c in load_cases(check_path(name))]
    # blind 4 became a development set in round 6, blinds 6 and 7 in rounds 8 and 9: the files written
    # since are kept away from them (older files were written before; a few short phrasings match by chance)
    watched += [(c.q, ROUND6_FILES) for c in load_cases(check_path("ask-heldout-blind4.yaml"))]
    watched += [(c.q, ROUND9_FILES) for name in ("ask-heldout-blind6.yaml", "ask-heldout-blind7.yaml")
                for c in load_cases(check_path(name))]
    watched += [(c.q, ROUND10_FILES) for c in load_cases(check_path("ask-heldout-blind8.yaml"))]
    watched += [(c.q, ROUND11_FILES) for c in load_cases(check_path("ask-heldout-blind9.yaml"))]
    watched += [(c.q, ROUND12_FILES) for c in load_cases(check_path("ask-heldout-blind10.yaml"))]
    watched += [(c.q, ROUND13_FILES) for c in load_cases(check_path("ask-heldout-blind11.yaml"))]
    watched += [(c.q, ROUND14_FILES) for c in load_cases(check_path("ask-heldout-blind12.yaml"))]
    watched += [(c.q, ROUND14B_FILES) for c in load_cases(check_path("ask-heldout-blind13.yaml"))]
    watched += [(c.q, ROUND15B_FILES) for c in load_cases(check_path("ask-heldout-blind14.yaml"))]
    watched += [(c.q, ROUND17_FILES) for c in load_cases(check_path("ask-heldout-blind15.yaml"))]
    watched += [(str(q), ROUND17_FILES) for name in ("ask-urgent-check8.yaml", "ask-urgent-check9.yaml", "ask-urgent-check10.yaml")
                for part in yaml.safe_load(data_text(name)).values() for q in part]
    watched += [(str(q), ROUND13_FILES) for part in yaml.safe_load(data_text("ask-urgent-check6.yaml")).values() for q in part]
    watched += [(str(q), ROUND14_FILES) for part in yaml.safe_load(data_text("ask-urgent-check7.yaml")).values() for q in part]
    tsv = default_consumer_tsv()
    if tsv is not None:
        from healthlib.ask.evaluate import load_consumer

        watched += [(c.q, None) for c in load_consumer(tsv) if c.drugs]
        watched += [(c.q, ROUND9_FILES) for c in load_consumer(tsv) if c.line in consumer_labels()]
    training = sorted({(name, normalise(q)) for name, q in _every_training_question()})
    close = []
    for q, only in watched:
        matcher = difflib.SequenceMatcher(None, b=normalise(q), autojunk=False)
        for name, text in training:
            if only is not None and name not in only:
                continue
            matcher.set_seq1(text)
            if matcher.real_quick_ratio() >= 0.8 and matcher.quick_ratio() >= 0.8 and matcher.ratio() >= 0.8:
                close.append((name, text, q))
    assert close == []


# Training questions within a 0.8 difflib ratio of a never-opened set (held-out, blinds 2 and 5,
# blind 8), counted when round 9 began: short stock phrasings of files written before those
# sets existed ("what is DRUG used for"). Never more; files written since, none.
NEVER_OPEN_CLOSE_AT_ROUND_9 = {"ask-train.yaml": 24, "ask-train-long.yaml": 3, "ask-train-real.yaml": 2,
                               "ask-train-pairs5.yaml": 1, "ask-urgent.yaml": 20, "ask-eval.yaml": 24}


# ...and blind 9's, counted when round 10 began (it was written then, by someone who saw none of these files)
NEVER_OPEN_CLOSE_AT_ROUND_10 = {"ask-train.yaml": 1, "ask-train-styles6.yaml": 1}


# ...and blind 10's, counted when round 11 began: none
NEVER_OPEN_CLOSE_AT_ROUND_11: dict[str, int] = {}


# ...and blind 11's, counted when round 12 began
NEVER_OPEN_CLOSE_AT_ROUND_12: dict[str, int] = {}


# ...and blind 12's, counted when round 13 began
NEVER_OPEN_CLOSE_AT_ROUND_13: dict[str, int] = {}


# ...and blind 13's, counted when round 14 began (one short stock phrasing of the first training file)
NEVER_OPEN_CLOSE_AT_ROUND_14 = {"ask-train.yaml": 1}


# ...and blind 14's, counted when round 15 began (short stock phrasings of older files, written long before)
NEVER_OPEN_CLOSE_AT_ROUND_15 = {"ask-train.yaml": 1, "ask-train-real.yaml": 1, "ask-train-consumer.yaml": 2,
                                "ask-urgent.yaml": 2}


# ...and blind 15's, counted when round 16 began (short stock phrasings of older files, written long before)
NEVER_OPEN_CLOSE_AT_ROUND_16 = {"ask-train.yaml": 2, "ask-urgent.yaml": 2, "ask-eval.yaml": 1}


# ...and blind 17's, counted when round 18 ended (one short stock phrasing of the oldest file)
NEVER_OPEN_CLOSE_AT_ROUND_18 = {"ask-train.yaml": 1}


# ...and blind 18's, counted when round 19 ended (short stock phrasings of older files; its writer saw none of them)
NEVER_OPEN_CLOSE_AT_ROUND_19 = {"ask-train.yaml": 1, "ask-urgent.yaml": 1, "ask-eval.yaml": 2}


# ...and blind 16's, counted when round 17 ended (short stock phrasings of older files; one chance pair with
# twins17, written at the same time by another outside writer who saw neither)
NEVER_OPEN_CLOSE_AT_ROUND_17 = {"ask-train-pairs.yaml": 1, "ask-train-twins17.yaml": 1, "ask-urgent.yaml": 1,
                                "ask-eval.yaml": 2}


def _close_count(watched: list[str], texts: list[str], at: float = 0.8) -> int:
    """How many (watched, text) pairs reach a difflib ratio of `at`; only texts of a length
    that could reach it are compared (the ratio is at most 2·shorter / (both lengths))."""
    import bisect
    import difflib

    texts = sorted(texts, key=len)
    lengths = [len(t) for t in texts]
    n = 0
    for q in watched:
        matcher = difflib.SequenceMatcher(None, b=q, autojunk=False)
        lo = bisect.bisect_left(lengths, len(q) * at / (2 - at))
        hi = bisect.bisect_right(lengths, len(q) * (2 - at) / at)
        for text in texts[lo:hi]:
            matcher.set_seq1(text)
            n += matcher.quick_ratio() >= at and matcher.ratio() >= at
    return n


def test_no_training_file_gains_a_copy_of_a_never_opened_set():
    """The held-out sets nobody reads are checked by count only: their questions and the close
    pairs are never printed, so the check itself opens nothing to a reader."""
    from healthlib.ask.evaluate import check_path, load_cases

    files: dict[str, list[str]] = {}
    for name, q in _every_training_question():
        files.setdefault(name, []).append(normalise(q))
    for names, allowed in ((["ask-heldout.yaml", "ask-heldout-blind2.yaml", "ask-heldout-blind5.yaml",
                             "ask-heldout-blind8.yaml"], NEVER_OPEN_CLOSE_AT_ROUND_9),
                           (["ask-heldout-blind9.yaml"], NEVER_OPEN_CLOSE_AT_ROUND_10),
                           (["ask-heldout-blind10.yaml"], NEVER_OPEN_CLOSE_AT_ROUND_11),
                           (["ask-heldout-blind11.yaml"], NEVER_OPEN_CLOSE_AT_ROUND_12),
                           (["ask-heldout-blind12.yaml"], NEVER_OPEN_CLOSE_AT_ROUND_13),
                           (["ask-heldout-blind13.yaml"], NEVER_OPEN_CLOSE_AT_ROUND_14),
                           (["ask-heldout-blind14.yaml"], NEVER_OPEN_CLOSE_AT_ROUND_15),
                           (["ask-heldout-blind15.yaml"], NEVER_OPEN_CLOSE_AT_ROUND_16),
                           (["ask-heldout-blind16.yaml"], NEVER_OPEN_CLOSE_AT_ROUND_17),
                           (["ask-heldout-blind17.yaml"], NEVER_OPEN_CLOSE_AT_ROUND_18),
                           (["ask-heldout-blind18.yaml"], NEVER_OPEN_CLOSE_AT_ROUND_19)):
        watched = [normalise(c.q) for name in names for c in load_cases(check_path(name))]
        counts = {name: _close_count(watched, sorted(set(texts))) for name, texts in files.items()}
        over = sorted(name for name, n in counts.items() if n > allowed.get(name, 0))
        assert over == [], f"training files closer to {names[-1]} than when it was written (not printed)"


def _read_as_labelled(lib, pairs: list[tuple[str, str]]) -> list[str]:
    """The questions of (question, type) pairs whose type is among those read."""
    return [q for q, expected in pairs if expected in understand(lib, q).intents]


# The pairs of types the model confused on real questions (docs/ask-labelling.md decides each),
# in fresh wording: in no training file and no paraphrase of a development or real question.
# 11 of 12 after round 4 (9 before it: both "too much" limits were read as overdose)
CONFUSED_PAIRS_MIN_CORRECT = 11
CONFUSED_PAIRS = [
    ("is 4 naproxen tablets in a day too much", "dose"),  # the limit, not an overdose taken
    ("how much acetaminophen is too much for a 10 year old", "dose"),
    ("how does prednisone cause mood swings", "side_effects"),  # not how_it_works
    ("metformin and a metal taste in my mouth, normal?", "side_effects"),
    ("omeprazole + clopidogrel, any issue taking both", "interactions"),  # not side_effects
    ("Cold and flu season. Which decongestant is ok with my amlodipine?", "interactions"),
    ("can I split my metoprolol dose into morning and night", "how_to_take"),
    ("I have myasthenia gravis. Can I be given ciprofloxacin for a bladder infection?", "who_should_not_take"),
    ("can doxycycline clear up acne", "uses"),
    ("what colour is a 40 mg atorvastatin tablet", "appearance"),
    ("how should I store oxycodone so the kids can't find it", "storage"),
    ("took two of my evening amlodipine by mistake, what happens now", "overdose"),
]


def test_the_confused_pairs_are_read_by_the_labelling_guide(lib):
    right = _read_as_labelled(lib, CONFUSED_PAIRS)
    assert len(right) >= CONFUSED_PAIRS_MIN_CORRECT, [x for x in CONFUSED_PAIRS if x[0] not in right]


# Round 5: the classes of confusion read off blind set 3 (a development set from round 5), one fresh
# question each (in no training file, no paraphrase of a development or real question).
ROUND5_PAIRS = [
    ("my partner is on methadone and tonight we can barely wake him, his lips look bluish", "overdose"),
    ("on lithium for years, since lunch she has been sick, shaking hard and talking slurred", "overdose"),
    ("I take warfarin every day. The GP has now added clarithromycin for my cough. Safe combination?",
     "interactions"),
    ("I had a DVT after a long flight in 2020. Is estradiol safe for me now?", "who_should_not_take"),
    ("how does finasteride actually work on the scalp", "how_it_works"),
    ("after my stent they put me on clopidogrel, do people stay on it for life", "duration"),
    ("does bactrim have sulfa in it", "ingredients"),
    ("my dad has a couple of whiskies every night with his lorazepam, how risky is that", "alcohol"),
]
ROUND5_PAIRS_MIN_CORRECT = 7  # 7 of 8 after round 5 (6 before it)


def test_round5_confusions_are_read_by_the_labelling_guide(lib):
    right = _read_as_labelled(lib, ROUND5_PAIRS)
    assert len(right) >= ROUND5_PAIRS_MIN_CORRECT, [x for x in ROUND5_PAIRS if x[0] not in right]


# Round 6: the classes of confusion read off blind sets 3 and 4 (development sets from round 6) and the
# real k-fold, one fresh question each (in no training file, no paraphrase of a development or real question).
ROUND6_PAIRS = [
    ("uncle on carbamazepine, had a fit in the garden ten minutes ago and still isn't making sense", "side_effects"),
    ("on citalopram, tried mdma last night, now burning hot with jerky legs", "interactions"),
    ("I ended up in hospital with a seizure on bupropion in 2021. Can I restart it at a smaller dose?",
     "who_should_not_take"),
    ("my cat chewed one of my sertraline tablets", "overdose"),
    ("metoprolol mechanism simple", "how_it_works"),
    ("slept through my bedtime lamotrigine", "missed_dose"),
    ("escitalopram yawning constantly, normal?", "side_effects"),
]
ROUND6_PAIRS_MIN_CORRECT = 6  # 6 of 7 after round 6 (the fit is read as who_should_not_take)


def test_round6_confusions_are_read_by_the_labelling_guide(lib):
    right = _read_as_labelled(lib, ROUND6_PAIRS)
    assert len(right) >= ROUND6_PAIRS_MIN_CORRECT, [x for x in ROUND6_PAIRS if x[0] not in right]


# Round 9: the class read off the real k-fold (a development set): why a time of day, or harm in
# taking it at another time, and how to use a spray, drops or a patch properly, are how_to_take
# (docs/ask-labelling.md), not side_effects. Fresh questions, in no training file.
ROUND9_TIMING = [
    ("Amlodipine. My chemist says bedtime is better. Is it risky to keep taking it at breakfast?", "how_to_take"),
    ("is it harmful to take furosemide in the evening instead of first thing", "how_to_take"),
    ("levothyroxine, any damage done if i take it at lunch rather than on waking", "how_to_take"),
    ("Beclometasone inhaler with a spacer, how many breaths do I take after each puff", "how_to_take"),
    ("latanoprost drops always miss my eye and run down my face, what is the proper way", "how_to_take"),
]
ROUND9_TIMING_MIN_CORRECT = 4  # 5 of 5 after round 9 (2 before it)


def test_round9_timing_and_use_questions_are_how_to_take(lib):
    right = _read_as_labelled(lib, ROUND9_TIMING)
    assert len(right) >= ROUND9_TIMING_MIN_CORRECT, [x for x in ROUND9_TIMING if x[0] not in right]
# Round 10: terse questions as real people type them (fragments, slips, second-language wording),
# written for this test and in no training file. 59 of 64 right before ask-train-terse10.yaml, 60 after;
# the misses left: a course's length asked with "stop" or as a pack (read stopping, how_to_take), and a
# tablet broken in two (read appearance). The older model already read most terse questions right.
TERSE_MIN_CORRECT = 59  # round 11: with meal timing now how_to_take, "levothyroxine with coffe in morning"
# (food: what the coffee does) reads how_to_take second to food; the meal question turned how_to_take with it
TERSE = [
    ('amoxicillin finish whole course or stop when better', 'duration'),
    ('sertraline how many weeks before working', 'onset'),
    ('paracetamol kids dose 15 kg', 'dose'),
    ('metformin take with meal or before', 'how_to_take'),  # round 11: meals are how to take it
    ('omeprazole how work stomach', 'how_it_works'),
    ('ibuprofen tablet has lactose in it', 'ingredients'),
    ('atorvastatin brand name', 'brand_names'),
    ('cetirizine drowsy can i drive', 'driving'),
    ('insulin unopened fridge how long', 'storage'),
    ('forgot my levothyroxine this morning take at night?', 'missed_dose'),
    ('lisinopril cough dry', 'side_effects'),
    ('warfarin with aspirin both ok', 'interactions'),
    ('amlodipine what for', 'uses'),
    ('naproxen vs ibuprofen stronger which', 'comparison'),
    ('prednisone stop quick danger?', 'stopping'),
    ('citalopram pregnent 8 week', 'pregnancy'),
    ('fluoxetine breast feeding baby', 'breastfeeding'),
    ('losartan pill look different this month', 'appearance'),
    ('metronidazole beer', 'alcohol'),
    ('diazepam what kind of drug', 'what_is'),
    ('zolpidem how long stay in blood', 'duration'),
    ('doxycycline when feel better acne', 'onset'),
    ('simvastatin night why, morning not ok?', 'how_to_take'),
    ('clopidogrel kidney problem can take', 'who_should_not_take'),
    ('wat r the side efects of metformin', 'side_effects'),
    ('can i tak ibuprofen wen pregnat', 'pregnancy'),
    ('is amoxicilin ok wile brestfeeding', 'breastfeeding'),
    ('sertraline intraction with tramadol', 'interactions'),
    ('how lond does omeprazole take to wrk', 'onset'),
    ('maximun dosege of paracetamol in one day', 'dose'),
    ('metronidazol and alchohol how long wait', 'alcohol'),
    ('i forgoted to take my amlodipine yesterday', 'missed_dose'),
    ('atorvastatin musle pain normal??', 'side_effects'),
    ('my doctor give me citalopram, what it is for', 'uses'),
    ('cetirizine make sleepy, is possible drive car', 'driving'),
    ('where i keep insulin after open', 'storage'),
    ('warfarin food avoid which', 'food'),
    ('stoping sertraline after 1 year how to do', 'stopping'),
    ('levothyroxine with coffe in morning problem?', 'food'),
    ('difrence between naproxen and ibuprofen', 'comparison'),
    ('azithromycin 3 day or 5 day pack', 'duration'),
    ('nitrofurantoin stop after 3 days if pee ok?', 'duration'),
    ('how long citalopram until i feel differnt', 'onset'),
    ('melatonin works after how many minute', 'onset'),
    ('ibuprofen 400 how many in 24 hour', 'dose'),
    ('amoxicillin for baby 9 kg how much ml', 'dose'),
    ('metformin tablet break in two ok', 'how_to_take'),
    ('salbutamol spacer how use', 'how_to_take'),
    ('levothyroxine how it works thyroid', 'how_it_works'),
    ('atorvastatin what it does to cholesterol inside body', 'how_it_works'),
    ('omeprazole capsule made from pork gelatin', 'ingredients'),
    ('cetirizine syrup sugar inside?', 'ingredients'),
    ('paracetamol other name america', 'brand_names'),
    ('sertraline brand name', 'brand_names'),
    ('diazepam driving allowed next day', 'driving'),
    ('amitriptyline drive at night ok', 'driving'),
    ('amoxicillin liquid fridge or room', 'storage'),
    ('insulin pen after open how many days good', 'storage'),
    ('missed 2 days of sertraline restart same dose?', 'missed_dose'),
    ('forgot metformin at dinner, take at bedtime?', 'missed_dose'),
    ('prednisolone how many days course usually', 'duration'),
    ('fluoxetine what it is exactly', 'what_is'),
    ('gabapentin kind of medicine opioid?', 'what_is'),
    ('omeprazole long time use how long ok', 'duration'),
]


def test_terse_questions_are_in_no_training_file(lib):
    training = _training_texts()
    assert [q for q, _ in TERSE if understand(lib, q).masked in training] == []


def test_terse_and_misspelled_questions_get_their_type(lib):
    wrong = [(q, expected) for q, expected in TERSE if expected not in understand(lib, q).intents]
    assert len(TERSE) - len(wrong) >= TERSE_MIN_CORRECT, wrong


# Round 11: when to take it around meals (with food, on an empty stomach, before or after eating) is
# how_to_take, as every blind set's writer labels it and DESIGN.md's guide places it; food is what a
# food or drink does with the medicine (grapefruit, dairy, caffeine, vitamin K, potassium salt).
# Written for this test, in no training file; before the relabelling each meal question read food.
MEALS = [
    ("naproxen with food or without", "how_to_take"),
    ("Should my amoxicillin be taken on an empty stomach or with a meal? It makes me a bit queasy.", "how_to_take"),
    ("lansoprazole before breakfast or with it", "how_to_take"),
    ("do you have to eat something first before a prednisolone tablet", "how_to_take"),
    ("atorvastatin and grapefruit juice every morning, a problem?", "food"),
    ("cipro and yogurt at breakfast ok", "food"),
    ("is it ok to drink coffee on my ramipril", "food"),
]


FOOD_EFFECT_MIN_CORRECT = 2  # of 3: "cipro and yogurt at breakfast" reads how_to_take first (a near tie)


def test_meal_timing_is_how_to_take_and_what_a_food_does_is_food(lib):
    assert [q for q, _ in MEALS if understand(lib, q).masked in _training_texts()] == []
    meals = [x for x in MEALS if x[1] == "how_to_take"]
    assert _read_as_labelled(lib, meals) == [q for q, _ in meals]  # each read food before round 11
    assert len(_read_as_labelled(lib, [x for x in MEALS if x[1] == "food"])) >= FOOD_EFFECT_MIN_CORRECT


# Round 12: how often, or how many times a day, is dose, as every blind set's writer labels it
# (ask-train.yaml and the tuned set had it how_to_take, ask-train-real.yaml dose). Written for this
# test, in no training file; before the relabelling each read how_to_take.
FREQUENCY = [
    ("how often am i meant to take naproxen", "dose"),
    ("cetirizine how many times in a day", "dose"),
    ("how many times a day should my son have his amoxicillin", "dose"),
]
# ...and ask-train-styles12.yaml's, for a form that is not a tablet (the gel read how_to_take before)
STYLES12 = [
    ("ibuprofen gel how many times a day can it go on", "dose"),
    ("how many of the benzonatate perles can i have in a day", "dose"),
]


def test_how_often_is_dose(lib):
    assert [q for q, _ in FREQUENCY if understand(lib, q).masked in _training_texts()] == []
    assert _read_as_labelled(lib, FREQUENCY) == [q for q, _ in FREQUENCY]
    assert [q for q, _ in STYLES12 if understand(lib, q).masked in _training_texts()] == []
    assert _read_as_labelled(lib, STYLES12) == [q for q, _ in STYLES12]


# Round 12: a pasted list with one medicine asked about; the type model leaves the listed ones out
# (with their strengths), so the list no longer reads as two medicines taken together. Written for
# this test; before, the sertraline question read interactions.
LISTS = [
    ("Mum takes donepezil, sertraline 50, amlodipine and omeprazole. Can the sertraline be taken at night instead?",
     "how_to_take"),
    ("my list: lisinopril 20, metformin 500, atorvastatin 40 and omeprazole. the atorvastatin, does it cause "
     "muscle cramps", "side_effects"),
    ("I take amlodipine 5, simvastatin 20, aspirin and levothyroxine every morning. what does the levothyroxine "
     "actually do in the body", "how_it_works"),
]


def test_a_listed_medicine_not_asked_about_is_left_out_of_the_type_reading(lib):
    from healthlib.ask.understand import _type_words

    u = understand(lib, LISTS[0][0])
    assert [x.typed for x in u.mentions if not x.asked] == ["donepezil", "amlodipine", "omeprazole"]
    assert _type_words(u, 0, len(u.tokens)) == (
        "mum takes drugx 50 and can the drugx be taken at night instead")  # its own strength stays
    assert _read_as_labelled(lib, LISTS) == [q for q, _ in LISTS]
    two = understand(lib, "can i take omeprazole and clopidogrel together")  # both asked: both read
    assert _type_words(two, 0, len(two.tokens)) == two.masked and two.intent == "interactions"


def test_the_type_model_is_regularised_less_than_the_emergency_and_context_models():
    """Round 11: C = 0.85 for the type model read blinds 8 and 9 better than 0.7 with no development
    set lower (1.0 lowered blinds 1 and 3); round 17: with its twins, 1.0 read blind 15 and the real
    questions better; the emergency and context models keep 0.7."""
    from healthlib.ask import classifier

    assert classifier._classifier(c=classifier.TYPE_C).C == 1.0
    assert classifier._classifier(balanced=True).C == classifier.URGENT_C == 0.7
    assert classifier._pipeline().steps[-1][1].C == classifier.TYPE_C


@pytest.mark.parametrize("name, earlier", [("ask-urgent-check4.yaml", ()), ("ask-urgent-check5.yaml", ("ask-urgent-check4.yaml",)),
                                           ("ask-urgent-check6.yaml", ("ask-urgent-check4.yaml", "ask-urgent-check5.yaml")),
                                           ("ask-urgent-check7.yaml", ("ask-urgent-check4.yaml", "ask-urgent-check5.yaml",
                                                                       "ask-urgent-check6.yaml")),
                                           ("ask-urgent-check8.yaml", ("ask-urgent-check4.yaml", "ask-urgent-check5.yaml",
                                                                       "ask-urgent-check6.yaml", "ask-urgent-check7.yaml")),
                                           ("ask-urgent-check9.yaml", ("ask-urgent-check4.yaml", "ask-urgent-check5.yaml",
                                                                       "ask-urgent-check6.yaml", "ask-urgent-check7.yaml",
                                                                       "ask-urgent-check8.yaml")),
                                           ("ask-urgent-check10.yaml", ("ask-urgent-check4.yaml", "ask-urgent-check5.yaml",
                                                                        "ask-urgent-check6.yaml", "ask-urgent-check7.yaml",
                                                                        "ask-urgent-check8.yaml", "ask-urgent-check9.yaml")),
                                           ("ask-urgent-check11.yaml", ("ask-urgent-check4.yaml", "ask-urgent-check5.yaml",
                                                                        "ask-urgent-check6.yaml", "ask-urgent-check7.yaml",
                                                                        "ask-urgent-check8.yaml", "ask-urgent-check9.yaml",
                                                                        "ask-urgent-check10.yaml")),
                                           ("ask-urgent-check12.yaml", ("ask-urgent-check4.yaml", "ask-urgent-check5.yaml",
                                                                        "ask-urgent-check6.yaml", "ask-urgent-check7.yaml",
                                                                        "ask-urgent-check8.yaml", "ask-urgent-check9.yaml",
                                                                        "ask-urgent-check10.yaml", "ask-urgent-check11.yaml"))])
def test_the_later_emergency_check_sets_copy_no_evaluation_question(name, earlier):
    """ask-urgent-check4.yaml (round 11, brief urgent11b), -check5.yaml (round 12, brief urgent12), -check6.yaml
    (round 13, brief urgent13), -check7.yaml (round 14, brief urgent14), -check8.yaml (round 15, brief urgent15:
    style twins of drawn real questions), -check9.yaml (round 16, brief urgent16: the same by an outside writer;
    blinds 13 and 14 are development sets for it) and -check10.yaml (round 17, brief urgent17: the same; blind 15 too)
    were written for the emergency decision: none of their questions is
    within a 0.8 difflib ratio of a development or real scored question (blind 10 too for check5, a development
    set from round 12; blind 11 too for check6, one from round 13; blind 12 too for check7, one from round 14;
    blind 13 too for check8, one from round 14b), and none of a never-opened set (counted, never printed)."""
    from healthlib.ask.evaluate import check_path, load_cases

    check = yaml.safe_load(data_text(name))
    written = sorted({normalise(str(q)) for questions in check.values() for q in questions})
    dev_sets = ["ask-heldout-blind.yaml", "ask-heldout-blind3.yaml", "ask-heldout-blind4.yaml", "ask-heldout-blind6.yaml",
                "ask-heldout-blind7.yaml", "ask-heldout-blind8.yaml", "ask-heldout-blind9.yaml", "ask-eval.yaml"]
    never_sets = ["ask-heldout.yaml", "ask-heldout-blind2.yaml", "ask-heldout-blind5.yaml", "ask-heldout-blind14.yaml",
                  "ask-heldout-blind15.yaml", "ask-heldout-blind16.yaml", "ask-heldout-blind17.yaml"]
    (dev_sets if name in ("ask-urgent-check8.yaml", "ask-urgent-check9.yaml", "ask-urgent-check10.yaml",
                          "ask-urgent-check11.yaml", "ask-urgent-check12.yaml") else never_sets).append("ask-heldout-blind13.yaml")
    if name in ("ask-urgent-check9.yaml", "ask-urgent-check10.yaml", "ask-urgent-check11.yaml",
                "ask-urgent-check12.yaml"):  # blind 14: dev from round 16
        never_sets.remove("ask-heldout-blind14.yaml")
        dev_sets.append("ask-heldout-blind14.yaml")
    if name in ("ask-urgent-check10.yaml", "ask-urgent-check11.yaml", "ask-urgent-check12.yaml"):  # ...and blind 15: round 17
        never_sets.remove("ask-heldout-blind15.yaml")
        dev_sets.append("ask-heldout-blind15.yaml")
    if name in ("ask-urgent-check11.yaml", "ask-urgent-check12.yaml"):  # ...and blind 16 from round 18
        never_sets.remove("ask-heldout-blind16.yaml")
        dev_sets.append("ask-heldout-blind16.yaml")
    if name == "ask-urgent-check12.yaml":  # ...and blind 17 from round 19; blind 18 was written beside check12
        never_sets.remove("ask-heldout-blind17.yaml")
        dev_sets.append("ask-heldout-blind17.yaml")
        never_sets.append("ask-heldout-blind18.yaml")
    (dev_sets if earlier else never_sets).append("ask-heldout-blind10.yaml")
    (dev_sets if name in ("ask-urgent-check6.yaml", "ask-urgent-check7.yaml", "ask-urgent-check8.yaml", "ask-urgent-check9.yaml",
                          "ask-urgent-check10.yaml", "ask-urgent-check11.yaml", "ask-urgent-check12.yaml")
     else never_sets).append("ask-heldout-blind11.yaml")
    (dev_sets if name in ("ask-urgent-check7.yaml", "ask-urgent-check8.yaml", "ask-urgent-check9.yaml", "ask-urgent-check10.yaml",
                          "ask-urgent-check11.yaml", "ask-urgent-check12.yaml") else never_sets).append("ask-heldout-blind12.yaml")
    dev = [normalise(c.q) for name in dev_sets for c in load_cases(check_path(name))]
    for other in ("ask-urgent-check.yaml", "ask-urgent-check2.yaml", "ask-urgent-check3.yaml", *earlier):
        dev += [normalise(str(q)) for questions in yaml.safe_load(data_text(other)).values() for q in questions]
    # check9's outside writer wrote an ordinary "how do you get serotonin syndrome" word for word as check8's writer did
    # (a short general question; so also 0.8 from check8's "how do doctors diagnose serotonin syndrome")
    # check10's writer (round 17) imitated real questions too: 3 pairs with development sets and 1 with a real question
    # came out within 0.8 (counted when it was added after being measured; check sets are never trained on)
    # check11's (round 18) 9 with development sets and 1 with a real question, check12's (round 19) 16 with
    # development sets (twins of the same real questions as theirs), counted the same way
    assert _close_count(dev, written) == {"ask-urgent-check9.yaml": 2, "ask-urgent-check10.yaml": 3,
                                          "ask-urgent-check11.yaml": 9, "ask-urgent-check12.yaml": 16}.get(name, 0)
    tsv = default_consumer_tsv()
    if tsv is not None:  # the real questions are beside the project only where ../shared is
        from healthlib.ask.evaluate import load_consumer

        real = [normalise(c.q) for c in load_consumer(tsv)]
        assert _close_count(real, written) == {"ask-urgent-check10.yaml": 1, "ask-urgent-check11.yaml": 1}.get(name, 0)
    never = [normalise(c.q) for name in never_sets for c in load_cases(check_path(name))]
    # check8 and blind 14 were written at the same hour by writers who saw neither file, both imitating
    # drawn real questions: one pair came out close by chance (counted when both were in, never read)
    # check9 too: one question came out close to the held-out set (counted when added in round 16, never read);
    # and blind 15, written in round 16 by a third writer imitating real questions, has one chance close pair
    # with each of check8 and check9 (counted when it was added, never read); blind 16 (round 17) one with each of
    # check8 and check10 (counted when it was added); check11 (round 18) one with the never-open sets or blind 17
    # (counted when it was added). Check sets are never trained on.
    allowed = {"ask-urgent-check8.yaml": 3, "ask-urgent-check9.yaml": 2, "ask-urgent-check10.yaml": 1,
               "ask-urgent-check11.yaml": 1}.get(name, 0)
    assert _close_count(never, written) <= allowed, f"{name} is close to a never-opened set (not printed)"


# Round 15 (docs/ask-labelling.md): addiction is a harm the medicine may cause, its purpose is what it is
# for. Written for this test, in no training file; before the relabelling each read what_is.
HARM_AND_PURPOSE = [
    ("is gabapentin addictive? my friend said people get hooked on it", "side_effects"),
    ("Clonazepam 0.5. Is it habit forming if I only take it at night?", "side_effects"),
    ("what's the purpose of my furosemide", "uses"),
    ("my dad takes metoprolol, whats the purpose of it?", "uses"),
]


def test_addiction_is_a_side_effect_and_a_purpose_is_a_use(lib):
    assert [q for q, _ in HARM_AND_PURPOSE if understand(lib, q).masked in _training_texts()] == []
    assert _read_as_labelled(lib, HARM_AND_PURPOSE) == [q for q, _ in HARM_AND_PURPOSE]


def test_the_outside_writers_varied_styles_train_the_type_model_at_half_weight():
    """Round 13: ask-train-variety13.yaml (349 questions in e-mail, form, capitals and "this one" styles,
    by a writer who saw no code and no evaluation set) at half weight read the development blinds
    better than at full weight (docs/measurement-history.md); round 15's 303 style twins of real questions
    (ask-train-twins15.yaml) are at a quarter weight, round 17's 297 (ask-train-twins17.yaml) at a quarter too; every other
    file keeps weight 1 (the development blinds, training since round 18, are at their own weight:
    tests/test_ask_blind_training.py)."""
    from healthlib.ask.classifier import training_examples

    weights = [e.weight for e in training_examples() if e.type and not e.blind]
    assert weights.count(0.5) == 349 and weights.count(0.25) == 303 + 297 and set(weights) == {0.25, 0.5, 1.0}


# Round 17: uses asked the long way ("main / common uses"), a class round 16 found blind 15 missing with no training
# question of its frame; ask-train-twins17.yaml (an outside writer's style twins) teaches it. Written for this test,
# in no training file; before it they read what_is and side_effects. (A hold before surgery, stopping, is read at
# half weight, not at the quarter kept: docs/measurement-history.md, "Ask — round 17".)
ASKED_THE_LONG_WAY = [
    ("doxycycline, what are its main uses please", "uses"),
    ("cetirizine common uses?", "uses"),
]


def test_uses_asked_the_long_way_are_read(lib):
    assert [q for q, _ in ASKED_THE_LONG_WAY if understand(lib, q).masked in _training_texts()] == []
    assert _read_as_labelled(lib, ASKED_THE_LONG_WAY) == [q for q, _ in ASKED_THE_LONG_WAY]


def test_a_danger_told_beside_a_food_word_is_a_harm_not_a_diet_question(lib):
    """Vomit like coffee grounds on a blood thinner is bleeding: an emergency whose type is side_effects, not food
    (the word "coffee" read the model's food; round 17)."""
    for q in ("threw up what looks like coffee grounds tonight, I take rivaroxaban",
              "On apixaban and just vomited dark stuff like coffee grounds, feel dizzy"):
        u = understand(lib, q)
        assert u.urgent and u.intent == "side_effects", q


# Round 13: the same questions as e-mails or forms (a subject line, a greeting, a sign-off with a name,
# all capitals) are read by what they ask. Written for this test, in no training file.
FRAMED = [
    ("Subject: repeat prescription. Hello, my husband's new naproxen box says 500 mg. How many of those is he "
     "allowed in a day? Kind regards, Pauline", "dose"),
    ("Good evening. I've got asthma, a stomach ulcer last year and kidney trouble. The walk-in centre suggested "
     "ibuprofen for my knee. Is it a bad idea for someone with my history? Thanks, Derek", "who_should_not_take"),
    ("SERTRALINE 50MG STARTED LAST WEEK. FEELING MORE ANXIOUS NOT LESS. IS THAT NORMAL AT THE START", "side_effects"),
    ("Dear pharmacist, I was switched from amlodipine to lercanidipine. What sort of medicine is this new one "
     "exactly? Many thanks, Joan", "what_is"),
    ("Hi there, the GP put me on metformin for my sugar. Does it need to be taken with a meal or can I have it "
     "whenever? Cheers, Sam", "how_to_take"),
    ("Hi, quick one. My daughter has to have her amoxicillin suspension in the fridge, is it ruined if it was "
     "left out overnight? Ta, Gemma", "storage"),
]


def test_a_message_framed_as_an_email_or_a_form_is_read_by_what_it_asks(lib):
    assert [q for q, _ in FRAMED if understand(lib, q).masked in _training_texts()] == []
    assert _read_as_labelled(lib, FRAMED) == [q for q, _ in FRAMED]


def test_the_type_cross_validation_trains_as_the_model_does(monkeypatch):
    """The 5-fold figure (b) weighs each training question as `train` does (half weight for round 13's file)."""
    from sklearn.svm import LinearSVC

    from healthlib.ask import classifier

    seen: list[int] = []
    fit = LinearSVC.fit

    def recording(self, x, y, sample_weight=None):
        seen.append(0 if sample_weight is None else sum(w == 0.5 for w in sample_weight))
        return fit(self, x, y, sample_weight=sample_weight)

    monkeypatch.setattr(LinearSVC, "fit", recording)
    classifier.cross_validate(folds=2)
    assert seen[:2] and all(n > 0 for n in seen[:2])  # the two type-model folds saw the half weights
