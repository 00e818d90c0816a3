"""One accidental extra dose: ordinary for a low-risk medicine in an adult who is well, an
emergency for a high-risk one (ISMP high-alert list or the guide's own overdose text), and always
an emergency with a child, several doses, a sign, someone else or intent."""

from __future__ import annotations

import glob
from importlib import resources

import pytest
import yaml

from healthlib.ask.answer import answer_question
from healthlib.ask.extra_dose import guide_says_emergency, high_alert_slugs, high_risk
from healthlib.ask.safety import POISON_CONTROL

ORDINARY = [
    "took my pantoprazole twice today by accident, forgot i had it at 7",
    "Accidentally swallowed 2 cetirizine instead of 1 last night, feel totally normal. Anything I should do?",
    "i think i doubled up on my montelukast this evening, do i need to worry",
    "Took a second simvastatin tonight by mistake. Is that a problem?",
    # round 11: an adult told of by a spouse or a grown child, and "forgot i already had one"
    "My wife swallowed a second omeprazole at lunch, she forgot the morning one. She feels fine, does she need anything?",
    "my mum accidentally took her loratadine twice this morning",
    "had 2 of my 10 mg cetirizine today, forgot that i already took one with breakfast",
]

HIGH_RISK = [
    "took my warfarin twice this morning by mistake, feel ok",  # ISMP anticoagulant
    "accidentally injected my lantus twice tonight, feel fine right now",  # ISMP insulin
    "i took 2 oxycodone instead of 1 by accident, feel normal so far",  # ISMP opioid
    "doubled up on my glipizide this morning, not sure what to do",  # ISMP oral hypoglycaemic
    "took my amlodipine twice today by mistake, feel fine",  # the guide: 911 even if they seem well
    "accidentally took my lithium twice this morning",  # the guide: too much lithium can be deadly
]

ALWAYS_URGENT = [
    "my son took his montelukast twice today by mistake",  # a child
    "im 15 and took my sertraline twice this morning by accident",  # the writer is a child
    "took my pantoprazole twice and now my heart is racing",  # a sign
    "accidentally took 4 of my cetirizine this morning",  # several extra doses
    "i doubled my simvastatin every day this week by mistake",  # repeated
    "my nan took her loratadine twice this morning by mistake",  # someone old
    "my husband has dementia and took his pantoprazole twice today by mistake",  # forgetful: it may go on
    "my wife is pregnant and took her cetirizine twice by accident",  # a pregnancy
    "i took my husbands sertraline by mistake as well as my own",  # someone else's medicine
    "took my meds twice today by accident",  # no medicine named: cannot tell
    "took my zorbitumab twice by mistake",  # no guide for it
]


@pytest.mark.parametrize("q", ORDINARY)
def test_one_extra_dose_of_a_low_risk_medicine_is_answered_not_alarmed(lib, q):
    a = answer_question(lib, q)
    assert not a.urgent, (q, a.red_flags)
    # nothing unsafe left out: the guide's overdose text and Poison Control lead the answer
    assert POISON_CONTROL in a.answer
    assert "911" in a.answer  # when to call it instead (signs), from the guide or the note


@pytest.mark.parametrize("q", HIGH_RISK)
def test_one_extra_dose_of_a_high_risk_medicine_is_an_emergency(lib, q):
    a = answer_question(lib, q)
    assert a.urgent and "overdose" in a.red_flags, (q, a.red_flags)


@pytest.mark.parametrize("q", ALWAYS_URGENT)
def test_a_child_a_sign_several_doses_or_someone_vulnerable_is_always_an_emergency(lib, q):
    a = answer_question(lib, q)
    assert a.urgent, (q, a.red_flags)


def test_the_high_alert_list_names_only_library_guides_and_cites_ismp():
    data = yaml.safe_load((resources.files("healthlib") / "data" / "overdose-high-alert.yaml").read_text())
    assert all("ismp.org" in s["url"] for s in data["sources"])
    monographs = resources.files("healthlib") / "data" / "monographs"
    slugs = {p.rsplit("/", 1)[-1].removesuffix(".yaml") for p in glob.glob(str(monographs / "*.yaml"))}
    assert high_alert_slugs() <= slugs
    assert {"insulin-glargine", "warfarin", "oxycodone", "methotrexate", "glipizide"} <= high_alert_slugs()


def test_the_guide_decides_when_it_sends_every_overdose_to_emergency_care():
    assert guide_says_emergency("If someone has taken too much, call 911 or your local emergency number now.")
    assert guide_says_emergency("If someone has taken too much, call 911 or your local emergency number now, even "
                                "if they seem well. Otherwise call Poison Control at 1-800-222-1222.")
    assert guide_says_emergency("Too much lithium can be deadly. Call Poison Control.")
    assert not guide_says_emergency("If someone has taken too much, call Poison Control at 1-800-222-1222, even if "
                                    "they feel fine. If they have chest pain, a seizure or pass out, call 911.")
    assert not guide_says_emergency("If someone has taken too much and is hard to wake or breathing slowly, call 911 "
                                    "or your local emergency number now. Otherwise call Poison Control.")


def test_a_medicine_without_a_guide_or_an_overdose_section_counts_as_high_risk(lib):
    assert high_risk(lib, "no-such-guide")
    assert not high_risk(lib, "loratadine") and high_risk(lib, "acetaminophen")


# Round 12 (urgent12): a little sleepiness is a low-risk medicine's mild effect, not a sign; a sedating
# class, more than a little, or another sign keeps the alarm
@pytest.mark.parametrize("q, urgent", [
    ("took my loratadine twice this morning by accident, a bit drowsy but otherwise fine", False),
    ("Doubled up on my cetirizine last night because the pollen was awful. Slightly sleepy, that's all.", False),
    ("accidentally took a second cetirizine, my hay fever is bad, feel fine", False),
    ("took my alprazolam twice by mistake, a bit sleepy", True),  # benzodiazepine: sleep can deepen
    ("took my loratadine twice by mistake and I am very sleepy", True),
    ("took my loratadine twice by mistake, a bit sleepy and my lips are tingling", True),
    ("my 15 year old took her cetirizine twice by mistake, a bit sleepy", True),
])
def test_a_little_sleepiness_after_one_extra_low_risk_dose_is_no_sign(lib, q, urgent):
    assert answer_question(lib, q).urgent is urgent, q


def test_sleepiness_may_pass_only_outside_the_sedating_classes(lib):
    from healthlib.ask.extra_dose import sleepiness_may_pass

    assert sleepiness_may_pass(lib, "cetirizine") and sleepiness_may_pass(lib, "omeprazole")
    assert not any(sleepiness_may_pass(lib, s) for s in ("alprazolam", "quetiapine", "gabapentin", "oxycodone", "trazodone", "zolpidem"))
