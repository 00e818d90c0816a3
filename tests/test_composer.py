"""Composer output: sections in DESIGN.md order, citations on every block, warnings first."""

from __future__ import annotations

from pathlib import Path

import pytest

from healthlib.compose.article import compose_article
from healthlib.compose.readability import readability
from healthlib.compose.render import to_html, to_markdown
from healthlib.model.monograph import Monograph
from healthlib.readers.curated import read_builtin, read_monograph
from tests.helpers import BACLOFEN, baclofen_data

ORDER = ["key-facts", "what-is", "uses", "how-it-works", "how-to-take", "duration", "side-effects",
         "who-should-not-take", "brand-names", "alternatives", "vs-", "interactions", "storage", "faq"]


def _rank(section_id: str) -> int:
    return ORDER.index("vs-") if section_id.startswith("vs-") else ORDER.index(section_id)


@pytest.fixture(scope="module")
def library() -> list[Monograph]:
    return list(read_builtin())


@pytest.fixture(scope="module")
def titles(library) -> dict[str, str]:
    return {m.slug: m.title for m in library}


def test_baclofen_has_every_section_in_order(titles):
    article = compose_article(read_monograph(BACLOFEN), titles)
    ids = [s.id for s in article.sections]
    assert [i for i in ORDER if i != "vs-"] == [i for i in ids if not i.startswith("vs-")]
    assert "vs-tizanidine" in ids
    assert [_rank(i) for i in ids] == sorted(_rank(i) for i in ids)


def test_every_block_and_faq_answer_cites_a_known_source(library, titles):
    for m in library:
        article = compose_article(m, titles)
        known = {s.id for s in article.sources}
        for section in article.sections:
            for block in section.blocks:
                assert block.citations, f"{m.slug} {section.id} block has no citations"
                assert set(block.citations) <= known
                for item in block.items or []:
                    assert item.citations and set(item.citations) <= known
        for entry in article.faq:
            assert entry.citations and set(entry.citations) <= known


def test_comparisons_only_with_library_guides(titles):
    data = baclofen_data()
    data["comparisons"].append({"slug": "not-a-guide", "points": [{"text": "x y z", "cite": ["nhs-baclofen"]}]})
    m = Monograph.model_validate(data)
    # the library build drops it; the composer names the other guide by its library title
    article = compose_article(m, titles)
    vs = [s for s in article.sections if s.id.startswith("vs-")]
    assert all(s.id[3:] in titles or s.id == "vs-not-a-guide" for s in vs)
    assert article.section("vs-tizanidine").heading == "Is baclofen better than tizanidine?"


def test_warnings_come_first_in_their_sections(titles):
    article = compose_article(read_monograph(BACLOFEN), titles)
    what_is = article.section("what-is")
    assert what_is.blocks[0].type == "warning" and "boxed warning" in what_is.blocks[0].text
    duration = article.section("duration")
    assert duration.blocks[0].type == "warning" and "seizures" in duration.blocks[0].text


def test_common_side_effects_carry_frequencies(titles):
    article = compose_article(read_monograph(BACLOFEN), titles)
    lists = [b for b in article.section("side-effects").blocks if b.type == "list"]
    effects = lists[0].items
    assert effects[0].text == "Sleepiness" and effects[0].frequency and effects[0].percent == 63


def test_faq_covers_the_questions_people_ask(titles):
    article = compose_article(read_monograph(BACLOFEN), titles)
    ids = {f.id for f in article.faq}
    # stopping and alcohol are answered in their sections (and the key facts), not repeated here
    assert {"kidney", "overdose", "missed-dose", "driving", "pregnancy", "breastfeeding"} <= ids
    overdose = next(f for f in article.faq if f.id == "overdose")
    assert "1-800-222-1222" in overdose.answer


def test_section_without_facts_is_left_out(titles):
    data = baclofen_data()
    data.pop("storage")
    data.pop("disposal")
    article = compose_article(Monograph.model_validate(data), titles)
    assert article.section("storage") is None


def test_doses_rendered_exactly_as_structured(titles):
    article = compose_article(read_monograph(BACLOFEN), titles)
    table = next(b for b in article.section("how-to-take").blocks if b.type == "table")
    assert table.rows[1][:5] == ["Adults", "spasticity", "5 mg three times a day", "40 to 80 mg a day", "80 mg a day"]
    assert table.rows[1][5].startswith("The label raises each dose by 5 mg every 3 days")  # notes beside their row


def test_baclofen_reads_easier_than_the_exemplar(titles):
    article = compose_article(read_monograph(BACLOFEN), titles)
    assert article.readability.fk_grade <= 8
    assert article.readability.words > 1000


def test_prose_varies_between_guides(library, titles):
    openings = {compose_article(m, titles).section("uses").blocks[0].text.split()[1] for m in library}
    assert len(openings) > 1


def test_markdown_and_html_outputs(titles):
    article = compose_article(read_monograph(BACLOFEN), titles)
    md = to_markdown(article)
    assert md.startswith("# Baclofen") and "## Sources" in md and "[1]" in md
    html = to_html(article)
    assert '<section id="what-is"' in html and 'href="#source-fda-baclofen-tablets"' in html
    assert "<script" not in html


def test_html_escapes_text(titles):
    data = baclofen_data()
    data["summary"]["text"] = "<script>alert(1)</script> eases spasms"
    html = to_html(compose_article(Monograph.model_validate(data), titles))
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html


def test_excerpt_alone_makes_its_section(titles):
    data = baclofen_data()
    data.pop("storage")
    data.pop("disposal")
    data["label_excerpts"] = {"storage": {"text": "Store at 20 to 25 C.", "cite": ["fda-baclofen-tablets"]}}
    article = compose_article(Monograph.model_validate(data), titles)
    storage = article.section("storage")
    assert storage is not None and storage.blocks[0].type == "excerpt"
    assert [s.id for s in article.sections][-2:] == ["storage", "faq"]


SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "health-library-article-baclofen.txt"


@pytest.mark.skipif(not SEED.exists(), reason="shared/seed is not beside this checkout")
def test_baclofen_grade_is_lower_than_the_exemplar(titles):
    prose = "\n".join(line for line in SEED.read_text().splitlines() if len(line.split()) > 8)
    exemplar = readability(prose).fk_grade
    ours = compose_article(read_monograph(BACLOFEN), titles).readability.fk_grade
    assert exemplar > 10 and ours <= exemplar - 3
