"""Emergencies in ask: every category a poison-control nurse triages is flagged, look-alikes are
not, and the emergency box and the text below it never ask for different calls.

The phrasings here are fresh: none is in the training data (`data/ask-urgent.yaml`), the tuned
set or the check set (a test below makes sure), so they test breadth, not memory.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
import yaml

from healthlib.ask.answer import answer_question
from healthlib.ask.evaluate import URGENT_CHECK_FILES, check_path, urgent_check
from healthlib.ask.safety import (
    PET_NOTE,
    POISON_CONTROL,
    SIGNS,
    RedFlag,
    asks_a_risk,
    emergency_guidance,
    told_long_ago,
)
from healthlib.ask.training import URGENT_FILES, data_text
from healthlib.ask.understand import model_may_read, understand

EMERGENCIES = [
    # already sent to emergency care by a professional
    ("hospital lab rang about my blood test on lisinopril, doctor told me to go to A&E tonight. is that really needed", "sent_to_care"),
    ("111 said get him to the er, he had 3 of my oxycodone. can we just wait and see", "sent_to_care"),
    # the reason between the telling and the going
    ("GP rang and said my potassium is dangerously high, go to hospital now. I'm on spironolactone, is that a bit much",
     "sent_to_care"),
    ("the lab called about my INR on warfarin, told me it's critical and to go in now", "sent_to_care"),
    ("lab rang, said my sodium is 118 and I need to go to A&E today. on sertraline. can it wait", "sent_to_care"),
    # priapism (the trazodone and sildenafil labels: get medical help at once)
    ("started trazodone last week and have had an erection for 6 hours, it is really painful", "emergency"),
    ("took viagra last night and my erection still wont go down this morning", "emergency"),
    # child ingestion
    ("my two year old bit into one of my amlodipine tablets, he is playing happily", "overdose"),
    ("grandson found nanas tramadol in her handbag and ate some", "overdose"),
    ("my toddler got at the metformin in my bag, a few are missing", "overdose"),
    # too much taken now
    ("I took 24 ibuprofen tablets around lunchtime", "overdose"),
    ("took the whole packet of my sertraline about 20 minutes ago", "overdose"),
    ("accidentally took triple my metoprolol dose", "overdose"),
    # self-harm
    ("i am stockpiling my zolpidem so i can end things", "self_harm"),
    ("my sister says she wants to die and has her lithium", "self_harm"),
    # opioid overdose signs
    ("my boyfriend took oxycodone and now his lips are blue and he is snoring strangely", "breathing"),
    ("cant wake my dad after his morphine, breathing is really shallow", "fainting"),
    # bleeding on a blood thinner
    ("on apixaban and my poo has been black like tar since this morning", "bleeding"),
    ("my mum on warfarin banged her head on the door and is now very sleepy", "bleeding"),
    ("rivaroxaban and I have been coughing up blood today", "bleeding"),
    # severe allergy
    ("my lips and tongue swelled up after the first amoxicillin and my voice is hoarse", "allergy"),
    ("hives everywhere and my throat feels like it is closing after cephalexin", "breathing"),
    # serotonin syndrome
    ("since adding tramadol to my sertraline i am shivering, sweating and my legs keep jerking", "toxicity"),
    # lithium toxicity
    ("my lithium level came back at 2.3 and I keep vomiting", "toxicity"),
    # very low blood sugar
    ("glucose 2.7 and sweating after my gliclazide", "low_blood_sugar"),
    ("my diabetic husband is sweating and confused and cannot answer me", "low_blood_sugar"),
    # stroke, chest pain, seizure, fainting
    ("my nan suddenly cant lift her right arm and her words are muddled", "stroke"),
    ("crushing pain in my chest running down my left arm", "chest_pain"),
    ("my wife just had a seizure after her bupropion", "seizure"),
    ("he keeps passing out after his new amlodipine", "fainting"),
    # heart rate, skin, fever, breathing
    ("heart rate is 34 on my metoprolol and I feel dizzy", "heart_rate"),
    ("my skin is blistering and peeling since starting allopurinol", "skin"),
    ("my daughter has a temperature of 39.8 and a stiff neck", "fever"),
    ("my inhaler is not helping and I am struggling to breathe", "breathing"),
    # readings that are dangerous by themselves, with a sign (round 2)
    ("my grandmothers blood pressure is 72/45 and she keeps nodding off, she is on ramipril", "blood_pressure"),
    ("bp 75/50 and really dizzy after my doxazosin", "blood_pressure"),
    ("bp 210/130 with a pounding headache and blurry vision, I ran out of amlodipine", "blood_pressure"),
    ("glucose meter says 38 mg/dl and my husband is drenched in sweat", "low_blood_sugar"),
    ("temperature 40.3 and her neck is stiff and she hates the light", "fever"),
    ("temp is 104 and he cant bend his neck", "fever"),
    # states: grey, not making sense
    ("my uncle has gone a grey colour and we cant get much sense out of him since his oxycodone", "fainting"),
    ("she is not making much sense and is very drowsy since taking her zopiclone", "fainting"),
    ("found him with a load of empty codeine packets scattered around the bed", "overdose"),
    # long stories: the emergency comes after a history
    ("After a long day at work I came back and my wife said she had been feeling off since lunch. We had a normal "
     "dinner and she took her usual tablets. About an hour later she suddenly could not lift her right arm and her "
     "face looked droopy. She is on apixaban. What should I do?", "stroke"),
    ("My mother had a bad chest infection last month and was given antibiotics which cleared it up. She is 80 and on "
     "digoxin and furosemide. Tonight she is throwing up and says the lights look yellow and blurry and her heartbeat "
     "feels irregular. Is this serious?", "toxicity"),
    ("i started citalopram last month and today my doctor added tramadol, now im sweating, twitching and my heart "
     "is racing", "toxicity"),
    # quantity words, relatives, typos, UK wording
    ("my dad has taken all of his pills for the week in one go", "overdose"),
    ("hubby has necked a full box of nytol, what do we do", "overdose"),
    ("had 20 co-codamol and half a bottle of wine, feel sick", "overdose"),
    ("accidently gave my baby 5ml of calpol twice in an hour", "overdose"),
    ("I wnat to die, I have a bottle of paracetamol next to me", "self_harm"),
    ("ive been vomitting blood since this morning and i take aspirin and clopidogrel", "bleeding"),
    ("wife is acting drunk but hasnt drunk anything, she is on insulin and sweating", "low_blood_sugar"),
    ("my babys spots dont fade when i press a glass on them and she has a temperature", "fever"),
    ("I injected my evening insulin dose twice by mistake", "overdose"),
    ("just took my insulin twice, what do I do", "overdose"),
    ("my toddler licked a fentanyl patch", "overdose"),
    # round 3: typos, fragments, sight and speech, readings said in words, children given the wrong medicine
    ("grandma went blind in her right eye this afternoon, she takes warfarin", "stroke"),
    ("ramipril and my tongue is all of a sudden massive", "allergy"),
    ("he couldnt get his words out at dinner and his left hand has gone limp", "stroke"),
    ("mums lithium level came back 2 point 3 and she is confused and wobbly", "toxicity"),
    ("bp 215/135 and my head is banging", "blood_pressure"),
    ("the childminder gave my son her own tramadol instead of his calpol", "overdose"),
    ("my nephew swallowed some pills, we dont know how many", "overdose"),
    ("my 2 year old was in the bathroom and the paracetamol lid was off", "overdose"),
    ("we found a goodbye note and he took his sleeping tablets", "self_harm"),
    ("cant breth properly after the amoxicilin", "breathing"),
]

LOOK_ALIKES = [
    "the GP said to go to A&E if my INR goes over 8, how often should I check it on warfarin",
    "my doctor said it's only mild, no need to go to hospital, but can I keep taking ramipril",
    "can trazodone cause an erection that lasts for hours",
    "the nurse said if the swelling spreads go to urgent care, is that normal with amoxicillin",
    "pharmacist said I could go in to hospital for a level check on lithium one day, what do they test",
    "my pharmacist said head to urgent care when a fever comes with the sore throat on methotrexate, why is that",
    "what should I do if my toddler swallows amlodipine",
    "how do I store oxycodone safely with children at home",
    "my son swallowed his methylphenidate tablet whole instead of chewing it",
    "my daughter ate one of my metformin last year, poison control said it was fine",
    "what is the maximum dose of ibuprofen in a day",
    "i took 2 ibuprofen this morning for a headache",
    "can sertraline cause suicidal thoughts in teenagers",
    "can apixaban cause black stools",
    "my gums bleed a little when i brush, i take warfarin",
    "what is anaphylaxis and how is it treated",
    "what is a normal lithium level",
    "my blood sugar was 5.6 this morning",
    "my sugar was 180 after dinner, is that high",
    "i had a stroke in 2019, can i take aspirin",
    "can sumatriptan cause chest pain",
    "i had a seizure years ago, can i take bupropion",
    "my resting heart rate is 58 on metoprolol",
    "can lamotrigine cause a rash",
    "can i take ibuprofen for a fever and a sore neck",
    "overdose 3 in 1 shampoo how much to use",
    "what happens if you take too much paracetamol",
    # round 2: readings, relatives and pets told without an emergency
    "what is a dangerous blood pressure reading, my bp was 110/70",
    "my blood pressure runs about 95/60, is that too low for amlodipine?",
    "my blood sugar was 45 mg/dl last year during a hypo, should I carry glucose?",
    "is a temperature of 40 dangerous for a child?",
    "my dads inr is 2.5, is that in range for warfarin?",
    "what is a normal heart rate on metoprolol, mine is 55",
    "my sugars go to 3.5 after exercise, should I eat before?",
    "my dog is on gabapentin for arthritis, what dose is he on usually",
    "does digoxin make everything look yellow?",
    "my grandad has grey hair and takes ramipril, can he drink alcohol",
    "my dad has to take all of his pills in the morning, is that ok?",
    "how many tablets are in a box of nytol?",
    "she takes 12 different medicines, can a pharmacist check them?",
    "I had 5 tablets a day of metformin before, now 4, is that right",
    "what is the glass test for meningitis?",
    "my daughter had a febrile seizure at 2, can she have calpol?",
    "my chest feels tight when i have a cold, can i take sudafed?",
    "can you take insulin twice a day?",
    # an animal that got into medicine is answered (vet, animal poison line), not a 911 emergency
    "the cat got into my venlafaxine and ate a couple",
    # round 3: general questions about stroke signs, history told as a time, mild breathlessness on effort
    "can sildenafil cause sudden loss of sight in one eye",
    "what are the symptoms of a stroke, like slurred words",
    "my dad has been on clopidogrel since his stroke in 2015, can he take ibuprofen",
    "i get a little breathless on the stairs since starting bisoprolol, is that normal",
    "i used to be suicidal as a teenager, is fluoxetine ok for me",
    "i take 5 tablets in the morning, can i swallow them all together",
    "my son wrote a note about when to take his pills",
]


@pytest.mark.parametrize("q, kind", EMERGENCIES)
def test_each_kind_of_emergency_is_flagged(lib, q, kind):
    a = answer_question(lib, q)
    assert a.urgent and kind in a.red_flags, (q, a.red_flags)


@pytest.mark.parametrize("q", LOOK_ALIKES)
def test_look_alikes_of_emergencies_are_not_flagged(lib, q):
    a = answer_question(lib, q)
    assert not a.urgent, (q, a.red_flags)


def _urgent_training() -> dict[str, list]:
    """The emergency model's phrasings of every file (`URGENT_FILES`), by label."""
    out: dict[str, list] = {"urgent": [], "not_urgent": []}
    for name in URGENT_FILES:
        data = yaml.safe_load(data_text(name)) or {}
        for label in out:
            out[label] += data.get(label) or []
    return out


def test_these_phrasings_are_fresh():
    urgent = _urgent_training()
    check = yaml.safe_load(data_text("ask-urgent-check.yaml"))
    check2 = yaml.safe_load(data_text("ask-urgent-check2.yaml"))
    check3 = yaml.safe_load(data_text("ask-urgent-check3.yaml"))
    seen = {re.sub(r"\W+", " ", str(x).lower()).strip() for k in ("urgent", "not_urgent")
            for x in urgent[k] + check[k] + check2[k] + check3[k]}
    seen |= {re.sub(r"\W+", " ", str(x["q"]).lower()).strip() for x in yaml.safe_load(data_text("ask-eval.yaml"))}
    for q in [q for q, _ in EMERGENCIES + ROUND4_EMERGENCIES] + LOOK_ALIKES + ROUND4_ORDINARY:
        assert re.sub(r"\W+", " ", q.lower()).strip() not in seen, q


_CALLS = re.compile(r"911|poison control|emergency number|988|a&e|999", re.I)


@pytest.mark.parametrize("q, kind", EMERGENCIES)
def test_the_box_holds_the_only_instruction(lib, q, kind):
    """Guide sentences about whom to call never appear under the box, so the two cannot disagree."""
    a = answer_question(lib, q)
    assert a.answer.startswith(a.emergency)
    body = a.answer[len(a.emergency):]
    assert not _CALLS.search(body), body


def test_someone_already_sent_to_emergency_care_is_told_to_go_now(lib):
    a = answer_question(lib, "the lab phoned about my sodium on sertraline and told me to go to the ER tonight, can it wait")
    assert a.urgent and "sent_to_care" in a.red_flags, a.red_flags
    assert a.emergency.startswith("A doctor, lab or helpline has told you to go to emergency care: please go now")
    assert "Poison Control" not in a.emergency  # nothing was swallowed: one instruction, not two calls


def test_toddler_amlodipine_gets_poison_control_first_and_911_only_for_danger_signs(lib):
    a = answer_question(lib, "my toddler chewed grandma's amlodipine, seems fine")
    box = a.emergency
    assert box.startswith(f"If a child may have swallowed medicine: call Poison Control at {POISON_CONTROL}")
    assert "even if the child seems fine" in box
    # 911 only as a condition, never as a second unconditional "now"
    assert "Call 911 right away if the child is hard to wake, has trouble breathing or has a seizure" in box
    assert not re.search(r"call 911[^.]*now", box, re.I)
    assert not _CALLS.search(a.answer[len(box):])


def test_a_danger_sign_puts_911_first_and_poison_control_after():
    for child in (True, False):
        box = emergency_guidance([RedFlag("overdose", "ate"), RedFlag("fainting", "hard to wake")], child=child)
        first, *rest = box.split("\n")
        assert first.startswith("This may be an emergency. Call 911")
        assert "while you wait" in rest[0] and POISON_CONTROL in rest[0]
        assert "even if the child seems fine" not in box  # no second "call now" that could compete


@pytest.mark.parametrize("kind", list(SIGNS))
def test_every_sign_kind_has_one_emergency_line(kind):
    box = emergency_guidance([RedFlag(kind, "x")])  # type: ignore[arg-type]
    assert box.startswith("This may be an emergency. Call 911") and SIGNS[kind] in box
    assert POISON_CONTROL not in box


def test_a_model_only_flag_says_when_to_call_which_number():
    box = emergency_guidance([RedFlag("emergency", "model")], child=True)
    assert "911" in box and POISON_CONTROL in box
    assert "now if someone is hard to wake" in box and "even if they seem fine" in box


def test_the_check_set_is_measured_and_shaped(lib):
    data = yaml.safe_load(data_text("ask-urgent-check.yaml"))
    assert len(data["urgent"]) == 40 and len(data["not_urgent"]) == 40
    assert "NEVER used for training" in data_text("ask-urgent-check.yaml")
    figures = urgent_check(lib)
    assert (figures.urgent, figures.ordinary) == (40, 40)
    assert 0 <= figures.caught <= 40 and 0 <= figures.false_alarms <= 40


def test_the_second_check_set_is_measured_and_shaped(lib):
    data = yaml.safe_load(data_text("ask-urgent-check2.yaml"))
    assert len(data["urgent"]) == 50 and len(data["not_urgent"]) == 50
    assert "NEVER tuned on" in data_text("ask-urgent-check2.yaml")
    figures = urgent_check(lib, Path(str(resources.files("healthlib") / "data" / "ask-urgent-check2.yaml")))
    assert (figures.urgent, figures.ordinary) == (50, 50)


def test_the_third_check_set_is_measured_and_shaped(lib):
    data = yaml.safe_load(data_text("ask-urgent-check3.yaml"))
    assert len(data["urgent"]) == 63 and len(data["not_urgent"]) == 60
    assert "NEVER trained on" in data_text("ask-urgent-check3.yaml")
    figures = urgent_check(lib, check_path("ask-urgent-check3.yaml"))
    assert (figures.urgent, figures.ordinary) == (63, 60)
    assert 0 <= figures.caught <= 63 and 0 <= figures.false_alarms <= 60


@pytest.mark.parametrize("q", [
    "my dog just ate 3 of my ibuprofen what do i do",
    "our kitten licked some of my diclofenac gel",
    "puppy chewed through a blister pack of my sertraline",
])
def test_a_pet_that_ate_a_medicine_gets_a_vet_line_not_911(lib, q):
    a = answer_question(lib, q)
    assert not a.urgent and a.emergency is None, (q, a.red_flags)
    assert a.answer.startswith(PET_NOTE)
    assert "ASPCA Animal Poison Control Center at (888) 426-4435" in a.answer
    assert not _CALLS.search(a.answer[len(PET_NOTE):])  # the guide's calls for a person are left out


def test_a_person_who_took_a_medicine_gets_no_vet_line_and_a_pet_only_mentioned_neither(lib):
    a = answer_question(lib, "i just took 20 of my ibuprofen and my dog is barking")
    assert a.urgent and "overdose" in a.red_flags and PET_NOTE not in a.answer
    b = answer_question(lib, "my dog ate my sertraline and my son swallowed 4 of them too")
    assert b.urgent and PET_NOTE not in b.answer
    c = answer_question(lib, "can i give my dog ibuprofen for pain")
    assert not c.urgent and PET_NOTE not in c.answer


def test_the_emergency_model_scores_exactly_as_scikit_learn_with_its_cues():
    """The plain-data copy of the emergency model (n-grams plus the urgency cues) gives the same
    score as the scikit-learn pipeline it was fitted as."""
    from scipy.sparse import hstack
    from sklearn.svm import LinearSVC

    from healthlib.ask import classifier
    from healthlib.ask.safety import URGENCY_CUES, urgency_cues

    examples = classifier.training_examples()
    models = classifier.train(examples)
    features = classifier._features()
    features.fit([e.text for e in examples if e.in_vocabulary])
    flagged = [e for e in examples if e.urgent is not None]
    texts = [e.text for e in flagged]
    svc = LinearSVC(C=0.7, class_weight="balanced").fit(
        hstack([features.transform(texts), classifier.cue_matrix(texts)]).tocsr(), [int(e.urgent) for e in flagged])
    probes = ["my lips are swelling up now after drugx", "my lips swelled on drugx years ago, can i take drugx",
              "can drugx cause swelling of the lips", "my dog ate a drugx"]
    expected = svc.decision_function(hstack([features.transform(probes), classifier.cue_matrix(probes)]).tocsr())
    for text, score in zip(probes, expected, strict=True):
        assert abs(models.urgency(text) - score) < 1e-4
    assert len(models.urgent_model.weights[0]) == models.cue_offset + len(URGENCY_CUES)
    assert URGENCY_CUES.index("symptom_now") in urgency_cues(probes[0])
    assert URGENCY_CUES.index("symptom_past") in urgency_cues(probes[1])
    assert URGENCY_CUES.index("pet") in urgency_cues(probes[3])


def test_a_later_emergency_file_trains_the_emergency_model_and_leaves_the_type_model_alone():
    """Round 11's phrasings (`URGENT_FILES[1:]`) move the emergency model only: the shared vocabulary
    and the type model are as they would be without them."""
    from healthlib.ask import classifier
    from healthlib.ask.training import placeholder_text

    examples = classifier.training_examples()
    later = {placeholder_text(str(q)) for name in URGENT_FILES[1:] for part in yaml.safe_load(data_text(name)).values()
             for q in part}
    assert later and all(not e.in_vocabulary for e in examples if e.text in later and e.type is None)
    with_them = classifier.train(examples)
    without = classifier.train([e for e in examples if e.in_vocabulary])
    probe = "is drugx for the rest of my life or only some months"
    assert with_them.type_scores(probe) == pytest.approx(without.type_scores(probe), abs=1e-4)  # the solver's own noise
    # ...while the emergency model moves (its weights over the same columns: one probe's score may by chance move little)
    assert with_them.views == without.views
    assert abs(with_them.urgent_model.weights - without.urgent_model.weights).max() > 0.01


def test_every_emergency_training_phrasing_is_read_as_a_question():
    """A phrasing with ": " in it must be quoted, or YAML reads it as a mapping, not a question."""
    data = _urgent_training()
    assert [q for k in ("urgent", "not_urgent") for q in data[k] if not isinstance(q, str)] == []


def _masked_dev_questions() -> list[str]:
    """The development sets of rounds 4-5 (check sets (e) and (e2), blind sets 1 and 3) and, where it is
    beside the checkout, the real corpus, masked as training phrasings are ("drugx" for a medicine)."""
    from healthlib.ask.classifier import mask_known_names
    from healthlib.ask.evaluate import default_consumer_tsv, load_cases, load_consumer

    questions = [str(q) for name in ("ask-urgent-check.yaml", "ask-urgent-check2.yaml")
                 for part in yaml.safe_load(data_text(name)).values() for q in part]
    questions += [c.q for name in ("ask-heldout-blind.yaml", "ask-heldout-blind3.yaml")
                  for c in load_cases(check_path(name))]
    tsv = default_consumer_tsv()  # beside a checkout with ../shared; the development sets are checked without it
    if tsv is not None:
        questions += [c.q for c in load_consumer(tsv)]
    return [mask_known_names(q) for q in questions]


def test_no_emergency_training_phrasing_is_a_copy_of_a_development_or_real_question():
    """Development sets are read for error classes only: no urgent training phrasing comes within
    a 0.8 difflib ratio of one of their questions (or a real consumer question), and no ordinary
    emergency-model phrasing is a near-copy (0.95) of one."""
    from difflib import SequenceMatcher

    from healthlib.ask.classifier import mask_known_names
    from healthlib.ask.training import placeholder_text

    training = _urgent_training()
    urgent = [placeholder_text(str(q)) for q in training["urgent"]]
    urgent += [mask_known_names(str(x["q"])) for x in yaml.safe_load(data_text("ask-eval.yaml")) if x.get("urgent")]
    ordinary = [placeholder_text(str(q)) for q in training["not_urgent"]]
    close = []
    for dev in _masked_dev_questions():
        matcher = SequenceMatcher(autojunk=False)
        matcher.set_seq2(dev)
        for phrasings, limit in ((urgent, 0.8), (ordinary, 0.95)):
            for text in phrasings:
                matcher.set_seq1(text)
                if matcher.real_quick_ratio() >= limit and matcher.quick_ratio() >= limit and matcher.ratio() >= limit:
                    close.append((text, dev))
    assert not close, close


# Round 4: one fresh question per error class found on the development sets (never in training or
# a check set), asked through the HTTP API as a person would.
ROUND4_EMERGENCIES = [
    ("my grandson was alone with my weekly pill tray and three of my lisinopril have vanished", "overdose"),
    ("i swallowed my wifes gliclazide with my own tablets this morning by mistake, i dont have diabetes", "overdose"),
    ("my father has taken his methotrexate every day since monday when it is a once weekly tablet", "overdose"),
    ("on rivaroxaban, cut my palm on glass 40 min ago and the blood keeps soaking through the towel", "bleeding"),
    ("my brother is on the floor stiff and jerking and his eyes are rolled up, he takes bupropion", "seizure"),
    ("on ramipril for six years and tonight my lips and tongue have suddenly puffed up", "allergy"),
    ("I jabbed the epipen into my thumb by accident and now it is white and cold", "overdose"),
    ("my wife on warfarin is vomiting what looks like blood", "bleeding"),
]
ROUND4_ORDINARY = [
    "can fluoxetine make young people suicidal",
    "the pharmacist told me to look out for suicidal thoughts on citalopram, what does that look like",
    "groggy and hard to wake every morning on mirtazapine 15",
    "does nitroglycerin help chest pain from angina",
    "which of my tablets would hurt a grandchild most if one got swallowed, i take amlodipine and metformin",
    "on lamotrigine, no seizures for three years, can i stop",
    "is methotrexate once a week or every day",
    "what should i do if my husband has a seizure, he takes bupropion",
    "my son opened my sertraline bottle but all 28 are still in it",
    "can i take my wifes ibuprofen for my back",
    # a fear, a pet's sign, a recurring sign, a history dated by its month
    "i'm scared of having a seizure on tramadol, what's the risk",
    "my dog had a seizure, can i give him my gabapentin",
    "i get chest pain when running, my doctor gave me a gtn spray, how do i use it",
    "my mum had a heart attack in march and now takes clopidogrel, can she have ibuprofen",
]


# Round 5: the false-alarm classes read off blind set 3 (a development set from round 5), each with
# a fresh ordinary question and, beside it, a report in the same shape that must still be flagged.
ROUND5_ORDINARY = [
    # a sign's name asked about, or a warning asked how it would show
    "my metoprolol sheet mentions angioedema, what does that word mean",
    "what does anaphylactic shock mean on the amoxicillin box",
    "how would i know if the bleeding problem they warn about on apixaban was starting",
    # a pet, named by breed or told as he/she
    "our whippet snaffled a sertraline tablet off the floor, vet or wait?",
    "the cat jumped on the shelf and i reckon she chewed one of my amlodipine",
]
ROUND5_EMERGENCIES = [
    ("what does anaphylaxis mean, my throat is closing up right now after penicillin", "breathing"),
    ("how do i tell if this is an overdose, my brother just swallowed 20 of his tramadol", "overdose"),
]


@pytest.mark.parametrize("q, kind", ROUND4_EMERGENCIES + ROUND5_EMERGENCIES
                         + [(q, None) for q in ROUND4_ORDINARY + ROUND5_ORDINARY])
def test_round4_and_5_error_classes_through_the_api(web_client, q, kind):
    """Each class's emergency is flagged with its kind and the box first; each near-twin is not."""
    body = web_client.post("/api/v1/ask", json={"question": q}).json()
    if kind is None:
        assert not body["urgent"] and not body["emergency"], (q, body["red_flags"])
    else:
        assert body["urgent"] and kind in body["red_flags"] and body["answer"].startswith(body["emergency"]), (
            q, body["red_flags"])


def test_a_pet_and_a_child_together_is_flagged_for_the_child(lib):
    """The pet rule keeps 911 away from a dog's dinner, never from a child who was there too."""
    a = answer_question(lib, "the dog knocked my pill box over and my toddler was with him, two oxycodone are gone")
    assert a.urgent and PET_NOTE not in a.answer
    b = answer_question(lib, "our beagle chewed up a strip of my ibuprofen this morning")
    assert not b.urgent and b.answer.startswith(PET_NOTE)


@pytest.mark.parametrize("q, urgent", [
    ("got my whole bottle of oxycodone sitting on the table. done with life", True),
    ("im so done with it all tonight, the sertraline is right here", True),
    ("done with everything on my shopping list, can i take my metformin now", False),
    ("when you are done with the course of amoxicillin do you throw the rest away", False),
])
def test_being_done_with_life_is_read_as_intent_and_a_finished_list_is_not(lib, q, urgent):
    """Round 10: "done with everything" beside pills was missed (blind 4, a development set)."""
    a = answer_question(lib, q)
    assert a.urgent is urgent and (not urgent or "self_harm" in a.red_flags), (q, a.red_flags)


@pytest.mark.parametrize("q, urgent", [
    ("what do we do if she has a fit, she is lying on the ground jerking and we cant wake her", True),
    ("my wife is on the floor twitching all over since her tramadol", True),
    ("what should we do if our son has a seizure on lamotrigine, the school asks", False),
    ("what do i do if my legs are jerking at night on ropinirole", False),
])
def test_a_sign_told_as_now_after_one_supposed_is_flagged(lib, q, urgent):
    """Round 10: a seizure supposed in an if-clause then told as happening ('he is on the floor
    jerking') was missed (blind 7's shape, a development set); the supposition alone stays ordinary."""
    a = answer_question(lib, q)
    assert a.urgent is urgent, (q, a.red_flags)


# Round 11: one fresh question per error class found on the development sets (blinds 7, 8 and 9).
ROUND11_EMERGENCIES = [
    # bleeding in the gut told by its look, however far from the vomiting, and never "normal"
    ("I'm on apixaban and was sick after tea, and the sick looked exactly like coffee grounds. Can I wait for the "
     "surgery to open?", "bleeding"),
    ("on warfarin, threw up something like coffee grounds, is that normal?", "bleeding"),
    # pills gone from the pack, a teenager at home, a strength between the count and "gone"
    ("15 of my sertraline 50 mg gone from the packet and my 14 year old is upstairs", "overdose"),
    ("12 quetiapine 100mg missing, my teenage son was home alone", "overdose"),
    # the heart's signs after a triptan or a stimulant, worded without "chest pain"
    ("took a rizatriptan an hour ago and there is pressure in my chest that will not shift", "chest_pain"),
    ("second dose of adderall today and my left arm has gone numb and heavy, my heart is pounding", "chest_pain"),
    # and the near-twins the k-fold of the training phrasings missed once the folds moved
    ("my wife is throwing up stuff that looks like blood, she is on clopidogrel", "bleeding"),
    ("black loose stools since this morning and I feel faint, on naproxen", "bleeding"),
    ("my bottle of escitalopram went down faster than it should and my 15 year old knows where I keep it", "overdose"),
    ("my son went rigid and his legs are thrashing on the kitchen floor", "seizure"),
    ("i have my sertraline all laid out and i am going to swallow every one tonight", "self_harm"),
]
ROUND11_ORDINARY = [
    "why does the tv commercial for montelukast talk about suicidal thoughts",
    "could naloxone hurt a person who collapsed from a low sugar instead of an opioid overdose",
    "the pharmacist told me yesterday my son would be fine after licking a cetirizine tablet, he is playing as "
    "usual, anything to watch",
    "clopidogrel after heart attack, lifelong or one year?",
    "had my flu jab this morning and my left arm feels heavy and sore, can i take ibuprofen",
    "if a grandchild got hold of my metoprolol, would a single tablet be dangerous",
    "my bottle of sertraline is nearly empty, can my daughter collect the refill",
]


@pytest.mark.parametrize("q, kind", ROUND11_EMERGENCIES + [(q, None) for q in ROUND11_ORDINARY])
def test_round11_error_classes(lib, q, kind):
    """Each class's emergency is flagged with its kind; an advert, a person in general and a
    swallowing already judged harmless by a professional are not."""
    a = answer_question(lib, q)
    if kind is None:
        assert not a.urgent, (q, a.red_flags)
    else:
        assert a.urgent and kind in a.red_flags, (q, a.red_flags)


def test_a_professional_saying_fine_does_not_clear_what_is_happening_now():
    from healthlib.ask.safety import red_flags

    flags = red_flags("poison control said my son would be fine after eating 2 of my drugx gummies but now he is hard to wake")
    assert {"overdose", "fainting"} <= {f.kind for f in flags}


def test_how_long_on_a_medicine_is_not_a_now_word():
    """"on it three months now" says how long, not what is happening now: the emergency model needs its
    surer margin there and the context model may clear its flag (blind 9's "whole life" question)."""
    from healthlib.ask.safety import now_words, still_or_present

    assert not now_words("i take drugx three months now is it for life") and not still_or_present(
        "on drugx for years now, when does it end")
    assert now_words("took drugx and now my lips are swelling") and still_or_present("my lips are swelling now")


def test_the_fourth_check_set_is_measured_and_shaped(lib):
    data = yaml.safe_load(data_text("ask-urgent-check4.yaml"))
    assert len(data["urgent"]) == 60 and len(data["not_urgent"]) == 60
    assert "NEVER trained on" in data_text("ask-urgent-check4.yaml")
    figures = urgent_check(lib, check_path("ask-urgent-check4.yaml"))
    assert (figures.urgent, figures.ordinary) == (60, 60)


# Round 11 (urgent11b): a slip in a sign word is read as the word; an English word only after its
# sign's first word ("chest pian"); a word the rules read is never changed ("coughing up blood").
@pytest.mark.parametrize("q, kind", [
    ("my grandson is having a siezure on the carpet, he took my tramadol", "seizure"),
    ("nan is unconcious in her chair after her oxycodone", "fainting"),
    ("husband totally unresponsiv after his sleeping pills and vodka", "fainting"),
    ("mum has chest pian and sweating after her sumatriptan", "chest_pain"),
    ("my daughter is breething really strange since the codeine", "breathing"),
    ("coughing up blood on apixaban this evening", "bleeding"),
])
def test_a_slip_in_a_sign_word_still_raises_the_alarm(lib, q, kind):
    u = understand(lib, q)
    assert kind in [f.kind for f in u.flags], (q, u.flags)


def test_only_words_that_are_not_words_are_respelled():
    from healthlib.ask.vocabulary import respelled

    targets = frozenset(["seizure", "seizures", "crushing", "pain", "slipped", "fever"])
    assert respelled(["siezures", "coughing", "pian", "chest", "pian"], targets, {"chest": frozenset(["pain"])}) == [
        "seizures", "coughing", "pian", "chest", "pain"]
    assert respelled(["skipped", "fewer"], targets) == ["skipped", "fewer"]  # inflections the word list leaves out
    # ...but a short stem that would double its last letter makes a slip: "fiting", "bleding"
    assert respelled(["fiting", "bleding"], frozenset(["fitting", "bleeding"])) == ["fitting", "bleeding"]


# An emergency told after a routine first question, and one at the end of a message longer than
# the part kept for reading its type
@pytest.mark.parametrize("q", [
    "is it safe to take paracetamol with lisinopril by the way my wife has gone grey and is clutching her chest",
    "does omeprazole help with heartburn at night also my brother went stiff and is jerking on the floor",
    "Is it safe to take ibuprofen with my ramipril? My husband has gone grey and is clutching his chest.",
])
def test_an_emergency_after_a_routine_question_raises_the_alarm(lib, q):
    assert understand(lib, q).flags, q


def test_an_emergency_at_the_end_of_a_long_message_raises_the_alarm(lib):
    background = ("My father is 82 and takes several tablets: ramipril in the morning, simvastatin at night and "
                  "tamsulosin after dinner. The surgery moved him to a new pharmacy last month and the boxes look "
                  "different now, so I set them out for him in a dosette box each Sunday evening. ") * 2
    u = understand(lib, background + "Sorry for the long message, but he has just collapsed on the stairs and won't wake up.")
    assert u.truncated and any(f.kind == "fainting" for f in u.flags)


@pytest.mark.parametrize("q", [
    "can levetiracetam stop seizures completely or just make them rarer",
    "my uncle has a chest pain clinic appointment next week, can he keep taking his ramipril",
    "my sister gets short of breath on long hikes, should she use her inhaler first",
    "my husband took his omeprazole twice today by mistake, no symptoms so far, is that ok",
    "my wife took her omeprazole twice this morning by mistake, she has no symptoms at all, is that ok",
    "Our daughter has a rescue nasal spray for epilepsy. When do we give it? How long should a seizure go on first?",
])
def test_ordinary_questions_in_the_same_words_raise_no_alarm(lib, q):
    assert not understand(lib, q).urgent, (q, understand(lib, q).flags)


@pytest.mark.parametrize("q", ["her lips look bluish after the drugx", "bluish lips and so sleepy since his drugx"])
def test_bluish_lips_are_a_breathing_sign_by_rule(q):
    from healthlib.ask.safety import red_flags

    assert "breathing" in [f.kind for f in red_flags(q)], q


# Round 12 (urgent12), by class: each fails on round 11's code
ROUND12_EMERGENCIES = [
    # someone else's reassurance first, then a danger now
    ("the gp said it would be fine but my little boy swallowed 6 of my metoprolol a few minutes ago", "overdose"),
    ("the ward sent her home as fine, an hour later she is shaking and jerking on the floor again, she is on keppra",
     "seizure"),
    # a slip in a verb of taking
    ("my son swollowed a handful of my sertraline", "overdose"),
    ("my 3 year old ingestd some of my iron tablets off the table", "overdose"),
    ("help my daughter swallowd a bunch of grandmas pills", "overdose"),
    # a danger told in the past tense that goes on
    ("on levetiracetam for epilepsy, had a seizure 5 mins ago and another has started", "seizure"),
    ("had his first depot injection last week, he has a temp of 40, rigid legs, sweating and confused", "toxicity"),
    ("the chest pain went away this morning but it came back worse and he is sweating, on tadalafil", "chest_pain"),
    # sent to emergency care at second hand, the reason long and the going told as a need
    ("the surgery rang to say my potassium came back at 7 on my blood test today and i need to go to a e straight away",
     "sent_to_care"),
    ("my nurse texted saying my lithium is too high and to attend the emergency department now", "sent_to_care"),
    # pills gone from an organiser's day, a child near
    ("my 2 year old was at the dosette box and the ramipril 5s from both days are gone", "overdose"),
    # lithium's signs told plainly
    ("dad is on lithium, has the runs, is staggering and his hands shake badly", "toxicity"),
]
ROUND12_ORDINARY = [
    "my dad cant swallow properly since his stroke, can his morphine tablets be crushed into yogurt",
    "poison control said my granddaughter was fine after licking one of my amlodipine tablets last night, what to watch",
    "my toddler swallowed his amoxicillin dose and then coughed, should i repeat it",
    "my toddler swalowed his amoxicillin dose and then coughed, should i repeat it",
    "i accidently injected my insulin into my arm instead of my tummy, does it still work",
    "took 3 paracetamol today is that too many",
]


@pytest.mark.parametrize("q, kind", ROUND12_EMERGENCIES + [(q, None) for q in ROUND12_ORDINARY])
def test_round12_error_classes(lib, q, kind):
    """A reassurance before a danger now, slips in verbs of taking, a past-told danger still going on, a
    sending to emergency care told at second hand are flagged with their kind; swallowing a tablet asked
    about, a child's own dose, a dose at the wrong site and "is that too many" are not."""
    u = understand(lib, q)
    if kind is None:
        assert not u.urgent, (q, u.flags)
    else:
        assert kind in [f.kind for f in u.flags], (q, u.flags)


def test_a_slip_in_a_verb_of_taking_is_read_as_the_verb_and_the_rules_own_slips_stay():
    from healthlib.ask.safety import signs_respelled

    assert signs_respelled("my son swalowed some and my girl ingestd one") == "my son swallowed some and my girl ingested one"
    assert signs_respelled("my kid swallowd a bunch") == "my kid swallowd a bunch"  # the rules read "swallowd" as written


@pytest.mark.parametrize("name", ["ask-urgent-check5.yaml", "ask-urgent-check6.yaml", "ask-urgent-check7.yaml",
                                  "ask-urgent-check8.yaml"])
def test_the_fifth_to_eighth_check_sets_are_measured_and_shaped(lib, name):
    data = yaml.safe_load(data_text(name))
    assert len(data["urgent"]) >= 60 and len(data["not_urgent"]) >= 60
    assert "NEVER trained on" in data_text(name)
    assert name in URGENT_CHECK_FILES  # printed by `make eval`
    figures = urgent_check(lib, check_path(name))
    assert (figures.urgent, figures.ordinary) == (len(data["urgent"]), len(data["not_urgent"]))


def test_not_coming_round_is_unresponsiveness_and_coming_round_is_not():
    from healthlib.ask.safety import red_flags

    assert "fainting" in [f.kind for f in red_flags("grandad took his drugx at tea time and has not come round")]
    assert red_flags("she fainted at the party last year but came round quickly can she take drugx") == []


# Round 13 (urgent13), by class: each fails on round 12's code
ROUND13_EMERGENCIES = [
    # a harmless earlier event told first, then a danger today
    ("two years ago she had a small nosebleed on apixaban that stopped by itself. tonight she has vomited twice and "
     "it looks like coffee grounds", "bleeding"),
    ("last year he came out in a few spots on penicillin, nothing serious. today he took amoxicillin and within "
     "minutes his lips swelled up", "allergy"),
    # a sign lasting minutes, or not letting up, after saying what the medicine is for
    ("im on isosorbide for angina and have had a heavy crushing pain in my chest for 25 minutes", "chest_pain"),
    ("he takes isosorbide for angina and tonight his chest pain is not easing at all", "chest_pain"),
]
ROUND13_ORDINARY = [
    # a sign heard of or warned about, or asked of the future
    "my pharmacist warned me about seizures, can i still have a glass of wine on bupropion",
    "will i get withdrawal seizures if i just stop my clonazepam",
    "can i take tramadol with sertraline, i read about seizures online",
    # a supposed overdose by someone in general
    "if a patient overdosed on amitriptyline what signs would we see first, nobody has",
    # the sign told inside the history, today only a fever: still history
    "my son had a fit months ago when his temperature spiked and tonight he has a fever again, should i give ibuprofen",
    "in the past i have had chest pains on sumatriptan. today i have a migraine, can i take one?",
    # an extra dose long over, with food eaten after it
    "last easter i accidentally injected my insulin twice, ate extra carbs and was fine, what should i do next time",
]


@pytest.mark.parametrize("q, kind", ROUND13_EMERGENCIES + [(q, None) for q in ROUND13_ORDINARY])
def test_round13_error_classes(lib, q, kind):
    """A history told first no longer makes a danger today a general question, and a sign lasting minutes is
    now; a sign heard of, warned about or asked of the future, a supposed overdose, an extra dose long over
    and extra food are not reports."""
    u = understand(lib, q)
    if kind is None:
        assert not u.urgent, (q, u.flags)
    else:
        assert kind in [f.kind for f in u.flags], (q, u.flags)


# check6's classes (round 13), in other words: each fails on round 12's code
CHECK6_EMERGENCIES = [
    ("my mums speech has gone all slurry and her right arm wont lift, she takes amlodipine", "stroke"),
    ("since his first lisinopril his tounge is swollen and he sounds muffled", "allergy"),
    ("drank 4 ciders and then about 8 of my diazepam, can i sleep it off", "overdose"),
    ("my chest feels like a vice and my jaw aches, on sumatriptan, could this be a side effect", "chest_pain"),
    ("whats the most cetirizine a child can have? my daughter just had 9 of them", "overdose"),
]


@pytest.mark.parametrize("q, kind", CHECK6_EMERGENCIES)
def test_check6_error_classes(lib, q, kind):
    """Speech gone slurry or a limb that will not move; "tounge"; a count taken with its verb left out after a
    drink; a sign of the heart told and then asked about as a side effect."""
    assert kind in [f.kind for f in understand(lib, q).flags], (q, understand(lib, q).flags)


@pytest.mark.parametrize("q, cleared", [
    ("my 4 year old chewed one of my ibuprofen three days ago and has been totally fine since, anything to do now", True),
    # acetaminophen harms the liver days later, amlodipine is high-risk in overdose: the alarm stays
    ("my 4 year old chewed one of my acetaminophen three days ago and has been totally fine since, anything to do now", False),
    ("my daughter chewed one of my amlodipine two days ago and has been fine since, what now", False),
    # a sign today, or a swallowing last night, keeps it
    ("my son swallowed a few of my ibuprofen two days ago, fine since but seems a bit off today", False),
    ("my son swallowed a few of my ibuprofen last night and has been fine since", False),
])
def test_a_swallowing_days_ago_with_the_child_well_since_is_over_for_a_low_risk_medicine(lib, q, cleared):
    u = understand(lib, q)
    assert u.urgent is not cleared, (q, u.flags, u.cleared)


# Round 14 (urgent14), by class: blind 12's misses and false alarms and check7's, in other words; each fails on
# round 13's code
ROUND14_EMERGENCIES = [
    # grave signs told, then asked about as a side effect
    ("my wife has a temp of 39 today, her legs keep jerking, her heart is pounding and she is really agitated, she is "
     "on venlafaxine and tramadol. could this be a side effect", "toxicity"),
    ("my grandads mouth dropped on the left and his words went muddled about 15 minutes ago. he is on apixaban, is "
     "this a side effect of it", "stroke"),
    # care put off to later while a danger is told
    ("my mum is on warfarin. she threw up blood this morning, dark like coffee grounds. she wants to wait until her "
     "appointment on thursday, is that ok", "bleeding"),
    ("the hospital rang about my bloods and they want him in a e straight away, he is on lisinopril, can it wait "
     "until morning", "sent_to_care"),
    # signs in a professional's or a relayed words
    ("shift note: mrs t found unrousable in her chair at 6am, on lorazepam", "fainting"),
    ("asthmatic boy in my class can only say two words at a time and his reliever is doing nothing", "breathing"),
    ("community nurse: mr d on bisoprolol has a pulse irregular at 36 and says he feels faint", "heart_rate"),
    ("my brother on risperidone says voices are telling him to hurt himself", "self_harm"),
    ("my uncle was found slumped in the hallway with his tramadol boxes ripped open beside him", "overdose"),
    ("15 x 500 mg of acetaminophen about 40 mins ago, feeling sick", "overdose"),
]


@pytest.mark.parametrize("q, kind", ROUND14_EMERGENCIES)
def test_round14_emergency_classes(lib, q, kind):
    """Grave signs asked about as a side effect; care put off to later ("is that ok"); wanted in A&E with the going
    left out; unrousable; a few words at a time; an irregular pulse rate; voices telling harm; packets open beside
    someone found; a count times a strength minutes ago."""
    assert kind in [f.kind for f in understand(lib, q).flags], (q, understand(lib, q).flags)


ROUND14_ORDINARY = [
    # a sign word naming a kind of medicine or care
    "is pregabalin a nerve painkiller or a seizure medicine, my doctor gave it for my back and now im puzzled",
    # one accidental extra dose of a low-risk medicine, harm asked about ahead
    "i took my atorvastatin twice last night by mistake, feel completely fine, will it hurt me",
    "i took one extra loratadine this morning, no symptoms at all, is that a problem",
    # an emergency imagined or planned for
    "in case my nephew ever chewed one of my metoprolol, should i keep the bottle up high? setting up his room",
    "suppose my dad took his warfarin twice by accident, would he need to go in?",
    "if a toddler she is looking after got hold of some tablets, who does she ring first",
    "my biggest worry is my wife forgetting she took her morphine and having another, what pill box helps",
    # a leaflet's instruction
    "the leaflet for my allopurinol says stop and get emergency help if you get a rash with blisters, how often does that happen",
    # a child's own tablet swallowed whole
    "my daughter swallowed her cetirizine tablet whole, is that alright, could i crush it next time",
]


@pytest.mark.parametrize("q", ROUND14_ORDINARY)
def test_round14_ordinary_classes(lib, q):
    """A sign word naming a medicine's kind; one extra dose with harm asked about ahead; an emergency imagined or
    planned for; a leaflet's instruction to get help; a child's own tablet swallowed whole."""
    u = understand(lib, q)
    assert not u.urgent, (q, u.flags)


def test_a_count_to_be_slept_off_is_an_overdose_however_it_is_asked(lib):
    """check6's noticed miss ("can u sleep off 10 X lol asking 4 me") in other words; drinks to sleep off are not pills."""
    assert "overdose" in [f.kind for f in understand(lib, "cn u sleep off 12 tramadol haha asking 4 myself").flags]
    assert not understand(lib, "how long does it take to sleep off 6 beers on sertraline").urgent


def test_a_medicine_not_working_yet_is_no_emergency(lib):
    """Round 14 (ask-urgent14.yaml): the symptom a medicine is taken for, still there a few hours later, is a
    question of onset (blind 12's sumatriptan question was alarmed by the emergency model; this one was too)."""
    u = understand(lib, "took my zolmitriptan at 6 this morning and its now 11 and my head still pounding, shouldnt it "
                        "have kicked in by now")
    assert not u.urgent, u.flags


def test_a_mild_sign_with_care_put_off_stays_a_question(lib):
    """Care put off to later makes "is that ok" no general question only when the sign is not told as mild."""
    u = understand(lib, "i get mild chest tightness when i jog, ill mention it to my doctor next week, is that ok? on albuterol")
    assert not u.urgent, u.flags


@pytest.mark.parametrize("q", [
    "i dont know if my daughter took some of my diazepam, the packet is open on the floor",
    "im not sure if my grandson swallowed any of my metoprolol, the strip was ripped open next to him",
])
def test_not_knowing_whether_a_child_took_medicine_supposes_nothing(lib, q):
    """Round 14: "not sure if / dont know if" asks whether it happened (an open packet beside the child); only an
    "if" that supposes ("if my son took one, what happens") is hypothetical."""
    assert "overdose" in [f.kind for f in understand(lib, q).flags], understand(lib, q).flags


# Round 14b (urgent14b), by class: blind 13's missed emergencies (real people's styles), in other words; each fails
# on round 14's code
ROUND14B_EMERGENCIES = [
    # someone else's medicine found and eaten, told in a numbered list or by a minder
    ("he got hold of his brothers clonidine tablets and swallowed some, now hes so sleepy", "overdose"),
    ("im minding my little cousin and she got into her mums handbag and ate some of the tablets in there", "overdose"),
    # a count asked about in general, then told as done ("did", "took them")
    ("whats the most anyone can survive, 25 pills of sertraline, my friend took them 20 minutes ago", "overdose"),
    ("is 12 tablets of diazepam a lot. my brother did about half an hour ago", "overdose"),
    # grave signs in a named person, asked for their cause or behind a disease-first opening
    ("what causes sweating, shaking and confusion in my mum who is on lithium", "toxicity"),
    ("could his metformin be the cause, my grandad has been vomiting since lunch, breathing very deep and fast and is "
     "really drowsy", "toxicity"),
    # muscle breakdown: cola-coloured urine with weak, sore muscles, behind a warning remembered
    ("i read once that people on simvastatin should watch for muscle problems. my pee has gone dark brown like cola "
     "since tuesday and my legs are so weak and achy i can hardly climb stairs", "toxicity"),
    # liver signs days after many tablets
    ("2 days back i swallowed a lot of acetaminophen for toothache. this morning my eyes went yellow and im being "
     "sick, is that the liver", "toxicity"),
]


@pytest.mark.parametrize("q, kind", ROUND14B_EMERGENCIES)
def test_round14b_emergency_classes(lib, q, kind):
    """Someone else's medicine found and eaten; a count asked about, then told as done; three kinds of sign in a
    named person asked for their cause; cola-coloured urine with weak muscles; yellow eyes with vomiting."""
    assert kind in [f.kind for f in understand(lib, q).flags], (q, understand(lib, q).flags)


def test_a_head_injury_on_a_thinner_told_as_past_with_a_sign_getting_worse(lib):
    """Blind 13's class: a fall this morning or yesterday is told as past, but a headache getting worse or being
    sick after it is happening now (round 14 read the fall as history)."""
    q = ("my nan is on warfarin and tripped over the dog this morning and banged her head. she insists she is fine but "
         "her headache is getting worse and she threw up. can this wait for her gp appointment thursday")
    assert "bleeding" in [f.kind for f in understand(lib, q).flags]


@pytest.mark.parametrize("q", [
    "can statins cause dark urine and muscle pain?",
    "what are the signs of liver damage, like yellow eyes and vomiting",
    "can metformin cause fast breathing, vomiting and drowsiness",
    "how many tablets of diazepam is too many, is 10 tablets too many?",
    "i take 8 tablets of metformin a day, did that for years, is it too many",
])
def test_round14b_signs_asked_in_general_stay_questions(lib, q):
    """The new sign rules read signs told of a person, never signs asked about in general."""
    assert not understand(lib, q).urgent, understand(lib, q).flags


def test_a_heading_naming_a_medicine_then_slipped_sign_words_is_read_by_the_model(lib):
    """Round 14b (ask-urgent14b.yaml): a heading naming a medicine ("X side effects.") opens a report whose sign
    words are misspelt; the emergency model reads it as urgent (round 14's model scored it under its margin)."""
    u = understand(lib, "Amiodarone side effects. My wife cant catch her breth and her lipps look blue since this afternoon")
    assert u.urgent, u.flags


# Round 15 (urgent15), by class: check8's misses (style twins of real questions) in other words; each fails on
# round 14's code
ROUND15_EMERGENCIES = [
    # a medicine that takes away the white cells, with a fever and a sore throat, mouth sores or chills
    ("my son is on clozapine and since last night he has a temperature and a throat so sore he wont eat", "fever"),
    ("carbimazole for my thyroid. today i am shivering with a fever of 38 5, what now", "fever"),
    ("Mum takes methotrexate on Mondays. Her tongue ulcers are worse today and bruises keep appearing on her legs", "fever"),
    # the cause or treatment of someone's own sign asked, the sign told now
    ("what could be causing my dads heart to go at 190, he's on albuterol and salbutamol nebs", "heart_rate"),
    ("what causes my chest to feel crushed like this after my isosorbide?", "chest_pain"),
    ("which treatment reverses rivaroxaban in a bleed, my wife is vomiting blood", "bleeding"),
    # a bleed however told
    ("my husband on apixaban, blood is coming out of his nose and mouth and he is pale", "bleeding"),
    ("on warfarin and my cut finger has poured for over an hour", "bleeding"),
    # a potassium result told, the heart at risk
    ("the nurse left a voicemail, my potassium is 6.9 on spironolactone, i feel a bit weak. should i worry", "toxicity"),
    # a child's swallowing told the other way round
    ("half a strip of my amitriptyline eaten by my 3 year old, does he need a doctor", "overdose"),
]


@pytest.mark.parametrize("q, kind", ROUND15_EMERGENCIES)
def test_round15_emergency_classes(lib, q, kind):
    """A white-cell-lowering medicine with a fever and an infection's sign; a cause or treatment asked of someone's
    own sign told now; a bleed from the mouth or a wound pouring for an hour; a potassium result of 6.5 or more; a
    child's swallowing told in the passive."""
    assert kind in [f.kind for f in understand(lib, q).flags], (q, understand(lib, q).flags)


@pytest.mark.parametrize("q", [
    "what should we watch for when my brother starts clozapine, fever or a sore throat?",
    "can methotrexate cause mouth ulcers and bruising",
    "had a fever and a sore throat last winter on carbimazole, it was just a cold, can i keep taking it",
    "does chemotherapy cause a sore throat and a fever",
    "what is a dangerous potassium level, mine was 5.6 last week on spironolactone",
    "potassium chloride 20 meq, 2 tablets a day with my lisinopril, is that ok",
    "can ibuprofen cause you to vomit blood",
    "what causes my chest pain when i run, i take atorvastatin",
    "what causes my heart to race after albuterol, it settles after 10 minutes",
    "why does my nose bleed so easily on apixaban",
])
def test_round15_look_alikes_stay_questions(lib, q):
    """The round-15 rules read signs told of someone now, never signs watched for, asked about in general or past."""
    assert not understand(lib, q).urgent, understand(lib, q).flags


@pytest.mark.parametrize("q, kind", [
    ("what causes vomiting and shaking on lithium my mum cant stop being sick and her hands are trembling badly", "toxicity"),
    ("how to treat my daughters swollen lips and tongue after amoxicillin it is getting worse", "allergy"),
    ("what causes my dads lips to go blue after his morphine dose? he is very sleepy", "breathing"),
    ("what are the reasons for my pulse being 34 on metoprolol, feel faint", "heart_rate"),
])
def test_round15_signs_told_inside_a_question_about_their_cause(lib, q, kind):
    """Probing check8's class in other words: two kinds of sign on a medicine told of a person after the question
    ("my mum cant stop being sick"), lips swelling "getting worse" or going blue, a pulse "being 34" — each asked about
    for its cause or treatment, each told now (round 15's first rules missed them)."""
    assert kind in [f.kind for f in understand(lib, q).flags], (q, understand(lib, q).flags)


# Blind 14's missed classes (round 15b), in fresh words: stroke signs beside a dental visit, a sign asked about for its
# cause while said to be now or told again by a pro-form, a child injecting themself, someone who cannot be woken,
# breathing "this slow" after a count of pills, an ingestion supposed with "if" yet timed by the clock.
ROUND15B_EMERGENCIES = [
    ("dad is 80 on warfarin, saw the dentist today, there is a droop on the right side of his face and he is weak in "
     "his right arm", "stroke"),
    ("what causes tight chest pain at the moment after my sumatriptan", "chest_pain"),
    ("can lamotrigine cause a seizure my son just had one", "seizure"),
    ("my 6 year old grandson jabbed himself with my insulin pen in the kitchen", "overdose"),
    ("my brother drank all night and took some of his diazepam, we are unable to wake him", "fainting"),
    ("is my breathing that slow because of the 8 oxycodone i took", "breathing"),
    ("what can set off a fit on tramadol? my husband has just had one in the bath", "seizure"),
    ("diazepam.. is it ok that his breathing is this shallow after 7 of them", "breathing"),
    ("my little brother stuck my dads insulin pen in his leg a minute ago what happens now", "overdose"),
    ("my mate had some pregabalin with loads of cider and we can barely rouse her", "fainting"),
    ("Stopped apixaban for an operation. since teatime her hand is clumsy and useless and she keeps muddling her words",
     "stroke"),
    ("if my son swallowed a few of his nans heart pills about 15 minutes ago how soon would it show", "overdose"),
]


@pytest.mark.parametrize("q, kind", ROUND15B_EMERGENCIES)
def test_round15b_emergency_classes(lib, q, kind):
    """Each class of blind 14's misses, told in other words: a dentist does not explain slurred speech or a weak arm;
    a sign asked about for its cause is told when "at the moment" follows it or "just had one" tells it again; a child
    who injected themself; "unable to wake"; breathing "that slow"; an "if" timed "10 minutes ago"."""
    assert kind in [f.kind for f in understand(lib, q).flags], (q, understand(lib, q).flags)


@pytest.mark.parametrize("q", [
    "my lip is still numb and droopy after the dentist injection this morning, can i take ibuprofen",
    "my words came out a bit slurred after the dental numbing wore off, is paracetamol ok for the ache",
    "can bupropion cause a seizure, i have never had one",
    "could a seizure occur if my brother takes tramadol with his epilepsy",
    "if my toddler ever swallowed my amlodipine, how long would symptoms take to start",
    "my mum is so hard to wake up in the mornings on her mirtazapine, is that normal",
    "what causes chest pain on sumatriptan",
    "my son uses his own insulin pen, he stuck the pen in the fridge door, is that ok",
    "is it ok that my breathing is a bit fast after my inhaler",
    "is it normal to have a fit of coughing on lisinopril, i just had one",
])
def test_round15b_look_alikes_stay_questions(lib, q):
    """Numbness after the dentist, a seizure denied, a sign that "could occur", an ingestion only imagined, a mother
    hard to wake every morning, a cause asked in general: still ordinary questions."""
    assert not understand(lib, q).urgent, understand(lib, q).flags


# Round 16: the emergency model reads every sentence of a message of several, and long messages whole up to
# MODEL_ALONE_MAX_WORDS, at gates chosen by leave-one-set-out (understand.py). The rules know none of these signs.
SENTENCE_EMERGENCIES = [
    "I have been on metformin for about three years and my doctor now wants to add another pill for my sugar, which I "
    "am not keen on because of the cost and because I already take seven different things every morning. I wanted to "
    "ask whether there is a cheaper option, or whether walking more and cutting bread might do it instead. Also since "
    "lunch my lips and tongue have gone numb and my face feels tight and swollen.",
]


@pytest.mark.parametrize("q", SENTENCE_EMERGENCIES)
def test_a_danger_told_in_one_sentence_of_a_long_routine_message_is_read(lib, q):
    """A sign told in the last sentence of a long routine message: no rule catches it and the message as a whole
    reads as routine, but its sentence read alone is an emergency."""
    from healthlib.ask.safety import red_flags

    u = understand(lib, q)
    assert not red_flags(u.masked) and u.urgent_model and u.urgent, u.flags


@pytest.mark.parametrize("q", [
    "I have been on metformin for about three years and my doctor now wants to add another pill for my sugar, which I "
    "am not keen on because of the cost. I wanted to ask whether there is a cheaper option. Years ago my lips went numb "
    "on a different tablet but that settled within a day and never came back.",
    "My dog ate one of my metformin tablets off the floor this morning. He is shaking and drooling now. What do I do?",
])
def test_sentences_read_alone_keep_their_context(lib, q):
    """A sign told as long-ago history is not read as now, and a pet that ate a medicine stays the vet's (the
    whole message's pet check covers its sentences)."""
    assert not understand(lib, q).urgent_model


def test_ask_reads_potassium_and_glucose_critical_values_from_the_lab_catalogue(lib, monkeypatch):
    """One home: the potassium and glucose results ask treats as emergencies are the lab-test catalogue's "act now"
    critical values, so a catalogue change moves ask's rule too."""
    from healthlib.ask import safety
    from healthlib.readers.labs import catalogue

    real = catalogue.builtin_catalogue()
    potassium, glucose = real.get("potassium"), real.get("glucose")
    assert safety.critical_value("potassium", "at-or-above", "now") == next(
        c.value for c in potassium.critical if c.when == "at-or-above" and c.act == "now")
    assert safety.critical_value("glucose", "below", "now", "mg/dL") == next(
        c.value for c in glucose.critical if c.when == "below" and c.act == "now")
    q = "the surgery texted that my potassium came back at 6.2 on spironolactone, i feel fine"
    assert "toxicity" not in [f.kind for f in understand(lib, q).flags]

    lowered = [c.model_copy(update={"value": 6.0}) if c.when == "at-or-above" and c.act == "now" else c
               for c in potassium.critical]
    changed = type(real)([potassium.model_copy(update={"critical": lowered}) if t.id == "potassium" else t for t in real])
    monkeypatch.setattr(catalogue, "builtin_catalogue", lambda: changed)
    safety.critical_value.cache_clear()
    try:
        assert "toxicity" in [f.kind for f in understand(lib, q).flags]
    finally:
        monkeypatch.undo()
        safety.critical_value.cache_clear()


def test_the_medicines_that_take_away_white_cells_are_read_from_the_drug_classes(monkeypatch):
    """One home: the white-cell rule's medicines are the `white-cell-lowering` class of data/drug-classes.yaml (its
    library members and the names it lists, each cited from its label there), so a new name is one line of data."""
    from healthlib.ask import safety
    from healthlib.readers import drug_classes

    classes = drug_classes.builtin_drug_classes()
    cls = classes[safety.WHITE_CELL_CLASS]
    assert {"methotrexate"} <= set(cls.members) and {"clozapine", "carbimazole", "methimazole"} <= set(cls.names)
    q = "on newcellmab since march, fever 39 and a really sore throat today"
    assert safety.white_cells_gone(q) is None
    added = {**classes, safety.WHITE_CELL_CLASS: cls.model_copy(update={"names": [*cls.names, "newcellmab"]})}
    monkeypatch.setattr(drug_classes, "builtin_drug_classes", lambda: added)
    safety._lowers_white_cells.cache_clear()
    try:
        assert safety.white_cells_gone(q) is not None
        assert safety.white_cells_gone("on clozapine since march, fever 39 and a really sore throat today") is not None
    finally:
        monkeypatch.undo()
        safety._lowers_white_cells.cache_clear()


@pytest.mark.parametrize("q", [
    "how long is rizatriptan meant to take to work. swallowed it an hour ago and my head is still banging",
    "so dizzy and foggy every morning since the doctor put me on amitriptyline 25, is that normal",
])
def test_the_model_alone_leaves_onset_and_habit_questions(lib, q):
    """Round 16: with the model's gates lower and sentences read alone, a sign still there while a medicine is asked to
    start working, and a sign told as coming every morning, stay questions (`understand.model_may_read`)."""
    assert not understand(lib, q).urgent, understand(lib, q).flags


@pytest.mark.parametrize("q", [
    "i was in a fight 3 months a go and a man bleeding from his head grabbed me and blood got in my mouth. what should i do",
    "a man bleeding from his head grabbed me in a fight and blood got in my mouth. am i at risk of hiv?",
    "a man bleeding from his face grabbed me in a fight at a bar and his blood went in my mouth and eyes. could i have caught hiv",
])
def test_the_model_alone_leaves_long_past_events_and_risks_asked(lib, q):
    """Round 16 (a real question's false alarm): an event told as months or years ago, or a question of a risk run
    (an infection caught from someone's blood), with nothing of now, is not for the emergency model alone to alarm
    (`understand.model_may_read`); the lower gates had flagged each of these."""
    assert not understand(lib, q).urgent, understand(lib, q).flags


def test_long_past_and_risk_guards_step_aside_for_now():
    """Anything of now keeps the emergency model free to read the message."""
    assert told_long_ago("had a stroke 2 years ago") and asks_a_risk("blood in my mouth am i at risk of hiv")
    assert not told_long_ago("had a stroke 2 years ago and now my face is drooping")
    assert not asks_a_risk("am i at risk of hiv, blood just went in my eyes right now")
    assert model_may_read("my face is drooping and my arm is weak")
    assert not model_may_read("car accident 2 months a go blood on my hands am i risk hiv")


@pytest.mark.parametrize("q", [
    "my son had a seizure on bupropion two years back, his doctor wants him on it again",
    "i passed out on metoprolol a few years a go and my new cardiologist wants me back on it",
    "had chest pain on sumatriptan months back, a new neurologist suggested rizatriptan",
])
def test_a_past_told_as_back_or_a_go_is_history(lib, q):
    """Round 17: "two years back" and "a few years a go" tell a past event as "years ago" does (`safety._PAST`): a
    sign told beside it is history, not an emergency."""
    assert not understand(lib, q).urgent, understand(lib, q).flags


@pytest.mark.parametrize("q", ["had a seizure two years back, now he is on bupropion and fitting right now",
                               "my dad had a stroke a few years back and now his face is drooping and he cant lift his arm"])
def test_a_past_told_as_back_then_a_sign_now_stays_an_emergency(lib, q):
    """History told first, then a sign now: still an emergency."""
    u = understand(lib, q)
    assert u.urgent, u.flags


@pytest.mark.parametrize("q", [
    "just put 36 units of novorapid in instead of my levemir",
    "gave my husband his fast acting insulin instead of his long acting one at bedtime",
    "injected the wrong insulin pen tonight, 28 units",
    "used my mealtime insulin for my night dose by mistake",
])
def test_the_wrong_insulin_injected_is_an_emergency(lib, q):
    """Round 17: one insulin put in instead of another (its names masked, so told by its units, pen or kind): a fast
    insulin in a long-acting dose can bring a low sugar within hours; no model can tell the two from masked names."""
    assert "overdose" in [f.kind for f in understand(lib, q).flags], (q, understand(lib, q).flags)


@pytest.mark.parametrize("q", [
    "can i take humalog instead of novolog",
    "what happens if you inject the wrong insulin",
    "i use insulin pens instead of vials, is that ok",
    "took ibuprofen instead of paracetamol for my back",
])
def test_insulin_asked_about_or_another_swap_stays_a_question(lib, q):
    """A swap asked about in general, a pen for a vial, or a pain medicine for another: no wrong insulin injected."""
    assert not understand(lib, q).urgent, understand(lib, q).flags


def test_what_happens_if_framing_a_real_event_with_a_sign_now_is_read_by_the_model(lib):
    """Round 17 (ask-urgent17.yaml): "what happens if" put before a swallowing told and a sign now is a report, not a
    question in general; the emergency model reads it as urgent (round 16's model scored it under its gates)."""
    u = understand(lib, "what happens if my daughter swallowed 15 of my sertraline earlier, she is shaking and very hot now")
    assert u.urgent, u.flags


@pytest.mark.parametrize("q", ["how to stop my kids getting into my xanax",
                               "how can we stop the grandkids getting hold of my oxycodone when they visit"])
def test_a_swallowing_to_be_prevented_is_a_question(lib, q):
    """Round 17: how to keep a child from medicines asks ahead; nothing was swallowed."""
    assert not understand(lib, q).urgent, understand(lib, q).flags


def test_a_swallowing_told_beside_prevention_stays_an_emergency(lib):
    u = understand(lib, "how do i stop my son getting into my pills, he just ate 5 of them")
    assert "overdose" in [f.kind for f in u.flags], u.flags


# Round 19 (urgent19): classes the development blinds and check sets e9-e11 missed leave-one-set-out, by rule (each
# fails on round 18's code): a person told blue with no "turning" (naloxone asked beside it), and a bleed told with its
# length but no "for" ("nose bleed 2 hours on X", "a 3 hour nosebleed").
@pytest.mark.parametrize(("q", "kind"), [
    ("where does the naloxone go, my boyfriend is blue and snoring weird", "breathing"),
    ("he went blue after his methadone, how do we give the spray", "breathing"),
    ("baby turned blue after the codeine syrup what do i do", "breathing"),
    ("shes all blue and not answering, we have the narcan kit, which end goes in", "breathing"),
    ("gums bleeding about 2 hours on apixaban what do i do", "bleeding"),
    ("a 3 hour nose bleed on warfarin, what now", "bleeding"),
    ("nosebleed still going 50 mins on rivaroxaban", "bleeding"),
])
def test_round19_emergency_classes(lib, q, kind):
    u = understand(lib, q)
    assert u.urgent and kind in [f.kind for f in u.flags], (q, u.flags)


@pytest.mark.parametrize("q", [
    "my husband has been feeling blue since starting propranolol",
    "my son is blue about stopping his sertraline",
    "the pill is blue, is that the right oxycodone",
    "can naloxone make your lips turn blue",
    "how long should a nosebleed last on warfarin",
    "i had a nosebleed 2 hours ago on eliquis, it stopped by itself, should i mention it",
    "can warfarin cause nosebleeds lasting hours",
])
def test_round19_look_alikes_stay_questions(lib, q):
    assert not understand(lib, q).urgent, understand(lib, q).flags


def test_the_model_alone_flags_a_sure_score_without_a_now_word_and_reads_up_to_80_words():
    """Round 19: gates re-chosen on each development blind's leave-one-set-out scores (benchmarks/urgent_gates.py):
    a score of 0.75 with no "now" word is sure enough (0.8 before), and a message of 61-80 words is read whole."""
    from healthlib.ask.understand import urgent_by_model

    assert urgent_by_model("my mum is confused and sweating on drugx", 0.75)
    assert not urgent_by_model("my mum is confused and sweating on drugx", 0.65)
    long = " ".join(["my mum is confused and sweating on drugx"] * 9)  # 72 words
    assert urgent_by_model(long, 0.9) and not urgent_by_model(long + " " + long, 0.9)
