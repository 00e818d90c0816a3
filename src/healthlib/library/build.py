"""Build the library: Monographs -> composed Articles in a new SQLite file, swapped in atomically.

The new library is written to a temporary file beside the old one and only replaces it with
`os.replace` once it is complete and checked, so a failed or interrupted build leaves the
previous library serving untouched. Readers that already have the old file open keep reading
it until they reopen.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from pydantic import ValidationError

from healthlib.compose.article import article_text, compose_article
from healthlib.compose.render import to_html, to_markdown
from healthlib.library.lock import (
    holding_write_lock,
    library_write_lock,
    remove_build_files,
    remove_stale_files,
    storage_error,
)
from healthlib.library.names import name_rows
from healthlib.library.pills import write_pills
from healthlib.library.storage import (
    SCHEMA_VERSION,
    create_library_file,
    finish_library_file,
    reading,
)
from healthlib.model.collection import LibraryCheck
from healthlib.model.errors import HealthlibError
from healthlib.model.monograph import Monograph
from healthlib.model.names import slugify
from healthlib.readers.curated import builtin_paths, read_builtin


@dataclass(frozen=True)
class BuildReport:
    path: Path
    guides: int
    curated: int
    imported: int


DB_ENV = "HEALTHLIB_DB"  # the one setting for the library file: CLI, web workers and tests read it


def default_db_path() -> Path:
    """$HEALTHLIB_DB, or the per-user data folder ($XDG_DATA_HOME/healthlib/library.db)."""
    if env := os.environ.get(DB_ENV):
        return Path(env)
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "healthlib" / "library.db"


def builtin_fingerprint() -> str:
    """A hash of the shipped monographs and schema, so an upgraded package rebuilds the library."""
    digest = hashlib.sha256(SCHEMA_VERSION.encode())
    for path in builtin_paths():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def build_library(db_path: Path, monographs: Iterable[Monograph], *,
                  progress: Callable[[int, int], None] | None = None) -> BuildReport:
    """Compose every monograph into a new library file and swap it in; HealthlibError on failure.

    Streams: the monographs are written to the new file as they come (one pass), checked as a
    library, then read back one at a time to be composed (second pass), so memory holds one
    guide plus each guide's slug and title, however large the library. `progress(done, total)`
    is called as guides are composed."""
    db_path = Path(db_path)
    tmp = db_path.with_name(f".{db_path.name}.building-{os.getpid()}")
    # one writer at a time (lock.py); a full disk or read-only folder is one line, not a traceback
    with library_write_lock(db_path):
        remove_stale_files(db_path)
        try:
            tmp.unlink(missing_ok=True)
            guides, curated = _write(tmp, monographs, progress)
            os.replace(tmp, db_path)
        except (OSError, sqlite3.Error) as exc:
            remove_build_files(tmp)
            raise storage_error(exc, db_path, "write the library") from None
        except BaseException:
            remove_build_files(tmp)
            raise
    return BuildReport(db_path, guides, curated, guides - curated)


@holding_write_lock  # the imported guides read here must still be there at the swap
def build_builtin(db_path: Path) -> BuildReport:
    """Rebuild from the shipped monographs, keeping guides imported from labels earlier."""
    builtin = list(read_builtin())
    slugs = {m.slug for m in builtin}
    imported = (m for m in iter_stored_monographs(db_path) if m.origin == "label" and m.slug not in slugs)
    return build_library(db_path, chain(builtin, imported))


def _query(db_path: Path, sql: str) -> list[tuple]:
    """Rows of one read-only query on a library file (closed straight after)."""
    with reading(db_path) as conn:
        return conn.execute(sql).fetchall()


def stored_monographs(db_path: Path) -> list[Monograph]:
    """The monographs a library was built from (curated and imported); empty if there is none."""
    return list(iter_stored_monographs(db_path))


def iter_stored_monographs(db_path: Path) -> Iterator[Monograph]:
    """The stored monographs one at a time, in slug order (a large library never sits in memory)."""
    if not Path(db_path).exists():
        return
    try:
        with reading(db_path) as conn:
            for (raw,) in conn.execute("SELECT json FROM monographs ORDER BY slug"):
                yield Monograph.model_validate_json(raw)
    except (sqlite3.Error, ValidationError) as exc:
        raise HealthlibError(f"cannot read the existing library ({exc})", file=str(db_path)) from None


def library_fingerprint(db_path: Path) -> str | None:
    try:
        rows = _query(db_path, "SELECT value FROM meta WHERE key = 'builtin'")
    except sqlite3.Error:
        return None
    return rows[0][0] if rows else None


def ensure_library(db_path: Path) -> Path:
    """Build the library on first use, and again when the shipped monographs have changed."""
    db_path = Path(db_path)
    if not db_path.exists() or library_fingerprint(db_path) != builtin_fingerprint():
        with library_write_lock(db_path):  # another process may have just built it
            if not db_path.exists() or library_fingerprint(db_path) != builtin_fingerprint():
                build_builtin(db_path)
    return db_path


def _within_library(m: Monograph, slugs: set[str]) -> Monograph:
    """Alternatives and comparisons only with guides this library has (`check` flags the rest),
    for composing: the guide names, compares and links to only what a reader can open."""
    alts = [a for a in m.alternatives if a.slug in slugs]
    comps = [c for c in m.comparisons if c.slug in slugs]
    if len(alts) != len(m.alternatives) or len(comps) != len(m.comparisons):
        m = m.model_copy(update={"alternatives": alts, "comparisons": comps})
    return m


def _write(path: Path, monographs: Iterable[Monograph],
           progress: Callable[[int, int], None] | None) -> tuple[int, int]:
    """Both passes into the new file, in one transaction; (guides, curated guides)."""
    conn = create_library_file(path)
    try:
        with conn:
            conn.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            conn.execute("INSERT INTO meta VALUES ('builtin', ?)", (builtin_fingerprint(),))
            # pass 1: store each monograph as it comes; keep slug and title, check as a library
            titles: dict[str, str] = {}
            check = LibraryCheck(curated=False)
            curated = 0
            for m in monographs:
                if m.slug in titles:
                    raise HealthlibError("two guides share this slug", file=f"monograph {m.slug}", field="slug")
                titles[m.slug] = m.title
                curated += m.origin == "curated"
                check.add(m)
                conn.execute("INSERT INTO monographs VALUES (?, ?, ?)",
                             (m.slug, m.origin, m.model_dump_json(by_alias=True)))
            # links to guides the library lacks are dropped below, not errors
            problems = check.problems(links=False)
            if problems:
                slug, field, problem = problems[0]
                raise HealthlibError(problem, file=f"monograph {slug}", field=field)
            # pass 2: read back in batches, compose and write one guide at a time
            slugs = set(titles)
            done, last = 0, 0
            while batch := conn.execute("SELECT rowid, json FROM monographs WHERE rowid > ? ORDER BY rowid "
                                        "LIMIT 256", (last,)).fetchall():
                for _, raw in batch:
                    # the stored monograph keeps every link: a later import that adds the
                    # target brings its comparison and link back
                    _insert(conn, _within_library(Monograph.model_validate_json(raw), slugs), titles)
                    done += 1
                    if progress:
                        progress(done, len(titles))
                last = batch[-1][0]
            conn.execute("INSERT INTO guide_text (guide_text) VALUES ('optimize')")  # one b-tree: faster search
            # the pill finder's tables (library/pills.py), from the monographs just stored
            write_pills(conn, (Monograph.model_validate_json(raw)
                               for (raw,) in conn.execute("SELECT json FROM monographs ORDER BY rowid")))
        finish_library_file(conn)
    finally:
        conn.close()
    return len(titles), curated


def _insert(conn: sqlite3.Connection, m: Monograph, titles: dict[str, str]) -> None:
    article = compose_article(m, titles)
    brands = [b.name for b in m.brand_names]
    conn.execute(
        "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (m.slug, article.title, m.generic_name, article.drug_class, m.class_name,
         slugify(m.class_name) if m.class_name else None, m.rx_status, article.summary,
         article.updated, article.readability.fk_grade, article.readability.words, m.origin,
         json.dumps(brands), article.model_dump_json(),
         to_html(article, titles, [a.slug for a in m.alternatives]), to_markdown(article)))
    conn.executemany("INSERT INTO names VALUES (?, ?, ?, ?)", name_rows(m))
    conn.executemany("INSERT INTO conditions VALUES (?, ?, ?)",
                     [(slugify(c), c, m.slug) for c in article.conditions])
    # each "vs-<other>" section, so listing comparisons never reads every guide's JSON
    conn.executemany("INSERT INTO comparisons VALUES (?, ?, ?)",
                     [(m.slug, sec.id[3:], n) for n, sec in enumerate(article.sections) if sec.id.startswith("vs-")])
    conn.execute("INSERT INTO guide_text VALUES (?, ?, ?, ?)",
                 (m.slug, article.title, " ".join([*brands, *article.conditions]),
                  article_text(article)))
