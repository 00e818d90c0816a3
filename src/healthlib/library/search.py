"""Search that forgives a worried person: names first, then conditions, then words in the text.

Order of results: exact generic/brand names, near misspellings of names, conditions the guide
treats, then full-text matches ranked by FTS5's bm25. A brand leads to its generic guide.
"""

from __future__ import annotations

import re
from itertools import chain

from pydantic import BaseModel

from healthlib.compose.phrasing import split_sentences
from healthlib.library.query import Library
from healthlib.model.names import normalize
from healthlib.model.urls import guide_url

MAX_QUERY = 200  # characters; longer input is cut, not rejected
RANKED_MATCHES = 500  # full-text matches scored per search (see _text_matches)
_FILLER = {"my", "the", "a", "an", "for", "of", "pill", "pills", "tablet", "tablets", "medicine",
           "medication", "drug", "what", "is", "about", "info", "information"}


class SearchHit(BaseModel):
    slug: str
    title: str
    drug_class: str
    summary: str
    match: str  # generic | brand | misspelling | ingredient | condition | text
    matched: str  # the name, condition or words that matched
    url: str
    mention: str | None = None  # for a text match: the guide's sentence that has the words

    @property
    def is_mention(self) -> bool:
        """Only mentions the words: not a medicine for them, and never shown as one."""
        return self.match == "text"


class SearchResponse(BaseModel):
    query: str
    results: list[SearchHit]
    did_you_mean: str | None = None


class Suggestion(BaseModel):
    name: str
    slug: str
    kind: str
    url: str


def clean_query(text: str) -> str:
    return " ".join(text[:MAX_QUERY].split())


def search(lib: Library, query: str, limit: int = 20) -> SearchResponse:
    query = clean_query(query)
    norm = normalize(query)
    if not norm:
        return SearchResponse(query=query, results=[])
    words = [w for w in norm.split() if w not in _FILLER] or norm.split()
    core = " ".join(words)
    hits: dict[str, tuple[float, str, str]] = {}  # slug -> (rank, match kind, matched text)

    def add(slug: str, rank: float, kind: str, matched: str) -> None:
        if slug not in hits or rank < hits[slug][0]:
            hits[slug] = (rank, kind, matched)

    for candidate in {norm, core}:
        for n in lib.exact(candidate):
            add(n.slug, 0 if n.kind != "condition" else 3, n.kind, n.name)
    # each word may be a name: "baclofen and zanaflex"
    for word in words:
        for n in lib.exact(word):
            if n.kind != "condition":
                add(n.slug, 0.5, n.kind, n.name)
    # near names: only those scoring 72 or more become results, so no lower cutoff is asked
    # for (a higher cutoff compares fewer names); "did you mean" below asks for 50 when needed
    close = lib.fuzzy(core, limit=5, cutoff=72)
    for n, score in close:
        if score < 72:
            continue
        if n.kind == "condition":
            add(n.slug, 3.2 + (100 - score) / 100, "condition", n.name)
        else:
            add(n.slug, 1 + (100 - score) / 100, n.kind, n.name)
    if len(core) >= 4:
        # A common word ("pain") is in thousands of condition names of a big library: all of
        # them rank alike (then by slug), so only the first `limit` by slug can be shown.
        loose: dict[str, str] = {}  # slug -> the first condition name that matched
        for n in lib.conditions_containing(core):
            if n.norm == core:
                add(n.slug, 3, "condition", n.name)
            else:
                loose.setdefault(n.slug, n.name)
        for n in lib.conditions_like(core):  # any word order, small misspellings
            loose.setdefault(n.slug, n.name)
        shown = 0
        for slug in sorted(loose):
            if slug in hits and hits[slug][0] < 3.3:
                continue
            add(slug, 3.3, "condition", loose[slug])
            shown += 1
            if shown >= limit:
                break
    text_rows: dict[str, int] = {}  # slug -> its full-text row, to read its words by rowid
    for rank, (slug, rowid) in enumerate(_text_matches(lib, words, limit=limit)):
        add(slug, 5 + rank / 100, "text", core)
        text_rows[slug] = rowid

    # "Did you mean": when the best result is a near spelling of a name, or nothing matched.
    did_you_mean = None
    ranked = sorted(hits.values(), key=lambda h: h[0])
    if ranked and 1 <= ranked[0][0] < 3:
        did_you_mean = ranked[0][2]
    elif not ranked and (close := close or lib.fuzzy(core, limit=5, cutoff=50)):
        did_you_mean = lib.titles()[close[0][0].slug]

    summaries = lib.summaries(list(hits))
    ordered = sorted(hits.items(), key=lambda h: (h[1][0], h[0]))[:limit]
    mentions = _mentions(lib, [text_rows[slug] for slug, (_, kind, _) in ordered if kind == "text"], words)
    results = []
    for slug, (_, kind, matched) in ordered:
        g = summaries.get(slug)
        if g is None:
            continue
        if kind == "text" and slug not in mentions:
            continue  # the words are only in a name or heading: nothing to show the reader
        results.append(SearchHit(slug=slug, title=g.title, drug_class=g.drug_class, summary=g.summary,
                                 match=kind, matched=matched, url=guide_url(slug), mention=mentions.get(slug)))
    return SearchResponse(query=query, results=results, did_you_mean=did_you_mean)


def _mentions(lib: Library, rowids: list[int], words: list[str]) -> dict[str, str]:
    """The first sentence of each guide that holds every searched word (any ending:
    "spasms" finds "spasm"), so a mention is shown as what it is."""
    terms = [w for w in words if len(w) >= 3 and re.fullmatch(r"[a-z0-9]+", w)]
    if not rowids or not terms:
        return {}
    stems = [re.compile(rf"\b{re.escape(t[:max(4, len(t) - 2)])}", re.I) for t in terms]
    marks = ",".join("?" * len(rowids))
    # by rowid: the slug column of the full-text table has no index (a scan of every guide)
    rows = lib.conn().execute(f"SELECT slug, body FROM guide_text WHERE rowid IN ({marks})", rowids).fetchall()
    found: dict[str, str] = {}
    for slug, body in rows:
        for line in (body or "").split("\n"):
            if not all(p.search(line) for p in stems):
                continue  # most lines: no sentence of them can hold every word
            hit = next((s for s in split_sentences(line) if all(p.search(s) for p in stems)), None)
            if hit:
                found[slug] = hit
                break
    return found


def _text_matches(lib: Library, words: list[str], limit: int) -> list[tuple[str, int]]:
    """(slug, full-text rowid) of the best `limit` guides holding every word."""
    terms = [w for w in words if len(w) >= 3 and re.fullmatch(r"[a-z0-9]+", w)]
    if not terms:
        return []
    # quoted terms: user text can never become FTS5 syntax
    expr = " AND ".join(f'"{t}"' for t in terms)
    conn = lib.conn()
    # Rank at most the first RANKED_MATCHES matching guides (in build order: curated guides
    # first). A common word matches nearly every guide of a big library, and scoring them all
    # costs tens of milliseconds; finding where the first RANKED_MATCHES end costs almost nothing.
    last = conn.execute("SELECT rowid FROM guide_text WHERE guide_text MATCH ? LIMIT 1 OFFSET ?",
                        (expr, RANKED_MATCHES - 1)).fetchone()
    bound = " AND rowid <= ?" if last else ""
    rows = conn.execute(
        f"SELECT slug, rowid FROM guide_text WHERE guide_text MATCH ?{bound} ORDER BY bm25(guide_text, 0, 10, 5, 1) "
        "LIMIT ?", (expr, *(last or ()), limit)).fetchall()
    return [(r[0], r[1]) for r in rows]


def autocomplete(lib: Library, prefix: str, limit: int = 8) -> list[Suggestion]:
    """Names starting with what was typed (then containing it), for the search box."""
    norm = normalize(clean_query(prefix))
    if not norm:
        return []
    starts = lib.names_starting(norm)
    inside = lib.names_containing(norm) if len(norm) >= 3 else []
    out: list[Suggestion] = []
    seen: set[tuple[str, str]] = set()
    for n in chain(starts, (n for n in inside if not n.norm.startswith(norm))):
        if n.kind == "misspelling":
            continue
        key = (n.norm, n.slug)
        if key in seen:
            continue
        seen.add(key)
        out.append(Suggestion(name=n.name, slug=n.slug, kind=n.kind, url=guide_url(n.slug)))
        if len(out) >= limit:
            break
    return out
