"""The pharmacist review's corrections (issue 10, part 1): each one held by a test.

Rules go through `healthlib check` on real files; content goes through the real composer over
the shipped monographs.
"""

from __future__ import annotations

import re

import pytest

from healthlib.compose.article import compose_article
from healthlib.compose.render import to_html, to_markdown
from healthlib.library.check import check_monographs
from healthlib.model.article import Article
from healthlib.readers.curated import read_builtin
from tests.helpers import baclofen_data, write_monograph


@pytest.fixture(scope="module")
def guides() -> dict[str, Article]:
    monographs = list(read_builtin())
    titles = {m.slug: m.title for m in monographs}
    return {m.slug: compose_article(m, titles) for m in monographs}


def _text(article: Article, section_id: str | None = None) -> str:
    md = to_markdown(article)
    if section_id is None:
        return md
    section = article.section(section_id)
    assert section is not None, section_id
    return "\n".join([b.text or "" for b in section.blocks]
                     + [i.text for b in section.blocks for i in b.items or []])


# --- prohibited uses -----------------------------------------------------------------------

@pytest.mark.parametrize("slug,words", [
    ("levothyroxine", "weight loss"), ("baclofen", "aches, sprains"), ("dantrolene", "arthritis"),
    ("tamsulosin", "high blood pressure"), ("morphine", "as needed"), ("cyclobenzaprine", "cerebral palsy"),
])
def test_prohibited_use_is_shown_as_not_for_never_as_off_label(guides, slug, words):
    uses = guides[slug].section("uses")
    blocks = uses.blocks
    lead = next(i for i, b in enumerate(blocks) if b.text and b.text.startswith("What ") and "is not for" in b.text)
    not_for = " ".join(i.text for i in blocks[lead + 1].items)
    assert words.lower() in not_for.lower()
    for block in blocks[:lead]:
        for item in block.items or []:
            assert words.lower() not in item.text.lower() or not item.text.startswith("Off-label")


def test_check_rejects_an_off_label_use_the_label_prohibits(tmp_path):
    data = baclofen_data()
    data["uses"].append({"condition": "weight loss", "off_label": True,
                         "note": "The label says it must not be used for this.", "cite": ["fda-baclofen-tablets"]})
    report = check_monographs([write_monograph(tmp_path, data)])
    assert any("uses[2]" in p and "not_for" in p for p in report.problems), report.problems


# --- dose frequency ------------------------------------------------------------------------

def test_check_rejects_a_usual_dose_without_how_often(tmp_path):
    data = baclofen_data()
    dose = data["how_to_take"]["doses"][0]
    dose.update(usual={"amount": 10, "unit": "mg"}, usual_per="dose")
    report = check_monographs([write_monograph(tmp_path, data)])
    assert any("doses[0]" in p and "usual_frequency" in p for p in report.problems), report.problems
    dose["usual_frequency"] = "three times a day"
    assert check_monographs([write_monograph(tmp_path, data)]).ok


def test_amoxicillin_main_regimen_says_every_12_hours(guides):
    table = next(b for b in guides["amoxicillin"].section("how-to-take").blocks if b.type == "table")
    assert any("500 mg every 12 hours" in cell for row in table.rows for cell in row)


_HOW_OFTEN = re.compile(r"\b(a day|a week|a month|every|once|twice|times|single dose|in all|at bedtime|as needed)\b")


def test_every_usual_dose_in_every_guide_says_how_often(guides):
    for slug, article in guides.items():
        section = article.section("how-to-take")
        for block in section.blocks if section else []:
            if block.type != "table":
                continue
            header = block.rows[0]
            usual = header.index("Usual dose")
            for row in block.rows[1:]:
                cell = row[usual]
                assert cell == "—" or _HOW_OFTEN.search(cell), (slug, row)


# --- single corrections ------------------------------------------------------------------

def test_prednisone_long_term_bone_and_cushing_effects_are_common(guides):
    common = next(b for b in guides["prednisone"].section("side-effects").blocks
                  if b.type == "list" and any("osteoporosis" in i.text for i in b.items))
    names = " ".join(i.text for i in common.items)
    assert "Cushing" in names and "long-term use" in names
    assert "Rare" not in " ".join(b.text or "" for b in guides["prednisone"].section("side-effects").blocks
                                  if "osteoporosis" in (b.text or ""))


def test_atorvastatin_ldl_checked_as_early_as_4_weeks(guides):
    text = _text(guides["atorvastatin"])
    assert "as early as 4 weeks after starting or changing the dose" in text
    assert "4 to 12 weeks" not in text


def test_sildenafil_chest_pain_and_cautions(guides):
    text = _text(guides["sildenafil"])
    assert "Tell the emergency team you took sildenafil" in text
    assert "aortic stenosis" in text and "bleeding disorder" in text and "stomach ulcer" in text


def test_oxycodone_breastfeeding_not_recommended(guides):
    assert "breastfeeding is not recommended" in _text(guides["oxycodone"])


def test_amoxicillin_cephalexin_note_warns_about_serious_penicillin_allergy(guides):
    alts = _text(guides["amoxicillin"], "alternatives")
    assert re.search(r"Cephalexin:.*may not suit people with a serious penicillin allergy", alts)


def test_alprazolam_names_talking_therapy(guides):
    assert "cognitive behavioural therapy (CBT)" in _text(guides["alprazolam"], "alternatives")


def test_semaglutide_makes_no_ozempic_tablets_claim(guides):
    article = guides["semaglutide"]
    assert "Ozempic tablets" not in _text(article)
    rybelsus = next(b for b in article.brand_names if b.name == "Rybelsus")
    assert not rybelsus.discontinued and "separate product" in (rybelsus.form or "")


def test_a_claim_about_diazepam_cites_a_diazepam_source(guides):
    article = guides["baclofen"]
    ids = {s.id: s.title for s in article.sources}
    block = next(b for b in article.section("vs-diazepam").blocks if "slow your breathing" in (b.text or ""))
    assert any("iazepam" in ids[c] for c in block.citations)


# --- honest source dates -----------------------------------------------------------------

def test_sources_say_plainly_they_were_not_rechecked(guides):
    article = guides["baclofen"]
    assert all(s.date is None for s in article.sources)  # nobody re-read a source: no "checked" date
    assert "has not been checked against the current labels since then" in article.checked_note
    html = to_html(article)
    assert "26 November 2026" in html and "2026-11-26" not in html.split('id="sources"')[1]


def test_a_source_checked_by_a_person_shows_that_date(tmp_path):
    data = baclofen_data()
    data["sources"][0]["checked"] = "2026-12-01"
    (m,) = [compose_article(mm) for mm in _read(write_monograph(tmp_path, data))]
    assert "checked against this source on 2026-12-01" in to_markdown(m)
    assert "have not been checked against their current version" in m.checked_note


def _read(path):
    from healthlib.readers.curated import read_monograph

    return [read_monograph(path)]


# --- placebo figures and groups from the data (part 2) ---------------------------------------

def test_atorvastatin_rates_sit_beside_the_dummy_pill_rates(guides):
    items = [i for b in guides["atorvastatin"].section("side-effects").blocks for i in b.items or []]
    cold = next(i for i in items if i.text.startswith("Cold-like"))
    assert cold.frequency == "about 8 in 100 people; 8 in 100 on a dummy pill too"
    joint = next(i for i in items if i.text.startswith("Joint pain"))
    assert joint.frequency == "about 7 in 100 people; 7 in 100 on a dummy pill too"  # 6.9 vs 6.5


def test_side_effect_groups_follow_the_figures(tmp_path):
    data = baclofen_data()
    data["side_effects"]["common"].append(
        {"name": "fainting", "frequency": "0.5 in 100 people", "percent": 0.5, "placebo_percent": 0.2,
         "cite": ["fda-baclofen-tablets"]})
    (article,) = [compose_article(m) for m in _read(write_monograph(tmp_path, data))]
    blocks = article.section("side-effects").blocks
    lead = next(i for i, b in enumerate(blocks) if (b.text or "").startswith("Less common"))
    assert [i.text for i in blocks[lead + 1].items] == ["Fainting"]
    assert blocks[lead + 1].items[0].frequency == "0.5 in 100 people; 0.2 in 100 on a dummy pill"
    main = next(b for b in blocks if b.type == "list" and b.items[0].text == "Sleepiness")
    assert "Fainting" not in [i.text for i in main.items]
