"""Search as a worried person meets it (issue 10, part 6): medicines for the condition first and
apart; guides that only mention the words under their own heading, each with its sentence."""

from __future__ import annotations

import re

from healthlib.library.search import search


def _split(page: str) -> tuple[str, str]:
    head, _, mentions = page.partition('id="h-mentions"')
    return head, mentions


def test_blood_thinner_shows_blood_thinners_apart_from_mentions(web_client, library):
    page = web_client.get("/search", params={"q": "blood thinner"}).text
    found, mentions = _split(page)
    for slug in ("warfarin", "apixaban", "rivaroxaban"):
        assert f'href="/drugs/{slug}"' in found
    for slug in ("amoxicillin", "levothyroxine", "escitalopram"):
        assert f'href="/drugs/{slug}"' not in found  # never listed as if it were a treatment
    assert "only mention the words" in mentions
    assert re.search(r'href="/drugs/levothyroxine">Levothyroxine</a>: <q>[^<]*blood thinner[^<]*</q>', mentions)
    hits = search(library, "blood thinner").results
    assert all(h.mention and "blood thinner" in h.mention.lower() for h in hits if h.is_mention)
    firsts = [h.is_mention for h in hits]
    assert firsts == sorted(firsts)  # every real match before any mention


def test_muscle_spasms_never_lists_amlodipine_as_a_treatment(web_client):
    found, mentions = _split(web_client.get("/search", params={"q": "muscle spasms"}).text)
    for slug in ("baclofen", "tizanidine", "cyclobenzaprine"):
        assert f'href="/drugs/{slug}"' in found
    for slug in ("amlodipine", "omeprazole", "alendronate"):
        assert f'href="/drugs/{slug}"' not in found
    if 'href="/drugs/amlodipine"' in mentions:
        assert re.search(r'Amlodipine</a>: <q>[^<]*spasm', mentions)
