"""Reading the library: guides, names, lists, classes, conditions and comparisons.

Every surface (CLI, web, API, ask) reads through `Library`. It reads the SQLite file read-only,
one connection per thread, reopened when a rebuild has swapped in a new file, so a rebuild
never interrupts a request; what it derives from the file (the names and their indexes, the
whole-library lists) is remembered once per file (storage.LibraryFile, `Library.remember`).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from rapidfuzz import fuzz, process

from healthlib.compose.compare import compose_comparison
from healthlib.library.name_index import NameIndex
from healthlib.library.storage import LibraryFile
from healthlib.model.article import Article
from healthlib.model.comparison import Comparison
from healthlib.model.errors import HealthlibError, UnknownMedicine
from healthlib.model.monograph import Monograph
from healthlib.model.names import normalize

T = TypeVar("T")

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


@dataclass(frozen=True)
class _Names:
    """Every name and guide summary of one library file, with the indexes that look them up."""

    names: list[NameEntry]  # in rank order (generic, brand, ...), then by name
    index: NameIndex  # closest spellings, prefixes, substrings of every name
    by_norm: dict[str, list[NameEntry]]  # exact-name lookups without a scan
    guides: list[GuideSummary]  # every guide's summary, in title order
    titles: dict[str, str]
    by_slug: dict[str, GuideSummary]
    place: dict[str, int]  # slug -> position in title order
    by_letter: dict[str, list[GuideSummary]]  # first letter -> guides, in title order
    conditions: list[NameEntry]  # the condition names, for fuzzy condition search
    condition_index: NameIndex
    condition_words: dict[str, list[int]]  # each condition's words sorted -> positions


class Library:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise HealthlibError("library not found; run `healthlib build` first", file=str(self.path))
        self._file = LibraryFile(self.path)

    # -- the file, its connection and what is remembered from it (storage.py) -------------------
    def conn(self) -> sqlite3.Connection:
        """This thread's read-only connection to the library file in place."""
        return self._file.reader()

    @property
    def version(self) -> str:
        """Changes whenever a new library file is swapped in (for ETags and the health check)."""
        return self._file.version

    def remember(self, name: Hashable, build: Callable[[], T]) -> T:
        """`build()`'s value computed once per library file, dropped when a new file is swapped
        in: every cache of something derived from the library keeps it here."""
        return self._file.remember(name, build)

    def _names_data(self) -> _Names:
        return self._file.remember("library.names", self._read_names)

    def _read_names(self) -> _Names:
        conn = self.conn()
        names = [NameEntry(*row) for row in conn.execute("SELECT name, norm, slug, kind FROM names")]
        names.sort(key=lambda n: (NAME_KIND_RANK.get(n.kind, 9), n.norm))
        by_norm: dict[str, list[NameEntry]] = {}
        for n in names:  # in rank order, like the list
            by_norm.setdefault(n.norm, []).append(n)
        rows = conn.execute(
            "SELECT slug, title, drug_class, class_name, class_slug, rx_status, summary, brands, "
            "fk_grade, origin, updated FROM articles ORDER BY title COLLATE NOCASE").fetchall()
        guides = [GuideSummary(r[0], r[1], r[2], r[3], r[4], r[5], r[6], json.loads(r[7]), r[8], r[9], r[10])
                  for r in rows]
        by_letter: dict[str, list[GuideSummary]] = {}
        for g in guides:
            by_letter.setdefault(g.title[:1].upper(), []).append(g)
        conditions = [n for n in names if n.kind == "condition"]
        condition_words: dict[str, list[int]] = {}  # order-free matching
        for i, n in enumerate(conditions):
            condition_words.setdefault(" ".join(sorted(n.norm.split())), []).append(i)
        return _Names(names=names, index=NameIndex([n.norm for n in names]), by_norm=by_norm, guides=guides,
                      titles={g.slug: g.title for g in guides}, by_slug={g.slug: g for g in guides},
                      place={g.slug: n for n, g in enumerate(guides)}, by_letter=by_letter,
                      conditions=conditions, condition_index=NameIndex([n.norm for n in conditions]),
                      condition_words=condition_words)

    # -- guides -------------------------------------------------------------------------------
    def titles(self) -> dict[str, str]:
        return self._names_data().titles

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

    def guides(self, letter: str | None = None) -> list[GuideSummary]:
        """Every guide's summary in title order (read once per library file), or one letter's."""
        data = self._names_data()
        if letter:
            return data.by_letter.get(letter.upper()[:1], [])
        return data.guides

    def summaries(self, slugs: list[str]) -> dict[str, GuideSummary]:
        by_slug = self._names_data().by_slug
        return {slug: by_slug[slug] for slug in slugs if slug in by_slug}

    def condition_names(self) -> list[NameEntry]:
        return self._names_data().conditions

    def conditions_like(self, text: str, cutoff: float = 90) -> list[NameEntry]:
        """Conditions whose words match `text` in any order, allowing small misspellings."""
        data = self._names_data()
        words = " ".join(sorted(normalize(text).split()))
        found = process.extract(words, list(data.condition_words), scorer=fuzz.ratio, score_cutoff=cutoff,
                                limit=None)
        ranked = sorted((-score, i) for spelling, score, _ in found for i in data.condition_words[spelling])
        return [data.conditions[i] for _, i in ranked]

    def letters(self) -> list[str]:
        return sorted(self._names_data().by_letter)

    # -- classes and conditions -------------------------------------------------------------
    def classes(self) -> list[tuple[str, str, int]]:
        """(slug, name, number of guides) for every drug class."""
        return self.remember("library.classes", lambda: [tuple(r) for r in self.conn().execute(
            "SELECT class_slug, class_name, count(*) FROM articles WHERE class_slug IS NOT NULL "
            "GROUP BY class_slug ORDER BY class_name COLLATE NOCASE")])

    def class_guides(self, class_slug: str) -> tuple[str, list[GuideSummary]] | None:
        def by_class() -> dict[str, list[GuideSummary]]:
            found: dict[str, list[GuideSummary]] = {}
            for g in self.guides():
                if g.class_slug:
                    found.setdefault(g.class_slug, []).append(g)
            return found
        guides = self.remember("library.class_guides", by_class).get(class_slug)
        return (guides[0].class_name or class_slug, guides) if guides else None

    def conditions(self) -> list[tuple[str, str, int]]:
        """(slug, name, number of guides) for every condition a guide treats."""
        return self.remember("library.conditions", lambda: [tuple(r) for r in self.conn().execute(
            "SELECT slug, min(name), count(DISTINCT drug_slug) FROM conditions GROUP BY slug ORDER BY slug")])

    def condition_slugs(self) -> frozenset[str]:
        return self.remember("library.condition_slugs", lambda: frozenset(c[0] for c in self.conditions()))

    def condition_guides(self, condition_slug: str) -> tuple[str, list[GuideSummary]] | None:
        rows = self.conn().execute("SELECT name, drug_slug FROM conditions WHERE slug = ?",
                                   (condition_slug,)).fetchall()
        if not rows:
            return None
        found = self.summaries([r[1] for r in rows])
        place = self._names_data().place
        return rows[0][0], sorted(found.values(), key=lambda g: place[g.slug])

    def comparison_pairs(self) -> list[tuple[str, str]]:
        """(slug, other slug) for every "vs-<other>" section a guide has, in guide order."""
        return self.remember("library.comparison_pairs", lambda: [(r[0], r[1]) for r in self.conn().execute(
            "SELECT c.slug, c.other FROM comparisons c JOIN articles a ON a.slug = c.slug "
            "ORDER BY a.title COLLATE NOCASE, c.position")])

    def compare(self, a: str, b: str) -> Comparison | None:
        ma, mb = self.monograph(a), self.monograph(b)
        if ma is None or mb is None:
            return None
        return compose_comparison(ma, mb)

    # -- names ----------------------------------------------------------------------------------
    def names(self) -> list[NameEntry]:
        return self._names_data().names

    def names_starting(self, prefix: str) -> list[NameEntry]:
        """Names whose normalized form starts with `prefix` (normalized), in name order."""
        data = self._names_data()
        return [data.names[i] for i in data.index.starting(prefix)]

    def names_containing(self, text: str) -> list[NameEntry]:
        """Names whose normalized form contains `text` (normalized), in name order."""
        data = self._names_data()
        return [data.names[i] for i in data.index.containing(text)]

    def conditions_containing(self, text: str) -> list[NameEntry]:
        """Condition names that contain `text` (normalized), in name order."""
        data = self._names_data()
        return [data.conditions[i] for i in data.condition_index.containing(text)]

    def exact(self, text: str) -> list[NameEntry]:
        return list(self._names_data().by_norm.get(normalize(text), ()))

    def fuzzy(self, text: str, limit: int = 5, cutoff: float = 60) -> list[tuple[NameEntry, float]]:
        """Closest names by spelling, best first; one entry per guide."""
        norm = normalize(text)
        if not norm:
            return []
        data = self._names_data()
        best: dict[str, tuple[NameEntry, float]] = {}
        for index, score in data.index.closest(norm, limit * 6, cutoff):
            entry = data.names[index]
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
