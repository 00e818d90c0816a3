"""Guides made from labels, held to the curated guides' standard (issue 10, part 5)."""

from __future__ import annotations

import pytest

from healthlib.compose.article import compose_article
from healthlib.compose.render import to_markdown
from healthlib.readers.glossary import plain
from healthlib.readers.label.text import clean
from healthlib.readers.spl import read_spl
from tests.helpers import SHARED

SAMPLES = SHARED / "samples" / "spl"
needs_samples = pytest.mark.skipif(not (SAMPLES / "cough-syrup-otc.xml").exists(),
                                   reason=f"sample labels not found under {SAMPLES}")


@pytest.mark.parametrize("label,plain_words", [
    ("Cases of non-arteritic anterior ischemic optic neuropathy (NAION) were reported.",
     "Cases of sudden loss of sight from poor blood flow to the optic nerve (NAION) were reported."),
    # a word inside a longer term that an abbreviation names is left alone, never half-swapped
    ("Cases of anterior ischemic optic neuropathy (AION) occurred.",
     "Cases of anterior ischemic optic neuropathy (AION) occurred."),
    ("History of ischemic stroke.", "History of stroke from a blocked blood vessel."),
    ("Take 10 mg b.i.d. or 5 mg QID.", "Take 10 mg twice a day or 5 mg four times a day."),
])
def test_glossary_never_replaces_inside_a_longer_term(label, plain_words):
    assert plain(label) == plain_words


def test_a_pointer_to_a_chart_that_is_not_shown_is_removed():
    assert clean("Take 10 mL every 4 hours (See chart below.) as needed.") == "Take 10 mL every 4 hours as needed."


@needs_samples
def test_otc_guide_speaks_as_a_drug_facts_label_and_do_not_use_rows_say_so():
    article = compose_article(read_spl([SAMPLES / "cough-syrup-otc.xml"])[0])
    text = to_markdown(article)
    assert "Your doctor sets your dose" not in text and "Follow the label on the pack." in text
    table = next(b for b in article.section("how-to-take").blocks if b.type == "table")
    under_4 = next(r for r in table.rows if r[0].startswith("Children under 4"))
    assert under_4[2] == "Do not use" and under_4[2:5] != ["—", "—", "—"]
    assert "(See chart below.)" not in text


@needs_samples
def test_a_mechanism_that_is_not_plain_is_left_out():
    for path in sorted(SAMPLES.glob("*.xml")):
        for m in read_spl([path]):
            section = compose_article(m).section("how-it-works")
            from healthlib.compose.readability import readability

            for block in section.blocks if section else []:
                assert block.type == "excerpt" or readability(block.text or "").fk_grade <= 8.0, block.text


def test_an_abbreviation_in_brackets_after_its_term_is_kept():
    assert plain("Myocardial infarction (MI) occurred.") == "Heart attack (MI) occurred."
    assert plain("History of MI or stroke.") == "History of heart attack or stroke."
