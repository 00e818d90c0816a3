"""Reading the library: guides, names, lists, classes, conditions and comparisons.

Every surface (CLI, web, API, ask) reads through `Library`. It opens the SQLite file
read-only, one connection per thread, and reopens when a rebuild has swapped in a new file, so
a rebuild never interrupts a request.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from healthlib.compose.compare import compose_comparison
from healthlib.library.integrity import (
    LibraryUnavailable,
    damaged_message,
    looks_complete,
    report_damaged,
)
from healthlib.library.name_index import NameIndex
from healthlib.model.article import Article
from healthlib.model.comparison import Comparison
from healthlib.model.errors import HealthlibError, UnknownMedicine
from healthlib.model.monograph import Monograph
from healthlib.model.names import normalize

# A typed name this close to a known name (0-100) is taken to mean it: "baclophen", "lipitr".
FUZZY_ACCEPT = 80
NAME_KIND_RANK = {"generic": 0, "brand": 1, "ingredient": 2, "misspelling": 3, "condition": 4}


@dataclass(frozen=True)
class GuideSummary:
    slug: str
    title: str
    drug_class: str
    class_name: str | None
    class_slug: str | None
    rx_status: str
    summary: str
    brand_names: list[str]
    fk_grade: float
    origin: str
    updated: str


@dataclass(frozen=True)
class NameEntry:
    name: str
    norm: str
    slug: str
    kind: str


class Library:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise HealthlibError("library not found; run `healthlib build` first", file=str(self.path))
        self._local = threading.local()
        self._good_key: tuple[int, int] | None = None  # the last whole library file seen
        self._bad_key: tuple[int, int] | None = None  # a damaged one, reported once
        self._lock = threading.Lock()
        self._names_key: tuple[int, int] | None = None
        self._names: list[NameEntry] = []
        self._index = NameIndex([])  # closest spellings, prefixes, substrings of every name
        self._condition_index = NameIndex([])
        self._titles: dict[str, str] = {}
        self._by_norm: dict[str, list[NameEntry]] = {}  # exact-name lookups without a scan
        self._guides: list[GuideSummary] = []  # every guide's summary, in title order
        self._by_slug: dict[str, GuideSummary] = {}
        self._place: dict[str, int] = {}
        self._by_letter: dict[str, list[GuideSummary]] = {}  # first letter -> guides, in title order
        self._memo: dict[str, object] = {}  # whole-library lists, computed once per library file
        self._conditions: list[NameEntry] = []  # the condition names, for fuzzy condition search
        self._condition_words: dict[str, list[int]] = {}

    # -- connection, reopened when the file is swapped -------------------------------------
    def _file_key(self) -> tuple[int, int]:
        """The library file's identity; a damaged file in place keeps the last whole one's
        (integrity.py), so what was read from it is still served."""
        st = os.stat(self.path)
        key = st.st_ino, st.st_mtime_ns
        if key != self._good_key:
            if key != self._bad_key and looks_complete(self.path, st.st_size):
                self._good_key = key
            else:
                if key != self._bad_key:
                    self._bad_key = key
                    report_damaged(self.path)
                if self._good_key is None:
                    raise LibraryUnavailable(damaged_message(self.path))
                return self._good_key
        return key

    def conn(self) -> sqlite3.Connection:
        key = self._file_key()
        local = self._local
        if getattr(local, "key", None) != key:
            if getattr(local, "conn", None) is not None:
                local.conn.close()
            # immutable: the file is never written in place (rebuilds swap in a new file)
            local.conn = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True,
                                         check_same_thread=False)
            local.key = key
        return local.conn

    @property
    def version(self) -> str:
        """Changes whenever a new library file is swapped in (for caches and ETags)."""
        try:
            ino, mtime = self._file_key()
        except LibraryUnavailable:
            return "unavailable"
        return f"{ino:x}-{mtime:x}"

    def _load_names(self) -> None:
        key = self._file_key()
        if self._names_key == key:
            return
        with self._lock:
            if self._names_key == key:
                return
            conn = self.conn()
            names = [NameEntry(*row) for row in conn.execute("SELECT name, norm, slug, kind FROM names")]
            names.sort(key=lambda n: (NAME_KIND_RANK.get(n.kind, 9), n.norm))
            by_norm: dict[str, list[NameEntry]] = {}
            for n in names:  # in rank order, like the list
                by_norm.setdefault(n.norm, []).append(n)
            rows = conn.execute(
                "SELECT slug, title, drug_class, class_name, class_slug, rx_status, summary, brands, "
                "fk_grade, origin, updated FROM articles ORDER BY title COLLATE NOCASE").fetchall()
            self._guides = [GuideSummary(r[0], r[1], r[2], r[3], r[4], r[5], r[6], json.loads(r[7]),
                                         r[8], r[9], r[10]) for r in rows]
            self._titles = {g.slug: g.title for g in self._guides}
            self._by_slug = {g.slug: g for g in self._guides}
            self._place = {g.slug: n for n, g in enumerate(self._guides)}  # title order
            by_letter: dict[str, list[GuideSummary]] = {}
            for g in self._guides:
                by_letter.setdefault(g.title[:1].upper(), []).append(g)
            self._by_letter = by_letter
            self._memo = {}
            self._by_norm = by_norm
            self._conditions = [n for n in names if n.kind == "condition"]
            self._condition_words = {}  # each condition's words sorted -> positions: order-free matching
            for i, n in enumerate(self._conditions):
                self._condition_words.setdefault(" ".join(sorted(n.norm.split())), []).append(i)
            self._condition_index = NameIndex([n.norm for n in self._conditions])
            self._index = NameIndex([n.norm for n in names])
            self._names, self._names_key = names, key

    # -- guides -------------------------------------------------------------------------------
    def titles(self) -> dict[str, str]:
        self._load_names()
        return self._titles

    def has(self, slug: str) -> bool:
        return slug in self.titles()

    def article_json(self, slug: str) -> str | None:
        row = self.conn().execute("SELECT json FROM articles WHERE slug = ?", (slug,)).fetchone()
        return row[0] if row else None

    def article(self, slug: str) -> Article | None:
        raw = self.article_json(slug)
        return Article.model_validate_json(raw) if raw else None

    def article_html(self, slug: str) -> str | None:
        row = self.conn().execute("SELECT html FROM articles WHERE slug = ?", (slug,)).fetchone()
        return row[0] if row else None

    def article_markdown(self, slug: str) -> str | None:
        row = self.conn().execute("SELECT markdown FROM articles WHERE slug = ?", (slug,)).fetchone()
        return row[0] if row else None

    def monograph(self, slug: str) -> Monograph | None:
        row = self.conn().execute("SELECT json FROM monographs WHERE slug = ?", (slug,)).fetchone()
        return Monograph.model_validate_json(row[0]) if row else None

    def alternative_slugs(self, slug: str) -> list[str]:
        """The guides a guide names as alternatives (read from its monograph without parsing it all)."""
        row = self.conn().execute("SELECT json_extract(json, '$.alternatives') FROM monographs WHERE slug = ?",
                                  (slug,)).fetchone()
        return [a["slug"] for a in json.loads(row[0])] if row and row[0] else []

    def guides(self, letter: str | None = None) -> list[GuideSummary]:
        """Every guide's summary in title order (read once per library file), or one letter's."""
        self._load_names()
        if letter:
            return self._by_letter.get(letter.upper()[:1], [])
        return self._guides

    def summaries(self, slugs: list[str]) -> dict[str, GuideSummary]:
        self._load_names()
        return {slug: self._by_slug[slug] for slug in slugs if slug in self._by_slug}

    def _memoized(self, name: str, compute: Callable[[], object]) -> Any:
        """A whole-library list computed once per library file (a 10,000-guide library makes
        each a scan worth skipping on every page)."""
        self._load_names()
        memo = self._memo
        if name not in memo:
            memo[name] = compute()
        return memo[name]

    def condition_names(self) -> list[NameEntry]:
        self._load_names()
        return self._conditions

    def conditions_like(self, text: str, cutoff: float = 90) -> list[NameEntry]:
        """Conditions whose words match `text` in any order, allowing small misspellings."""
        self._load_names()
        words = " ".join(sorted(normalize(text).split()))
        found = process.extract(words, list(self._condition_words), scorer=fuzz.ratio, score_cutoff=cutoff,
                                limit=None)
        ranked = sorted((-score, i) for spelling, score, _ in found for i in self._condition_words[spelling])
        return [self._conditions[i] for _, i in ranked]

    def letters(self) -> list[str]:
        self._load_names()
        return sorted(self._by_letter)

    # -- classes and conditions -------------------------------------------------------------
    def classes(self) -> list[tuple[str, str, int]]:
        """(slug, name, number of guides) for every drug class."""
        return self._memoized("classes", lambda: [tuple(r) for r in self.conn().execute(
            "SELECT class_slug, class_name, count(*) FROM articles WHERE class_slug IS NOT NULL "
            "GROUP BY class_slug ORDER BY class_name COLLATE NOCASE")])

    def class_guides(self, class_slug: str) -> tuple[str, list[GuideSummary]] | None:
        def by_class() -> dict[str, list[GuideSummary]]:
            found: dict[str, list[GuideSummary]] = {}
            for g in self.guides():
                if g.class_slug:
                    found.setdefault(g.class_slug, []).append(g)
            return found
        guides = self._memoized("class_guides", by_class).get(class_slug)
        return (guides[0].class_name or class_slug, guides) if guides else None

    def conditions(self) -> list[tuple[str, str, int]]:
        """(slug, name, number of guides) for every condition a guide treats."""
        return self._memoized("conditions", lambda: [tuple(r) for r in self.conn().execute(
            "SELECT slug, min(name), count(DISTINCT drug_slug) FROM conditions GROUP BY slug ORDER BY slug")])

    def condition_slugs(self) -> frozenset[str]:
        return self._memoized("condition_slugs", lambda: frozenset(c[0] for c in self.conditions()))

    def condition_guides(self, condition_slug: str) -> tuple[str, list[GuideSummary]] | None:
        rows = self.conn().execute("SELECT name, drug_slug FROM conditions WHERE slug = ?",
                                   (condition_slug,)).fetchall()
        if not rows:
            return None
        found = self.summaries([r[1] for r in rows])
        return rows[0][0], sorted(found.values(), key=lambda g: self._place[g.slug])

    def comparison_pairs(self) -> list[tuple[str, str]]:
        """(slug, other slug) for every "vs-<other>" section a guide has, in guide order."""
        return self._memoized("comparison_pairs", lambda: [(r[0], r[1]) for r in self.conn().execute(
            "SELECT c.slug, c.other FROM comparisons c JOIN articles a ON a.slug = c.slug "
            "ORDER BY a.title COLLATE NOCASE, c.position")])

    def compare(self, a: str, b: str) -> Comparison | None:
        ma, mb = self.monograph(a), self.monograph(b)
        if ma is None or mb is None:
            return None
        return compose_comparison(ma, mb)

    # -- names ----------------------------------------------------------------------------------
    def names(self) -> list[NameEntry]:
        self._load_names()
        return self._names

    def names_starting(self, prefix: str) -> list[NameEntry]:
        """Names whose normalized form starts with `prefix` (normalized), in name order."""
        self._load_names()
        return [self._names[i] for i in self._index.starting(prefix)]

    def names_containing(self, text: str) -> list[NameEntry]:
        """Names whose normalized form contains `text` (normalized), in name order."""
        self._load_names()
        return [self._names[i] for i in self._index.containing(text)]

    def conditions_containing(self, text: str) -> list[NameEntry]:
        """Condition names that contain `text` (normalized), in name order."""
        self._load_names()
        return [self._conditions[i] for i in self._condition_index.containing(text)]

    def exact(self, text: str) -> list[NameEntry]:
        self._load_names()
        return list(self._by_norm.get(normalize(text), ()))

    def fuzzy(self, text: str, limit: int = 5, cutoff: float = 60) -> list[tuple[NameEntry, float]]:
        """Closest names by spelling, best first; one entry per guide."""
        norm = normalize(text)
        if not norm:
            return []
        self._load_names()
        best: dict[str, tuple[NameEntry, float]] = {}
        for index, score in self._index.closest(norm, limit * 6, cutoff):
            entry = self._names[index]
            if entry.slug not in best or score > best[entry.slug][1]:
                best[entry.slug] = (entry, score)
        return sorted(best.values(), key=lambda e: -e[1])[:limit]

    def resolve(self, name: str) -> str:
        """The guide a typed name means (generic, brand or near misspelling), or UnknownMedicine."""
        slug = self.meant(name)
        if slug is not None:
            return slug
        close = [(n, s) for n, s in self.fuzzy(name) if n.kind != "condition"]
        raise UnknownMedicine(name, [self.titles()[n.slug] for n, _ in close[:3]] or self.suggest(name))

    def meant(self, name: str) -> str | None:
        """`resolve` without the suggestions when nothing matches: the guide, or None."""
        exact = [n for n in self.exact(name) if n.kind != "condition"]
        if exact:
            return exact[0].slug
        # only a name this close is taken to mean it: no lower cutoff needed (fewer names compared)
        close = [(n, s) for n, s in self.fuzzy(name, cutoff=FUZZY_ACCEPT) if n.kind != "condition"]
        return close[0][0].slug if close else None

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Titles of the guides whose names are closest to `name`, for "did you mean"."""
        return [self.titles()[n.slug] for n, _ in self.fuzzy(name, limit=limit, cutoff=50)]

    # -- words (for the answerer) ---------------------------------------------------------------
    def guide_words(self) -> frozenset[str]:
        """Every word the guides' text uses, lower case (read from the search index's text)."""
        words: set[str] = set()
        for (body,) in self.conn().execute("SELECT body FROM guide_text"):
            words.update(re.findall(r"[a-z0-9]+", body.lower()))
        return frozenset(words)
