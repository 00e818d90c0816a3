"""The style check (issue 10, part 3) on every built guide: all curated guides, and guides
imported from every sample label (../shared/samples/spl and the test fixtures).

The rules live in `healthlib.compose.style`; `healthlib check` reports the same problems. The
first tests show each rule catches the stitched prose the review found, so the check can fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from healthlib.compose.article import compose_article
from healthlib.compose.style import DELIBERATE_STOCK, boilerplate, style_problems
from healthlib.model.article import (
    Article,
    ArticleSection,
    Block,
    BrandRef,
    FaqEntry,
    ListItem,
    ReadabilityScore,
)
from healthlib.readers.curated import read_builtin
from healthlib.readers.openfda import read_openfda
from healthlib.readers.spl import read_spl
from tests.helpers import SHARED

FIXTURES = Path(__file__).parent / "fixtures" / "labels"
SAMPLE_LABELS = sorted((SHARED / "samples" / "spl").glob("*.xml"))


def _article(*blocks: Block, faq: list[FaqEntry] | None = None, generic: str = "baclofen") -> Article:
    return Article(slug="x", title=generic.capitalize(), generic_name=generic,
                   brand_names=[BrandRef(name="Lioresal")], drug_class="c", rx_status="prescription",
                   updated="2026-01-01", summary="s", conditions=[], faq=faq or [], sources=[],
                   sections=[ArticleSection(id="how-to-take", heading="How should I take baclofen?", blocks=list(blocks))],
                   readability=ReadabilityScore(fk_grade=5, words=10))


def _para(text: str) -> Block:
    return Block(type="paragraph", text=text, citations=["a"])


@pytest.mark.parametrize("text,rule", [
    ("For adults and children 6 years and older with type 1 diabetes with type 1 diabetes: 5 units.", "doubled"),
    ("For adults with treating a clot in the legs or lungs: 10 mg.", "gerund"),
    ("Signs can include often no signs at first, feeling sick.", "include"),
    ("These are the side effects people notice most often: The numbers show how many.", "capital"),
    ("Put simply, Warfarin is a blood thinner.", "tic"),
    ("You should not take Baclofen with alcohol.", "capitalised mid-sentence"),
])
def test_each_rule_catches_what_the_review_found(text, rule):
    problems = style_problems(_article(_para(text)))
    assert any(rule in p.rule for p in problems), problems


def test_repeats_and_repeated_lead_ins_are_caught():
    lead = _para("Do not take baclofen if any of these apply to you:")
    items = Block(type="list", citations=["a"], items=[ListItem(text="Do not take baclofen if you are allergic.")])
    said = _para("Stopping baclofen all at once can cause seizures.")
    faq = [FaqEntry(id="stopping", question="Can I stop?", answer="Stopping baclofen all at once can cause seizures.",
                    citations=["a"])]
    rules = {p.rule.split(" (")[0] for p in style_problems(_article(lead, items, said, faq=faq))}
    assert {"list items repeat their lead-in", "an FAQ answer repeats the guide"} <= rules
    twice = {p.rule.split(" (")[0] for p in style_problems(_article(said, said))}
    assert "a sentence said twice" in twice


def test_a_brand_name_after_a_colon_is_fine():
    assert not style_problems(_article(_para("Ask about the brand: Lioresal tablets are no longer sold.")))


def _curated() -> list[Article]:
    monographs = list(read_builtin())
    titles = {m.slug: m.title for m in monographs}
    return [compose_article(m, titles) for m in monographs]


def _imported() -> list[Article]:
    monographs = [m for path in [*SAMPLE_LABELS, *sorted((FIXTURES / "spl").glob("*.xml"))] for m in read_spl([path])]
    monographs += read_openfda(sorted((FIXTURES / "openfda").glob("*.json")))
    return [compose_article(m) for m in monographs]


CURATED = _curated()


@pytest.mark.parametrize("article", CURATED, ids=lambda a: a.slug)
def test_every_curated_guide_reads_like_a_person_wrote_it(article):
    assert [str(p) for p in style_problems(article)] == []


def test_every_imported_guide_reads_like_a_person_wrote_it():
    articles = _imported()
    assert len(articles) >= 3 + (len(SAMPLE_LABELS) - 1 if SAMPLE_LABELS else 0)
    assert [str(p) for a in articles for p in style_problems(a)] == []


def test_no_stock_sentence_repeats_across_guides_unless_chosen():
    """A sentence the composer puts in over half the guides is boilerplate; the few kept on
    purpose (safety lines every page must carry) are named in DELIBERATE_STOCK."""
    assert set(boilerplate(CURATED)) <= DELIBERATE_STOCK


@pytest.mark.skipif(not SAMPLE_LABELS, reason=f"sample labels not found under {SHARED}")
def test_the_shared_samples_are_part_of_the_check():
    assert any(a.slug.startswith("atorvastatin") or "lipitor" in a.slug for a in _imported())
