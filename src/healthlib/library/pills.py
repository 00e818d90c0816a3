"""The pill finder: every product's appearance (imprint, colour, shape) in the library file, and a
search that forgives the way people type what is printed on a pill.

At build time `write_pills` stores one row per product and strength from the monographs'
`Form.pills`, with its imprint normalised three ways, each indexed:

- `imprint_key`: the letters and digits in order, everything else dropped ("VGR;50" -> "VGR50"),
- `imprint_sorted`: the same parts in sorted order ("50 VGR"), so the sides may come in any order,
- `pill_parts`: one row per part, so one side or a few parts of an imprint still find it.

`find_pills` tries, in order: the exact key, the same parts in any order, the key as a prefix
("VGR" finds "VGR 50"), then every typed part present in any order (the last may be cut short).
Colours and shapes use FDA's names from SPL (SPLCOLOR, SPLSHAPE), with everyday synonyms.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Literal

from pydantic import BaseModel, Field

from healthlib.compose.article import pill_text
from healthlib.library.query import Library
from healthlib.model.monograph import Monograph, Pill, Source
from healthlib.model.urls import guide_url

WARNING = "Don't take a pill you can't identify for sure — ask a pharmacist."
MAX_LIMIT = 200
MAX_INPUT = 60  # characters of each search field that are read

PILLS_SCHEMA = """
CREATE TABLE pills (
    id INTEGER PRIMARY KEY, slug TEXT NOT NULL, title TEXT NOT NULL, name TEXT, strength TEXT,
    strength_value REAL, form TEXT, colors TEXT NOT NULL, shape TEXT, shape_key TEXT,
    size_mm REAL, score INTEGER, imprint TEXT, imprint_key TEXT, imprint_sorted TEXT,
    labeller TEXT, ndc TEXT, set_id TEXT, source_title TEXT, source_url TEXT, cite TEXT NOT NULL
);
CREATE INDEX pills_imprint_key ON pills (imprint_key);
CREATE INDEX pills_imprint_sorted ON pills (imprint_sorted);
CREATE INDEX pills_shape ON pills (shape_key);
CREATE TABLE pill_parts (part TEXT NOT NULL, pill INTEGER NOT NULL, PRIMARY KEY (part, pill)) WITHOUT ROWID;
CREATE TABLE pill_colors (color TEXT NOT NULL, pill INTEGER NOT NULL, PRIMARY KEY (color, pill)) WITHOUT ROWID;
"""

# FDA's SPL colour and shape names (the SPLCOLOR and SPLSHAPE value sets), as the form offers them
COLORS = ("white", "yellow", "orange", "red", "pink", "purple", "blue", "turquoise", "green",
          "brown", "gray", "black")
SHAPES = ("round", "oval", "capsule", "rectangle", "square", "diamond", "triangle", "pentagon",
          "hexagon", "heptagon", "octagon", "semi-circle", "double circle", "tear", "bullet",
          "trapezoid", "clover", "gear", "freeform")
# Everyday words -> the FDA names a label may use for them (a word may fit more than one)
_COLOR_WORDS: dict[str, tuple[str, ...]] = {
    "grey": ("gray",), "violet": ("purple",), "lavender": ("purple",), "lilac": ("purple",),
    "mauve": ("purple",), "aqua": ("turquoise",), "teal": ("turquoise", "green"), "cyan": ("turquoise",),
    "offwhite": ("white",), "off white": ("white",), "ivory": ("white",), "cream": ("white", "yellow"),
    "beige": ("white", "yellow", "brown"), "tan": ("brown", "yellow"), "peach": ("orange", "pink"),
    "salmon": ("orange", "pink"), "maroon": ("red", "brown"), "gold": ("yellow",),
    "silver": ("gray",), "rose": ("pink",), "navy": ("blue",),
}
_SHAPE_WORDS: dict[str, tuple[str, ...]] = {
    "circle": ("round",), "circular": ("round",), "elliptical": ("oval",), "ellipse": ("oval",),
    "egg": ("oval",), "oblong": ("capsule", "oval"), "caplet": ("capsule",), "capsule shaped": ("capsule",),
    "rhombus": ("diamond",), "rectangular": ("rectangle",), "triangular": ("triangle",),
    "pentagonal": ("pentagon",), "5 sided": ("pentagon",), "five sided": ("pentagon",),
    "hexagonal": ("hexagon",), "6 sided": ("hexagon",), "six sided": ("hexagon",),
    "heptagonal": ("heptagon",), "7 sided": ("heptagon",), "seven sided": ("heptagon",),
    "octagonal": ("octagon",), "8 sided": ("octagon",), "eight sided": ("octagon",),
    "half circle": ("semi-circle",), "semicircle": ("semi-circle",), "semi circle": ("semi-circle",),
    "d shaped": ("semi-circle",), "teardrop": ("tear",), "tear drop": ("tear",),
    "heart": ("freeform",), "kidney": ("freeform",), "irregular": ("freeform",), "other": ("freeform",),
    "double circle": ("double circle",), "semi-circle": ("semi-circle",),
}
_SHADES = {"light", "dark", "pale", "bright", "deep", "pastel"}
_PART = re.compile(r"[A-Z]+|[0-9]+")

Match = Literal["exact", "any order", "starts with", "parts", "colour or shape"]


class PillMatch(BaseModel):
    slug: str
    title: str = Field(description="The guide's title")
    url: str = Field(description="The guide")
    name: str | None = Field(description="The product name on its label")
    strength: str | None
    form: str | None
    imprint: str | None = Field(description="What is printed or pressed on it; sides and lines split by ';'")
    colors: list[str]
    shape: str | None
    size_mm: float | None
    score: int | None = Field(description="Pieces it can be broken into along score lines; 1 = not scored")
    looks: str = Field(description="Imprint, colour, shape, size and score in words")
    labeller: str | None = Field(description="The firm whose label lists it")
    ndc: str | None = Field(description="NDC product code")
    set_id: str | None = Field(description="The label's DailyMed set id")
    source_title: str | None
    source_url: str | None
    citations: list[str]
    match: Match = Field(description="How the imprint matched: exact, any order, starts with, parts; "
                                     "'colour or shape' when no imprint was given")


class PillSearch(BaseModel):
    imprint: str | None
    color: str | None
    shape: str | None
    warning: str = Field(description="Always shown with the results")
    count: int
    results: list[PillMatch]
    notes: list[str] = Field(default_factory=list, description="Search words that were not understood")


# -- normalising what is typed ------------------------------------------------------------------

def imprint_parts(text: str) -> list[str]:
    """'vgr50' -> ['VGR', '50']; 'PD;155;10' -> ['PD', '155', '10']: letters and digits, in order."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().upper()
    return _PART.findall(text)


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def color_names(text: str) -> list[tuple[str, ...]] | None:
    """'Light blue and white' -> [('blue',), ('white',)]: each colour the pill must have, as the
    FDA names that may stand for it; None when a word is not a colour."""
    groups = []
    for chunk in re.split(r"\band\b|[,/&+]| with ", text.lower()):
        words = _words(chunk)
        words = " ".join(w for w in words.split() if w not in _SHADES and w not in {"colour", "color", "ish"})
        if not words:
            continue
        for word in (words, words[:-3] if words.endswith("ish") else words):  # "greenish"
            if word in COLORS or word in _COLOR_WORDS:
                groups.append((word,) if word in COLORS else _COLOR_WORDS[word])
                break
        else:
            return None
    return groups


def shape_key(text: str) -> str:
    """A label's shape name without its note: 'hexagon (6 sided)' -> 'hexagon'."""
    return " ".join(re.sub(r"\(.*?\)", " ", text.lower()).split())


def shape_names(text: str) -> tuple[str, ...] | None:
    """The FDA shape names a typed shape may mean ('circle' -> round); None if it is no shape."""
    words = _words(text).replace("shaped", "").strip()
    words = " ".join(words.split())
    if not words:
        return ()
    if words in SHAPES:
        return (words,)
    if words.replace(" ", "-") in SHAPES:
        return (words.replace(" ", "-"),)
    return _SHAPE_WORDS.get(words) or _SHAPE_WORDS.get(text.strip().lower())


# -- writing, at build time ---------------------------------------------------------------------

def write_pills(conn: sqlite3.Connection, monographs: Iterable[Monograph]) -> int:
    """Create the pill tables and fill them from every guide's forms; returns the rows written.
    Rows are numbered in the order results are listed (guide, strength, maker), so a search
    sorts by row id alone."""
    for statement in PILLS_SCHEMA.split(";"):  # not executescript: it would commit the build's transaction
        if statement.strip():
            conn.execute(statement)
    # keep only what a row needs (not whole guides), so a streamed build stays small
    found = []
    for m in monographs:
        sources = {s.id: s for s in m.sources}
        for form in m.forms:
            for pill in form.pills:
                source = next((sources[c] for c in pill.cite if c in sources), None)
                found.append((m.slug, m.title, form.form, pill, source))
    found.sort(key=lambda item: (item[1].lower(), _strength_value(item[3].strength) or 0.0,
                                 item[3].strength or "", (item[3].labeller or "").lower()))
    for pill_id, (slug, title, form, pill, source) in enumerate(found, start=1):
        _insert_pill(conn, pill_id, slug, title, form, pill, source)
        conn.executemany("INSERT OR IGNORE INTO pill_parts VALUES (?, ?)",
                         [(k, pill_id) for k in imprint_parts(pill.imprint or "")])
        conn.executemany("INSERT OR IGNORE INTO pill_colors VALUES (?, ?)", [(c, pill_id) for c in pill.colors])
    return len(found)


def _strength_value(strength: str | None) -> float | None:
    number = re.match(r"\s*([0-9]+(?:\.[0-9]+)?)", strength or "")
    return float(number.group(1)) if number else None


def _insert_pill(conn: sqlite3.Connection, pill_id: int, slug: str, title: str, form: str, pill: Pill,
                 source: Source | None) -> None:
    keys = imprint_parts(pill.imprint or "")
    conn.execute(
        "INSERT INTO pills VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (pill_id, slug, title, pill.name, pill.strength, _strength_value(pill.strength),
         pill.form or form, json.dumps(pill.colors), pill.shape, shape_key(pill.shape) if pill.shape else None,
         pill.size_mm, pill.score, pill.imprint, "".join(keys) or None, " ".join(sorted(keys)) or None,
         pill.labeller, pill.ndc, pill.set_id, source.title if source else None,
         source.url if source else None, json.dumps(pill.cite)))


# -- searching ----------------------------------------------------------------------------------

_COLUMNS = ("id, slug, title, name, strength, form, imprint, colors, shape, size_mm, score, labeller, "
            "ndc, set_id, source_title, source_url, cite")
_ORDER = "ORDER BY id"  # rows are numbered in listing order (see write_pills)


def _after(key: str) -> str:
    """The smallest string above every string starting with `key` (an index range for a prefix)."""
    return key[:-1] + chr(ord(key[-1]) + 1)


def _imprint_tiers(parts: list[str]) -> list[tuple[Match, str, list]]:
    key = "".join(parts)
    tiers: list[tuple[Match, str, list]] = [
        ("exact", "imprint_key = ?", [key]),
        ("any order", "imprint_sorted = ?", [" ".join(sorted(parts))]),
        ("starts with", "imprint_key >= ? AND imprint_key < ?", [key, _after(key)]),
    ]
    # every typed part on the pill, in any order; the last one may be typed only in part
    subqueries = ["SELECT pill FROM pill_parts WHERE part = ?"] * (len(parts) - 1)
    subqueries.append("SELECT pill FROM pill_parts WHERE part >= ? AND part < ?")
    args = [*parts[:-1], parts[-1], _after(parts[-1])]
    tiers.append(("parts", f"id IN ({' INTERSECT '.join(subqueries)})", args))
    return tiers


def find_pills(lib: Library, imprint: str | None = None, color: str | None = None,
               shape: str | None = None, limit: int = 50) -> PillSearch:
    """Products whose imprint, colour and shape match what was typed, best matches first.

    The imprint forgives case, spacing, punctuation and the order of its parts; colours and
    shapes take everyday words ("grey", "circle"). With no imprint, colour and shape alone list
    the matching products by name."""
    imprint = (imprint or "").strip()[:MAX_INPUT] or None
    color = (color or "").strip()[:MAX_INPUT] or None
    shape = (shape or "").strip()[:MAX_INPUT] or None
    limit = max(1, min(int(limit), MAX_LIMIT))
    notes: list[str] = []
    filters: list[str] = []
    args: list = []
    parts = imprint_parts(imprint) if imprint else []
    # With an imprint, its index leads and colour and shape only filter ("+" keeps the planner
    # from driving the search by a colour's thousands of rows); without one, they lead.
    lead = "+" if parts else ""
    if color:
        groups = color_names(color)
        if groups is None:
            notes.append(f"“{color}” is not a colour pill labels use. Try one of: {', '.join(COLORS)}.")
        for names in groups or []:
            filters.append(f"{lead}id IN (SELECT pill FROM pill_colors WHERE color IN ({_marks(names)}))")
            args.extend(names)
    if shape:
        names = shape_names(shape)
        if names is None:
            notes.append(f"“{shape}” is not a shape pill labels use. Try one of: {', '.join(SHAPES)}.")
        elif names:
            filters.append(f"{lead}shape_key IN ({_marks(names)})")
            args.extend(names)
    if imprint and not parts:
        notes.append("An imprint is the letters and numbers printed or pressed on the pill.")
    asked = bool(parts or filters)
    if notes or not asked:
        return PillSearch(imprint=imprint, color=color, shape=shape, warning=WARNING, count=0,
                          results=[], notes=notes)
    conn = lib.conn()
    found: dict[int, PillMatch] = {}
    tiers = _imprint_tiers(parts) if parts else [("colour or shape", "1", [])]
    try:
        for match, where, where_args in tiers:
            clause = " AND ".join([where, *filters])
            seen = f" AND id NOT IN ({_marks(found)})" if found else ""
            rows = conn.execute(f"SELECT {_COLUMNS} FROM pills WHERE {clause}{seen} {_ORDER} LIMIT ?",
                                [*where_args, *args, *found, limit - len(found)]).fetchall()
            for row in rows:
                found[row[0]] = _match(row, match)
            if len(found) >= limit:
                break
    except sqlite3.OperationalError as exc:
        if "no such table" not in str(exc):  # a library built before the pill finder
            raise
    results = list(found.values())
    return PillSearch(imprint=imprint, color=color, shape=shape, warning=WARNING, count=len(results),
                      results=results, notes=notes)


def _marks(items: Sequence | dict) -> str:
    return ", ".join("?" * len(items))


def _match(row: tuple, match: Match) -> PillMatch:
    (_, slug, title, name, strength, form, imprint, colors, shape, size_mm, score, labeller, ndc,
     set_id, source_title, source_url, cite) = row
    pill = Pill(imprint=imprint, colors=json.loads(colors), shape=shape, size_mm=size_mm, score=score,
                cite=json.loads(cite))
    return PillMatch(slug=slug, title=title, url=guide_url(slug), name=name, strength=strength, form=form,
                     imprint=imprint, colors=pill.colors, shape=shape, size_mm=size_mm, score=score,
                     looks=pill_text(pill), labeller=labeller, ndc=ndc, set_id=set_id,
                     source_title=source_title, source_url=source_url, citations=pill.cite, match=match)
