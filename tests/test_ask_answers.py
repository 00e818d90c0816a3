"""Answers a pharmacist would accept: one test per class of bad answer found by reading the
answers to real and hand-written questions (none of these questions is in an evaluation file).
Everything runs through the real path (`answer_question` over a library built from the shipped
monographs), so the passages are the stored guides' own.
"""
from __future__ import annotations

from healthlib.ask import answering
from healthlib.ask.answer import Answer, answer_question
from healthlib.library.query import Library


def ask(lib: Library, q: str) -> Answer:
    return answer_question(lib, q)


def guides(a: Answer) -> set[str]:
    return {p.guide for p in a.passages}


def test_a_medicine_outside_the_library_gets_no_unrelated_guides(lib):
    # terbinafine shares a chemical group (naphthalenes) with a statin and a beta blocker
    a = ask(lib, "how long do i use lamisil tablets for")
    assert a.not_in_library == ["Lamisil (terbinafine)"] and a.drugs == []
    assert a.suggestions == [] and "Pravastatin" not in a.answer and "Propranolol" not in a.answer
    # a real group of medicines still gets its guides
    b = ask(lib, "is oxazepam habit forming")
    assert {s.title for s in b.suggestions} == {"Clonazepam", "Diazepam", "Lorazepam"}


def test_a_products_own_ingredient_is_not_another_medicine(lib):
    a = ask(lib, "what else is in augmentin apart from amoxicillin")
    assert "amoxicillin-clavulanate" in a.drugs
    assert guides(a) == {"amoxicillin-clavulanate"} and "clavulanate" in a.passages[0].text.lower()
    assert "Amoxicillin:" not in a.answer


def test_two_products_with_the_same_ingredient_say_so(lib):
    a = ask(lib, "can i take tylenol with my percocet")
    assert a.answer.startswith("Percocet (oxycodone and acetaminophen) already contains acetaminophen")
    assert a.passages and all("contain" in p.text for p in a.passages)
    assert guides(a) == {"acetaminophen"} and "Neither the" not in a.answer
    b = ask(lib, "norco and tylenol same day ok")
    assert b.answer.startswith("Norco (hydrocodone and acetaminophen) already contains acetaminophen")
    assert {"acetaminophen", "hydrocodone-acetaminophen"} <= guides(b)


def test_an_allergy_named_after_the_medicine_is_answered_from_the_other_guide(lib):
    a = ask(lib, "ibuprofen allergy, is naproxen ok")
    assert guides(a) == {"naproxen"}
    assert "allergic reaction after taking aspirin or another NSAID" in a.passages[0].text
    b = ask(lib, "allergic to aspirin and ibuprofen, can i take tylenol")
    assert guides(b) == {"acetaminophen"} and not any(p.section.startswith("vs-") for p in b.passages)


def test_every_pair_of_three_medicines_is_checked(lib):
    a = ask(lib, "any problem taking meloxicam with lisinopril and aleve")
    assert a.drugs == ["meloxicam", "lisinopril", "naproxen"] and a.intent == "interactions"
    assert "Meloxicam + naproxen" in a.answer and "Two NSAIDs" in a.answer  # the duplicate NSAID
    assert "Meloxicam + lisinopril" in a.answer


def test_a_side_effect_named_is_answered_from_the_side_effects(lib):
    a = ask(lib, "is swelling in my feet from amlodipine")
    assert a.passages[0].section == "side-effects" and "swollen ankles" in a.passages[0].text.lower()
    b = ask(lib, "atorvastatin 40mg muscle pain over 65")  # read as a general question, still about muscle
    assert b.passages[0].section == "side-effects" and "muscle" in b.passages[0].text.lower()


def test_a_food_question_is_not_answered_with_another_medicine_or_an_overdose(lib):
    a = ask(lib, "is it ok to eat broccoli on warfarin")
    assert "vitamin k" in a.passages[0].text.lower()
    assert not any(p.section.startswith("vs-") or p.section == "faq-overdose" for p in a.passages)
    b = ask(lib, "will metformin help me drop some weight")
    assert "weight" in b.passages[0].text and not any(p.section.startswith("vs-") for p in b.passages)


def test_boxed_warnings_follow_the_first_side_effects_passage(lib):
    a = ask(lib, "side effects of vicodin")
    stored = lib.article("hydrocodone-acetaminophen")
    boxed = [b.text for b in stored.section("what-is").blocks if b.type == "warning"]
    assert a.passages[0].section == "side-effects"
    assert boxed and all(text in a.answer for text in boxed)  # safety content is kept
    assert any(p.section == "side-effects" and p.text.startswith("Side effects that many people get")
               for p in a.passages)


def test_the_guides_own_pointers_are_not_answers(lib):
    a = ask(lib, "levothyroxine and calcium tablets")
    assert a.passages[0].text.startswith("Calcium")
    assert not any(p.text.startswith(("Tell your doctor and pharmacist about every medicine",
                                      "Some of the mixes below")) for p in a.passages)
    b = ask(lib, "is it bad to have a beer with gabapentin")
    assert "see the question about alcohol below" not in b.answer


def test_what_the_medicine_is_for_does_not_lead_a_dose_answer(lib):
    a = ask(lib, "janumet for my type 2 diabetes, what is the most metformin a day")
    assert a.passages and all(p.section == "how-to-take" for p in a.passages)


def test_a_misspelled_word_is_not_read_as_a_medicine_nobody_asked_about(lib):
    a = ask(lib, "can you send me infomation about my meds")
    assert a.recognised == [] and a.not_in_library == []
    b = ask(lib, "what is methylprednisolole")  # a misspelled medicine still is one
    assert b.not_in_library == ["Methylprednisolone"]
    c = ask(lib, "calcitonin nasal spray left out of fridge")  # a dosage form is not a medicine
    assert c.not_in_library == ["Calcitonin"] and [r.generic for r in c.recognised] == ["calcitonin"]


def test_a_dose_question_gets_the_amounts_first_and_the_caveat_once(lib):
    a = ask(lib, "how many mg of hydroxyzine can an adult take")
    assert a.passages[0].text.startswith("Usual doses on the label")
    assert answering.NOTE_DOSE not in a.answer  # the guide's own caveat already says it
    b = ask(lib, "xarelto which pain pills are safe")  # the dose table is not an interactions answer
    assert b.passages and not any(p.text.startswith("Usual doses") for p in b.passages)
    assert "NSAID" in b.passages[0].text


def test_a_population_question_finds_the_boxed_warning(lib):
    a = ask(lib, "is zoloft ok for teenagers")
    stored = lib.article("sertraline")
    boxed = next(b.text for b in stored.section("what-is").blocks if b.type == "warning")
    assert "teens" in boxed and a.passages[0].text == boxed  # the warning is about them: it leads
    assert any(p.section == "who-should-not-take" and "children" in p.text for p in a.passages)
    b = ask(lib, "metformin with kidney problems")  # a boxed warning naming it in passing follows
    assert b.passages[0].section == "who-should-not-take" and "kidney" in b.passages[0].text
    assert any(p.section == "what-is" and "lactic acidosis" in p.text for p in b.passages)


def test_the_word_asked_comes_before_its_kin(lib):
    a = ask(lib, "cipro with a glass of milk")
    assert a.passages[0].text.startswith("Milk, yogurt")  # milk itself, before calcium supplements
    b = ask(lib, "doxycycline and a glass of milk")
    assert not any("breast milk" in p.text for p in b.passages)


def test_long_term_use_is_looked_for(lib):
    a = ask(lib, "what happens if you take omeprazole for years, long term risks")
    assert "long-term" in a.passages[0].text.lower()


def test_lifestyle_in_other_words_lists_no_medicines(lib):
    for q in ("how can i sleep better without sleeping pills", "natural ways to bring my blood pressure down"):
        a = ask(lib, q)
        assert a.drugs == [] and a.passages == [] and a.links == []
        assert a.answer.startswith("This library covers medicines") and "does not give diet" in a.answer


def test_a_named_supplement_is_looked_for_itself(lib):
    a = ask(lib, "turmeric and eliquis")
    assert a.answer.startswith("The Apixaban guide does not mention turmeric.")
    assert not a.passages[0].text.startswith("Rifampin")  # not picked for naming another herbal remedy
    b = ask(lib, "fish oil and warfarin")  # said once, not once per way of naming it
    assert b.answer.lower().count("does not mention fish oil") == 1


def test_a_medicine_outside_the_library_named_beside_one_inside_is_looked_for(lib):
    a = ask(lib, "does amoxicillin count as a penicillin")
    assert a.drugs == ["amoxicillin"] and "penicillin" in a.passages[0].text.lower()


def test_diabetics_is_the_condition(lib):
    a = ask(lib, "can diabetics take prednisone")
    assert "diabetes" in a.passages[0].text
    assert any("raises blood sugar" in p.text for p in a.passages)


def test_a_make_up_question_leads_with_what_the_guide_does_not_list(lib):
    a = ask(lib, "is there lactose in adderall tablets")
    assert a.answer.startswith(answering.NOTE_INGREDIENTS) and a.answer.count(answering.NOTE_INGREDIENTS) == 1
    stored = lib.article("amphetamine-dextroamphetamine")
    boxed = next(b.text for b in stored.section("what-is").blocks if b.type == "warning")
    assert a.passages[0].section == "what-is" and a.passages[0].text != boxed  # what it is, then the warning
    assert boxed in a.answer


def test_a_two_medicine_question_with_a_second_ask_answers_both_parts(lib):
    a = ask(lib, "is ibuprofen safe with warfarin and what are the side effects of warfarin")
    assert a.intents == ["interactions", "side_effects"]
    assert {p.guide for p in a.passages} == {"ibuprofen", "warfarin"}
    assert any(p.section == "side-effects" for p in a.passages)
    assert "Warfarin:" in a.answer
