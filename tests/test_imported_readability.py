"""Imported guides read as plainly as curated ones (issue 10, part 5), and side-effect
headings say what the figures say (part 2)."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from healthlib.compose.article import compose_article, stated_percent
from healthlib.compose.phrasing import inline_list, use_sentences, without_repeated_brackets
from healthlib.compose.readability import readability
from healthlib.model.monograph import Fact
from healthlib.model.text import sentence
from healthlib.readers.curated import builtin_dir, read_monograph
from healthlib.readers.openfda import read_openfda
from healthlib.readers.spl import read_spl
from tests.helpers import SHARED

SAMPLES = SHARED / "samples" / "spl"
FIXTURES = Path(__file__).parent / "fixtures" / "labels"
needs_samples = pytest.mark.skipif(not (SAMPLES / "cough-syrup-otc.xml").exists(),
                                   reason=f"sample labels not found under {SAMPLES}")


def _our_words_grade(article) -> float:
    """Grade of what healthlib wrote: every block and FAQ answer but the quoted label excerpts."""
    parts = [b.text for s in article.sections for b in s.blocks if b.text and b.type != "excerpt"]
    parts += [sentence(i.text) for s in article.sections for b in s.blocks for i in b.items or []]
    parts += [f.answer for f in article.faq]
    return readability("\n".join(parts)).fk_grade


def _imported():
    for path in [*sorted(SAMPLES.glob("*.xml")), *sorted((FIXTURES / "spl").glob("*.xml"))]:
        yield from ((path.name, m) for m in read_spl([path]))
    for path in sorted((FIXTURES / "openfda").glob("*.json")):
        yield from ((path.name, m) for m in read_openfda([path]))


@needs_samples
def test_every_imported_guide_reads_at_grade_8_and_the_median_at_7():
    grades = {f"{name}:{m.slug}": _our_words_grade(compose_article(m)) for name, m in _imported()}
    assert len(grades) >= 7  # three sample labels, two SPL and two openFDA fixtures
    assert all(g <= 8.0 for g in grades.values()), grades
    assert statistics.median(grades.values()) <= 7.0, grades


def test_a_long_sentence_ending_in_a_list_becomes_a_lead_and_items_every_word_kept():
    text = ("Ask a doctor before use if the child has: heart disease, high blood pressure, thyroid "
            "disease, diabetes, high pressure in the eye (glaucoma), or a cough with too much phlegm.")
    lead, items, rest = inline_list(text)
    assert lead == "Ask a doctor before use if the child has any of these:"
    assert items == ["heart disease", "high blood pressure", "thyroid disease", "diabetes",
                     "high pressure in the eye (glaucoma)", "a cough with too much phlegm"]
    assert rest == ""
    # short sentences and lists inside brackets are left alone
    assert inline_list("Ask a doctor if the child has: asthma, diabetes or glaucoma.") is None
    assert inline_list("A brain disorder (marked by weakness, fever, shakiness, confusion and stiffness) has "
                       "occurred in a few people treated with lithium plus haloperidol in studies.") is None


def test_a_long_use_says_who_it_is_for_in_its_own_sentence():
    assert use_sentences("reduce the risk of heart attack, stroke and chest pain (angina) in adults with "
                         "several risk factors for heart disease") == (
        "Reduce the risk of heart attack, stroke and chest pain (angina). This is for adults with "
        "several risk factors for heart disease.")
    assert use_sentences("high blood pressure in adults") == "High blood pressure in adults."


def test_a_gloss_is_given_once_per_text():
    assert without_repeated_brackets("raised triglycerides (a blood fat) in people with high triglycerides "
                                     "(a blood fat)") == "raised triglycerides (a blood fat) in people with high triglycerides"


@needs_samples
def test_a_labels_serious_mixes_are_grouped_not_tagged_one_by_one():
    article = compose_article(read_spl([SAMPLES / "lipitor-atorvastatin-rx.xml"])[0])
    blocks = article.section("interactions").blocks
    lead = next(i for i, b in enumerate(blocks) if b.text == "These mixes can be serious:")
    serious = blocks[lead + 1].items
    assert any(i.text.startswith("Clarithromycin:") for i in serious)
    assert not any("(serious)" in (i.text) for b in blocks for i in b.items or [])


@pytest.mark.parametrize("text, percent", [
    ("In studies, about 7 in 100 people had low levels.", 7.0),
    ("It happened in 1 in 1,000 people.", 0.1), ("Seen in up to 0.5% of people.", 0.5),
    ("Take 2 tablets of 40 mg.", None)])
def test_a_stated_share_of_people_is_read_as_a_percent(text, percent):
    assert stated_percent(text) == percent


def test_side_effects_filed_as_rare_are_headed_by_their_own_figures():
    metformin = read_monograph(builtin_dir() / "metformin.yaml")
    blocks = compose_article(metformin).section("side-effects").blocks
    headings = [b.text for b in blocks if b.type == "paragraph"]
    # low vitamin B12 in about 7 in 100 people is not "rare"
    b12 = next(i for i, b in enumerate(blocks) if b.items and any("B12" in x.text for x in b.items))
    assert blocks[b12 - 1].text == "Other side effects to know about:"
    # a figure under 1 in 100 says "less common"; no figure keeps the curated "rare"
    se = metformin.side_effects.model_copy(update={"rare": [
        Fact(text="A rash was seen in 3 in 1,000 people.", cite=["fda-metformin"]),
        Fact(text="Lactic acidosis, a build-up of acid in the blood.", cite=["fda-metformin"])]})
    blocks = compose_article(metformin.model_copy(update={"side_effects": se})).section("side-effects").blocks
    headings = [b.text for b in blocks if b.type == "paragraph"]
    assert "Less common but serious side effects:" in headings and "Rare but serious side effects:" in headings
