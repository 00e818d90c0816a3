"""Scratch space for one import, on disk instead of in memory.

A bulk import reads ~150,000 labels into a few thousand guides. Holding every label's source
and every composed guide in memory would grow with the corpus, so the import keeps them in a
private temporary SQLite database instead (`storage.open_scratch`), which SQLite deletes when
it is closed (and whose file is already unlinked, so even a killed import leaves nothing
behind). Only small per-guide facts stay in memory.

    with Staging() as staging:
        grouper = Grouper(reload=..., refs=staging.refs)   # labels as sources, per medicine
        for n, m in grouper.iter_monographs():
            staging.add_guide(n, m)                        # composed later, one at a time
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from healthlib.library.storage import open_scratch
from healthlib.model.monograph import BrandName, Monograph, Pill, Source
from healthlib.readers.grouping import LabelRef, ingredient_key

BATCH = 2_000  # rows written at a time


def key_text(key: tuple[str, ...]) -> str:
    return "\x1f".join(key)


class SqliteRefs:
    """A grouping.RefStore in the scratch database: per medicine and set id, the newest label."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._pending: list[tuple[str, str, str, str, str | None, str]] = []
        conn.execute("CREATE TABLE refs (seq INTEGER PRIMARY KEY, key TEXT NOT NULL, set_id TEXT NOT NULL, "
                     "effective TEXT NOT NULL, source TEXT NOT NULL, brand TEXT, pills TEXT NOT NULL, "
                     "UNIQUE (key, set_id))")

    def put(self, key: tuple[str, ...], set_id: str, effective: dt.date | None,
            make: Callable[[], LabelRef]) -> None:
        ref = make()
        self._pending.append((key_text(key), set_id, effective.isoformat() if effective else "",
                              ref.source.model_dump_json(), ref.brand.model_dump_json() if ref.brand else None,
                              json.dumps([p.model_dump(mode="json") for p in ref.pills])))
        if len(self._pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if self._pending:
            # a later label with the same set id replaces the kept one unless it is older;
            # the row keeps its place (seq), as a dict entry would
            self._conn.executemany(
                "INSERT INTO refs (key, set_id, effective, source, brand, pills) VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (key, set_id) DO UPDATE SET effective = excluded.effective, "
                "source = excluded.source, brand = excluded.brand, pills = excluded.pills "
                "WHERE excluded.effective >= refs.effective",
                self._pending)
            self._pending.clear()

    def refs(self, key: tuple[str, ...]) -> Iterable[LabelRef]:
        self.flush()
        rows = self._conn.execute("SELECT source, brand, pills FROM refs WHERE key = ? ORDER BY seq",
                                  (key_text(key),))
        return [LabelRef(Source.model_validate_json(s), BrandName.model_validate_json(b) if b else None,
                         [Pill.model_validate(p) for p in json.loads(pills)])
                for s, b, pills in rows]


@dataclass(frozen=True)
class StagedGuide:
    """What planning a merge needs to know of an imported guide, without its facts."""

    seq: int
    slug: str
    title: str
    key: tuple[str, ...]


class Staging:
    """The scratch database of one import: label refs and the imported guides, in order."""

    def __init__(self) -> None:
        self.conn = open_scratch()  # private, on disk, deleted on close
        self.refs = SqliteRefs(self.conn)
        self.conn.execute("CREATE TABLE guides (seq INTEGER PRIMARY KEY, slug TEXT NOT NULL, title TEXT NOT NULL, "
                          "key TEXT NOT NULL, json TEXT NOT NULL)")
        self.count = 0

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        self.conn.close()

    def add_guide(self, seq: int, m: Monograph) -> None:
        """Keep an imported guide; `seq` orders the guides (the medicine's first-seen place)."""
        self.conn.execute("INSERT INTO guides VALUES (?, ?, ?, ?, ?)",
                          (seq, m.slug, m.title, key_text(guide_key(m)), m.model_dump_json(by_alias=True)))
        self.count += 1

    def guides(self) -> Iterator[StagedGuide]:
        """Every imported guide in order: slugs, titles and keys only."""
        for seq, slug, title, key in self.conn.execute("SELECT seq, slug, title, key FROM guides ORDER BY seq"):
            yield StagedGuide(seq, slug, title, tuple(key.split("\x1f")) if key else ())

    def guide(self, seq: int) -> Monograph:
        row = self.conn.execute("SELECT json FROM guides WHERE seq = ?", (seq,)).fetchone()
        return Monograph.model_validate_json(row[0])


def guide_key(m: Monograph) -> tuple[str, ...]:
    """The medicine a guide is about, as its set of base ingredients (one guide per key)."""
    return ingredient_key(m.ingredients or [m.generic_name])
