"""Every medicine a question names, in the library or not: the open-world vocabulary.

Three sources, in this order of trust:
1. the library's own names (generic, brand, ingredient, misspelling) from its `names` table;
2. `data/ask-words.yaml`: abbreviations, street forms and combination brands (ASA, HCTZ,
   MST, K-Dur, Percocet -> oxycodone + acetaminophen);
3. the drug-name dictionary of `drug-named-entity-recognition` (MIT, Fast Data Science): about
   107,000 names and brand names of 20,000 medicines and substances, each resolved to one
   generic, shipped inside the package (read from its file, never downloaded).

A name found in the dictionary is a medicine even when the library has no guide for it, so
"toradol" is Ketorolac (not in this library), never a misspelled tramadol. Spelling correction
picks a library medicine only when the word is not itself a known name, the match is close,
and no other medicine is about as close (a margin); a name only the dictionary knows, with no
consumer page (MedlinePlus or NHS) in its data, blocks a guess only when it is as close.
"""

from __future__ import annotations

import bz2
import hashlib
import importlib.util
import pickle
import re
import threading
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import jellyfish
import yaml
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein

from healthlib.ask.lexicon import COMMON_WORDS, MEDICINE_WORDS
from healthlib.ask.text import STOP_WORDS, normalise
from healthlib.ask.training import cached, question_words
from healthlib.library.query import Library

FUZZY_LONG = 80  # a word of 6+ letters this close (0-100) to one name may mean it
FUZZY_SHORT = 86  # shorter words must be closer
FUZZY_OTHER_FIRST_LETTER = 90  # a slip in the first letter is rarer
FUZZY_OUTSIDE = 88  # a close spelling of a medicine the library has no guide for must be closer still
MARGIN = 6  # the best library match must beat every other medicine by this much
DICTIONARY_PACKAGE = "drug_named_entity_recognition"
_MAX_WORDS = 4
# Names said aloud and written down as ordinary words ("sir tra lean"): two to five neighbouring words
# joined, matched to a name of 5+ letters by its Metaphone key (3+ sounds: "kep rah" is Keppra). How close
# the spelling must be, by how many letters the keys differ (0, 1, 2); stricter when every word is an ordinary English word
# ("war far in" reads as English, so only a near-perfect match is taken). Set on the dictated names
# of data/ask-subject11.yaml and checked against the thousands of training questions (none found; in
# round 16, names of 5 letters and keys of 3 sounds read no new name in 11,451 training and development
# messages but the two dictated ones they were for).
SOUND_NEED = (70, 78, 88)
SOUND_NEED_ENGLISH = (80, 88, 101)
SOUND_MIN_KEY_FOR_TWO = 8  # keys two letters apart only for long names
SOUND_WORDS = (2, 5)
SOUND_MIN_NAME = 5
SOUND_MIN_KEY = 3
# a letter said by its name in a dictated name: "f x her" is "ef ex her", Effexor (only the letters whose
# name starts with a vowel sound; "a" and "i" are words)
_LETTER_NAMES = {"f": "ef", "l": "el", "m": "em", "n": "en", "s": "es", "x": "ex"}


@dataclass(frozen=True)
class Known:
    """One name the vocabulary knows."""

    display: str  # how to show it: "Ketorolac", "Percocet"
    generics: tuple[str, ...]  # normalised generic name(s) of what it contains
    source: str  # library | words | dictionary
    # the dictionary's medicine has a consumer page (MedlinePlus or NHS): a medicine people take, not
    # only a research chemical, metabolite or pesticide ("colchiceine", "kepone")
    everyday: bool = True


@dataclass(frozen=True)
class Found:
    """A medicine named in a question."""

    typed: str
    display: str  # "Toradol (ketorolac)"
    generic: str  # "ketorolac", or "oxycodone and acetaminophen"
    slugs: tuple[str, ...]  # the library guides it means; () when it has none
    kind: str  # generic | brand | ingredient | misspelling | short | dictionary | fuzzy | split | sound
    start: int
    end: int


# -- the library-independent part: word lists and the dictionary, read once ---------------------

def _data(name: str) -> dict:
    return yaml.safe_load((resources.files("healthlib") / "data" / name).read_text(encoding="utf-8"))


@cache
def ask_words() -> dict:
    return _data("ask-words.yaml")


def dictionary_path() -> Path | None:
    spec = importlib.util.find_spec(DICTIONARY_PACKAGE)
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "drug_ner_dictionary.pkl.bz2"


def _is_class(data: dict) -> bool:
    """MeSH D27 is "chemical actions and uses": a class ("Analgesics, Opioid"), not a medicine."""
    trees = data.get("mesh_tree") or []
    return bool(trees) and all(t.startswith("D27") for t in trees)


# MeSH D26.255 and D20.280 are dosage forms and aerosols ("Nasal Sprays"). The question reader
# still reads them as names (they are masked like one), but they are not a medicine to answer about.
_FORM_TREES = ("D26.255", "D20.280")


def dosage_form(generic: str) -> bool:
    trees = dictionary().mesh.get(generic)
    return bool(trees) and all(t.startswith(_FORM_TREES) for t in trees)


@dataclass
class Dictionary:
    names: dict[str, Known]  # normalised name -> what it is
    english: frozenset[str]  # English words (english-words: web2 + GCIDE), never spelling-corrected
    one_word: dict[str, list[str]]  # first letter -> one-word names (for spelling correction)
    mesh: dict[str, tuple[str, ...]]  # normalised generic -> MeSH tree numbers
    max_words: int
    by_sound: dict[str, tuple[str, ...]] = field(default_factory=dict)  # Metaphone key -> one-word names
    sound_buckets: dict[tuple[str, int], list[str]] = field(default_factory=dict)


_DICT: Dictionary | None = None
_DICT_LOCK = threading.Lock()


def dictionary() -> Dictionary:
    """The drug-name dictionary plus ask-words.yaml, loaded once per process (about 1.5 s)."""
    global _DICT
    if _DICT is None:
        with _DICT_LOCK:
            if _DICT is None:
                _DICT = _load_dictionary()
    return _DICT


def _load_dictionary() -> Dictionary:
    """From the on-disk cache when it matches the package and word list, else built (and cached)."""
    path = dictionary_path()
    key = hashlib.sha256(f"{path}:{path.stat().st_mtime_ns if path and path.exists() else 0}".encode())
    for name in ("ask-words.yaml", "ask-lexicon.yaml"):
        key.update((resources.files("healthlib") / "data" / name).read_bytes())
    key.update(Path(__file__).read_bytes())
    return cached("vocabulary", key.hexdigest()[:16], lambda: _build_dictionary(path))


def _build_dictionary(path: Path | None) -> Dictionary:
    names: dict[str, Known] = {}
    mesh: dict[str, tuple[str, ...]] = {}
    if path is not None and path.exists():
        with bz2.open(path, "rb") as f:
            raw = pickle.load(f)  # the package's own shipped data file
        canon = raw["drug_canonical_to_data"]
        generics: dict[str, str | None] = {}  # canonical -> normalised generic, None for a class
        for variant, canonicals in raw["drug_variant_to_canonical"].items():
            data = canon.get(canonicals[0]) if canonicals else None
            if not data:
                continue
            generic = generics.get(canonicals[0], "")
            if generic == "":
                generic = generics[canonicals[0]] = None if _is_class(data) else normalise(data.get("name") or canonicals[0])
            if generic is None:
                continue
            norm = normalise(variant)
            if not norm or len(norm) < 4 or norm in COMMON_WORDS or norm in STOP_WORDS:
                continue
            if norm not in names:
                names[norm] = Known(_display(data.get("name") or canonicals[0]), (generic,), "dictionary",
                                    bool(data.get("medline_plus_id") or data.get("nhs_url")))
            if data.get("mesh_tree"):
                mesh.setdefault(generic, tuple(data["mesh_tree"]))
    for typed, generics in (ask_words().get("short_names") or {}).items():
        norm = normalise(str(typed))
        parts = tuple(normalise(g) for g in generics)
        display = str(typed).upper() if len(norm) <= 4 and " " not in norm else _display(str(typed))
        names[norm] = Known(display, parts, "words")
    from english_words import get_english_words_set

    english = frozenset(get_english_words_set(["web2", "gcide"], lower=True, alpha=True))
    one_word: dict[str, list[str]] = {}
    for norm in names:
        if " " not in norm and norm.isalpha() and len(norm) >= 4:
            one_word.setdefault(norm[0], []).append(norm)
    return Dictionary(names=names, english=english, one_word=one_word, mesh=mesh,
                      max_words=min(_MAX_WORDS, max((len(k.split()) for k in names), default=1)),
                      by_sound=(by_sound := sound_index(w for ws in one_word.values() for w in ws)),
                      sound_buckets=key_buckets(by_sound))


def sound_index(words) -> dict[str, tuple[str, ...]]:
    """Metaphone key -> the names of SOUND_MIN_NAME+ letters that sound so."""
    out: dict[str, list[str]] = {}
    for w in words:
        if len(w) >= SOUND_MIN_NAME:
            out.setdefault(jellyfish.metaphone(w), []).append(w)
    return {k: tuple(v) for k, v in out.items()}


def _display(name: str) -> str:
    return name[:1].upper() + name[1:]


# -- the library's part, per library file ---------------------------------------------------------

@dataclass
class LibraryNames:
    exact: dict[str, tuple[str, str, str]]  # normalised name -> (slug, display name, kind)
    by_generic: dict[str, str]  # normalised generic -> slug
    by_parts: dict[frozenset[str], str]  # a combination guide's parts -> slug
    one_word: list[str]  # one-word library names, for spelling correction
    titles: dict[str, str]
    classes: dict[str, str | None]  # slug -> class name
    max_words: int
    by_sound: dict[str, tuple[str, ...]] = field(default_factory=dict)  # Metaphone key -> one-word names
    sound_buckets: dict[tuple[str, int], list[str]] = field(default_factory=dict)


def library_names(lib: Library) -> LibraryNames:
    return lib.remember("ask.library_names", lambda: _build_library_names(lib))


_RELEASE_FORMS = frozenset(["xl", "sr", "xr", "er", "cr", "la", "odt", "ds", "cd", "xt", "hct", "ec"])


def _build_library_names(lib: Library) -> LibraryNames:
    titles = lib.titles()
    exact: dict[str, tuple[str, str, str]] = {}
    for n in lib.names():  # generic, brand, ingredient, misspelling, condition: best first
        if n.kind == "condition":
            continue
        norm = normalise(n.name)
        if norm and norm not in STOP_WORDS:
            exact.setdefault(norm, (n.slug, titles.get(n.slug, n.name), n.kind))
    for norm, (slug, title, kind) in list(exact.items()):  # "wellbutrin xl" -> also "wellbutrin"
        words = norm.split()
        while kind == "brand" and len(words) >= 2 and (words[-1] in _RELEASE_FORMS or len(words[-1]) == 1):
            words = words[:-1]
        base = " ".join(words)
        if base != norm and len(base) >= 4 and base not in STOP_WORDS and base not in COMMON_WORDS:
            exact.setdefault(base, (slug, title, kind))
    by_generic: dict[str, str] = {}
    by_parts: dict[frozenset[str], str] = {}
    classes: dict[str, str | None] = {}
    for g in lib.guides():
        classes[g.slug] = g.class_name
    for norm, (slug, _, kind) in exact.items():
        if kind == "generic":
            by_generic.setdefault(norm, slug)
            parts = [p for p in re.split(r"\band\b", norm) if p.strip()]
            if len(parts) >= 2:
                by_parts[frozenset(p.strip() for p in parts)] = slug
    one_word = [k for k in exact if " " not in k and k.isalpha() and len(k) >= 4]
    return LibraryNames(exact=exact, by_generic=by_generic, by_parts=by_parts, one_word=one_word,
                        titles=titles, classes=classes,
                        max_words=min(_MAX_WORDS + 2, max((len(k.split()) for k in exact), default=1)),
                        by_sound=(by_sound := sound_index(one_word)), sound_buckets=key_buckets(by_sound))


def guide_words(lib: Library) -> frozenset[str]:
    """Ordinary words the guides use (never read as misspelled medicines), per library file."""
    def build() -> frozenset[str]:
        names = library_names(lib)
        name_words = {w for k in names.exact for w in k.split()}
        known = dictionary().names
        return frozenset(w for w in lib.guide_words() | question_words() if w not in name_words and w not in known)
    return lib.remember("ask.guide_words", build)


# the dictionary names some products by medicine and form ("clonidine patch" -> generic "clonidine
# patch"): the medicine's guide is the one for the product
_PRODUCT_FORMS = frozenset(["patch", "patches", "spray", "cream", "gel", "capsules", "tablets", "injection"])
# ...and by medicine and salt ("lithium carbonate", "sildenafil citrate", "duloxetine hydrochloride"): the
# same medicine, whose guide is the one for its name alone
_SALTS = frozenset(["acetate", "citrate", "hydrochloride", "hcl", "carbonate", "furoate", "fumarate",
                    "tartrate", "bitartrate", "besylate", "maleate", "mesylate", "sulfate", "sulphate", "hyclate",
                    "monohydrate", "propionate", "dipropionate", "sodium", "potassium", "calcium", "magnesium",
                    "phosphate", "hydrobromide", "bromide", "benzoate", "xinafoate", "valerate", "hemifumarate"])


def slugs_for(generics: tuple[str, ...], names: LibraryNames) -> tuple[str, ...]:
    """The library guides for these generics: the combination's own guide, else each part's."""
    if len(generics) >= 2:
        whole = names.by_parts.get(frozenset(generics))
        if whole:
            return (whole,)
    out: list[str] = []
    for g in generics:
        medicine, _, form = g.rpartition(" ")
        if (form in _PRODUCT_FORMS or form in _SALTS) and medicine in names.by_generic:
            g = medicine
        slug = names.by_generic.get(g) or (names.exact.get(g) or (None,))[0]
        if slug and slug not in out:
            out.append(slug)
    return tuple(out)


# -- finding the medicines in a question ----------------------------------------------------------

def ordinary(word: str, vocab: frozenset[str] = frozenset()) -> bool:
    """An everyday (English) word, never read as a misspelled medicine name ("trauma", "voltage")."""
    english = dictionary().english
    return (word in COMMON_WORDS or word in STOP_WORDS or word in MEDICINE_WORDS or word in vocab
            or word in english or (word.endswith("s") and (word[:-1] in COMMON_WORDS or word[:-1] in english))
            or (word.endswith("es") and word[:-2] in english))


def find(lib: Library, tokens: list[str], vocab: frozenset[str] = frozenset()) -> list[Found]:
    """Every medicine the tokens name, longest names first, then close spellings and splits."""
    names = library_names(lib)
    words = dictionary()
    found: list[Found] = []
    taken = [False] * len(tokens)

    def add(start: int, end: int, display: str, generic: str, slugs: tuple[str, ...], kind: str) -> None:
        found.append(Found(" ".join(tokens[start:end]), display, generic, slugs, kind, start, end))
        for j in range(start, end):
            taken[j] = True

    def exact_at(i: int) -> tuple[int, Found] | None:
        longest = max(names.max_words, words.max_words)
        for n in range(min(longest, len(tokens) - i), 0, -1):
            if any(taken[i:i + n]):
                continue
            phrase = " ".join(tokens[i:i + n])
            hit = _lookup(phrase, names, words) or (
                _lookup(phrase[:-1], names, words) if phrase.endswith("s") and len(phrase) > 4 else None)
            if hit and not (n == 1 and phrase in STOP_WORDS):
                display, generic, slugs, kind = hit
                return n, Found(phrase, display, generic, slugs, kind, i, i + n)
        return None

    blocked = {normalise(str(w)) for w in ask_words().get("not_medicines") or []}
    for i in range(len(tokens)):  # "we are from Mexico", "NEO-OXY powder"
        for n in (2, 1):
            if " ".join(tokens[i:i + n]) in blocked:
                for j in range(i, min(i + n, len(tokens))):
                    taken[j] = True
    i = 0
    while i < len(tokens):
        hit = exact_at(i)
        if hit:
            n, f = hit
            add(i, i + n, f.display, f.generic, f.slugs, f.kind)
            i += n
        else:
            i += 1

    # "nicotine" alone is the substance in tobacco, not the replacement medicine (ask-words.yaml)
    text = f" {' '.join(tokens)} "
    for word, product_words in (ask_words().get("substance_unless") or {}).items():
        if not any(f" {normalise(str(w))} " in text for w in product_words):
            for f in [f for f in found if f.typed == normalise(str(word))]:
                found.remove(f)  # its tokens stay taken: never re-read as a misspelling

    # a name said aloud: "met for men", "lie sinner pril", "pro pran all all"; a short form read
    # inside one ("mel oxy cam" is not oxycodone) gives way to it
    soft = [any(f.start == j and f.end == j + 1 and f.kind in {"short", "dictionary"} and len(f.typed) <= 4
                for f in found) for j in range(len(tokens))]
    hard = [t and not s for t, s in zip(taken, soft, strict=True)]
    for start, end, hit in sounded(tokens, hard, names, words, vocab):
        for f in [f for f in found if start <= f.start and f.end <= end]:
            found.remove(f)
        add(start, end, *hit, "sound")

    # two words that are one name split apart: "level iracetam", "hydro coding"
    for i in range(len(tokens) - 1):
        a, b = tokens[i], tokens[i + 1]
        if (taken[i] or taken[i + 1] or not (a.isalpha() and b.isalpha()) or min(len(a), len(b)) < 3
                or a in STOP_WORDS or b in STOP_WORDS or (ordinary(a, vocab) and ordinary(b, vocab))):
            continue
        joined = a + b
        hit = _lookup(joined, names, words)
        if hit:
            add(i, i + 2, hit[0], hit[1], hit[2], "split")
            continue
        close = correct(joined, names, words)
        if close:
            add(i, i + 2, *close, "split")

    # one misspelled word: "baclophen", "amoxacillin", "methylprednisolole"; an English word's
    # inflection the word list leaves out ("poisoned") is that word, never Prednisone
    english = dictionary().english
    for i, word in enumerate(tokens):
        if taken[i] or len(word) < 4 or not word.isalpha() or ordinary(word, vocab) or _inflected(word, english):
            continue
        close = correct(word, names, words)
        if close and not (vocab and near_english(word, vocab)):  # "boxed warnin" is a warning, not Warfin
            add(i, i + 1, *close, "fuzzy")
    found.sort(key=lambda f: f.start)
    return found


def _sound_keys(key: str, index: dict[str, tuple[str, ...]],
                buckets: dict[tuple[str, int], list[str]]) -> list[tuple[str, int]]:
    """(name, how many letters its Metaphone key differs) for the names of `index` sounding like `key`."""
    limit = 2 if len(key) >= SOUND_MIN_KEY_FOR_TWO else 1
    out = [(name, 0) for name in index.get(key, ())]
    for n in range(len(key) - limit, len(key) + limit + 1):  # the same first sound, about as long
        for other, dist, _ in process.extract(key, buckets.get((key[0], n), ()), scorer=Levenshtein.distance,
                                              score_cutoff=limit, limit=None):
            if dist:
                out += [(name, int(dist)) for name in index[other]]
    return out


def key_buckets(index: dict[str, tuple[str, ...]]) -> dict[tuple[str, int], list[str]]:
    """An index's Metaphone keys by (first letter, length): the few a near key can be."""
    out: dict[tuple[str, int], list[str]] = {}
    for key in index:
        out.setdefault((key[0], len(key)), []).append(key)
    return out


def sounded(tokens: list[str], taken: list[bool], names: LibraryNames, words: Dictionary,
            vocab: frozenset[str] = frozenset()) -> list[tuple[int, int, tuple[str, str, tuple[str, ...]]]]:
    """Neighbouring words that together sound like one medicine's name: (start, end, (display,
    generic, slugs)). Only where no name is read already, only with a margin over every other
    medicine that sounds alike, and stricter when the words read as ordinary English."""
    low, high = SOUND_WORDS
    candidates: list[tuple[float, int, int, tuple[str, str, tuple[str, ...]]]] = []
    for i in range(len(tokens)):
        for n in range(low, high + 1):
            window = tokens[i:i + n]
            if len(window) < n or any(taken[i:i + n]) or not all(w.isalpha() for w in window):
                break
            content = [w for w in window if w not in STOP_WORDS]
            if len(content) < 2 and all(ordinary(w, vocab) for w in content):
                continue  # "a statin", "fever in": one word and its neighbour is that word ("a billify" is not)
            joined = "".join(_LETTER_NAMES.get(w, w) for w in window)
            if len(joined) < SOUND_MIN_NAME or len(joined) > 24:
                continue
            english = all(ordinary(w, vocab) for w in window)
            best = _sounds_like(joined, names, words, SOUND_NEED_ENGLISH if english else SOUND_NEED)
            # "potassium i eat": one of the words is the name by itself, the rest add nothing to it; that
            # word alone is read (or not) by the spelling matchers, never as a name said in pieces
            if best and not any(sound_ratio(w, best[2]) >= sound_ratio(joined, best[2]) for w in window):
                candidates.append((best[0], i, i + n, best[1]))
    out: list[tuple[int, int, tuple[str, str, tuple[str, ...]]]] = []
    used = [False] * len(tokens)
    for _, start, end, hit in sorted(candidates, key=lambda c: (-c[0], c[1])):
        rival = any(a < end and start < b and h[1] != hit[1] for _s, a, b, h in candidates)
        if not rival and not any(used[start:end]):  # "es sit al oh pram": escitalopram or citalopram?
            out.append((start, end, hit))
            for j in range(start, end):
                used[j] = True
    return out


# Spellings that sound alike, written one way, so "coal chi seen" and "colchicine" compare as the same
# sounds ("kolkhisin") where their letters differ by a third: the closeness of a name said aloud is
# the better of its letters' and its sounds' closeness.
_SPOKEN = tuple((re.compile(a), b) for a, b in (
    ("ph", "f"), ("ck", "k"), ("qu", "kw"), ("x", "ks"), ("c(?=[eiy])", "s"), ("c", "k"), ("z", "s"),
    ("ee", "i"), ("ea", "i"), ("ie", "i"), ("oa", "o"), ("y", "i"), ("gh", ""), ("wh", "w"),
    ("h(?![aeiou])", ""), (r"(.)\1+", r"\1"), ("e$", "")))


@cache
def spoken(word: str) -> str:
    """A word written as it sounds: "hidrocksazine" and "hydroxyzine" -> "hidroksasin", "hidroksisin"."""
    for pattern, sound in _SPOKEN:
        word = pattern.sub(sound, word)
    return word


def sound_ratio(joined: str, name: str) -> float:
    """How alike (0-100) words said aloud and a name are: in letters, or in sounds."""
    return max(fuzz.ratio(joined, name), fuzz.ratio(spoken(joined), spoken(name)))


def _sounds_like(joined: str, names: LibraryNames, words: Dictionary,
                 need: tuple[int, ...]) -> tuple[float, tuple[str, str, tuple[str, ...]], str] | None:
    """(score, the library medicine the joined words sound like, the name they sound like), when no
    other known medicine (library or dictionary) sounds about as like them; else None."""
    key = jellyfish.metaphone(joined)
    if len(key) < SOUND_MIN_KEY:
        return None

    def ranked(index, buckets) -> dict[str, tuple[float, str, float, int]]:
        best: dict[str, tuple[float, str, float, int]] = {}
        for name, dist in _sound_keys(key, index, buckets):
            ratio = sound_ratio(joined, name)
            hit = _lookup(name, names, words) if ratio >= need[dist] - 2 * MARGIN else None
            if hit is None:
                continue
            medicine = hit[2][0] if hit[2] else hit[1]
            score = ratio - MARGIN * dist  # a key a letter apart counts as a slip of spelling
            if medicine not in best or score > best[medicine][0]:
                best[medicine] = (score, name, ratio, dist)
        return best

    near = _sound_keys(key, names.by_sound, names.sound_buckets)
    if not any(sound_ratio(joined, name) >= need[dist] for name, dist in near):
        return None  # most windows: nothing in the library is close (before any look-up)
    in_library = ranked(names.by_sound, names.sound_buckets)
    if not in_library:
        return None
    medicine, (score, name, ratio, dist) = max(in_library.items(), key=lambda kv: kv[1][0])
    if ratio < need[dist]:
        return None
    others = {**ranked(words.by_sound, words.sound_buckets), **{k: v for k, v in in_library.items()}}
    if any(m != medicine and rival(s, score, other, names, words) for m, (s, other, *_) in others.items()):
        return None  # another medicine sounds about as like it: guessing could answer the wrong one
    display, generic, slugs, _ = _lookup(name, names, words)  # type: ignore[misc]
    return score, (display, generic, slugs), name


def _lookup(phrase: str, names: LibraryNames, words: Dictionary) -> tuple[str, str, tuple[str, ...], str] | None:
    """(display, generic, slugs, kind) for a name known exactly, else None."""
    lib_hit = names.exact.get(phrase) or names.exact.get(phrase.replace(" ", "")) if phrase else None
    if lib_hit:
        slug, title, kind = lib_hit
        return title, title.lower(), (slug,), kind
    known = words.names.get(phrase)
    if known is None:
        return None
    slugs = slugs_for(known.generics, names)
    generic = " and ".join(known.generics)
    if known.source == "words":
        return known.display, generic, slugs, "short"
    return known.display, generic, slugs, "dictionary"


def rival(score: float, best: float, name: str, names: LibraryNames, words: Dictionary) -> bool:
    """Whether another medicine's name, this close to a guessed word, makes the guess unsafe: within the
    margin of the best, or, for a name only the dictionary knows and no consumer page describes (a
    metabolite, an alkaloid: "colchiceine" beside colchicine, "cephalotaxine" beside cephalexin), only
    when it is as close as the best: a person is far likelier to mean the medicine people take."""
    known = words.names.get(name)
    obscure = name not in names.exact and known is not None and known.source == "dictionary" and not known.everyday
    return score >= best if obscure else score > best - MARGIN


def correct(word: str, names: LibraryNames, words: Dictionary) -> tuple[str, str, tuple[str, ...]] | None:
    """The medicine a misspelled word most likely means, with a margin over every other one.

    Returns (display, generic, slugs), or None when nothing is close enough or two different
    medicines are about as close (then guessing could answer about the wrong one).
    """
    need = FUZZY_LONG if len(word) >= 6 else FUZZY_SHORT
    pool = list(names.one_word) + words.one_word.get(word[0], [])
    matches = process.extract(word, pool, scorer=fuzz.ratio, score_cutoff=need - MARGIN, limit=8)
    if not matches:
        return None
    best_by_medicine: dict[str, tuple[float, str]] = {}
    for choice, score, _ in matches:
        if choice[0] != word[0] and score < FUZZY_OTHER_FIRST_LETTER:
            continue
        hit = _lookup(choice, names, words)
        if hit is None:
            continue
        key = hit[2][0] if hit[2] else hit[1]  # a guide, or the generic outside the library
        if key not in best_by_medicine or score > best_by_medicine[key][0]:
            best_by_medicine[key] = (score, choice)
    if not best_by_medicine:
        return None
    ranked = sorted(best_by_medicine.values(), key=lambda x: -x[0])
    score, choice = ranked[0]
    if score < need or any(rival(s, score, other, names, words) for s, other in ranked[1:]):
        return None
    display, generic, slugs, _ = _lookup(choice, names, words)  # type: ignore[misc]
    if not slugs and (score < FUZZY_OUTSIDE or near_english(word)):
        return None  # "infomation" is information misspelled, not a medicine nobody asked about
    return display, generic, slugs


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def near_english(word: str, english: frozenset[str] | None = None) -> bool:
    """Whether one slip (a letter left out, added, changed or swapped) makes it an English word (of
    `english`, or of the whole word list)."""
    english = dictionary().english if english is None else english
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {a + b[1:] for a, b in splits if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    edits |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    edits |= {a + c + b for a, b in splits for c in _LETTERS}
    return any(len(e) >= 4 and e in english for e in edits - {word})


_ENDINGS = ("ing", "ed", "er", "est", "ly", "es", "s")


def _inflected(word: str, english: frozenset[str]) -> bool:
    """An English word's inflection the word list leaves out: "coughing", "skipped", "fewer", "tidied"."""
    for end in _ENDINGS:
        stem = word[: -len(end)]
        if word.endswith(end) and len(stem) >= 3 and (
                stem in english and not (end in _DOUBLING and _doubles(stem)) or stem + "e" in english
                or stem[-1] == stem[-2] and stem[:-1] in english or stem.endswith("i") and stem[:-1] + "y" in english):
            return True
    return False


_DOUBLING = frozenset(["ing", "ed", "er", "est"])
_VOWELS = frozenset("aeiou")


def _doubles(stem: str) -> bool:
    """A short stem ending consonant-vowel-consonant doubles its last letter ("fit" -> "fitting"), so
    "fiting" and "bleding" are slips, not inflections."""
    return (len(stem) <= 4 and stem[-1] not in _VOWELS and stem[-1] not in "wxy" and stem[-2] in _VOWELS
            and stem[-3] not in _VOWELS)


def respelled(words: list[str], targets: frozenset[str], after: dict[str, frozenset[str]] | None = None) -> list[str]:
    """The words with each slip of one target read as it: a word that is not itself a word (English,
    common or a medicine word) of 5+ letters, one slip (a letter left out, added, changed, or two
    swapped; two slips from 8 letters) from exactly one target with the same first letter
    ("siezure" -> "seizure", "unconcious" -> "unconscious"). An English word is read as a target
    only right after the target's fixed first word (`after`: "pain" after "chest", so "chest pian")."""
    english = dictionary().english
    out = list(words)
    for i, word in enumerate(words):
        if len(word) < 4 or word in targets or not word.isalpha():
            continue
        if ordinary(word) or _inflected(word, english):
            pool = (after or {}).get(out[i - 1], frozenset()) if i else frozenset()
            limit = 1
        else:
            pool, limit = (targets, 2 if len(word) >= 10 else 1) if len(word) >= 5 else (frozenset(), 0)
        close: dict[int, list[str]] = {}
        for target in pool:
            if target[0] == word[0] and abs(len(target) - len(word)) <= limit and (
                    d := OSA.distance(word, target, score_cutoff=limit)) <= limit:
                close.setdefault(d, []).append(target)
        nearest = close[min(close)] if close else []
        if len(nearest) == 1:  # one nearest target, or it is left as written
            out[i] = nearest[0]
    return out


def shown_name(f: Found) -> str:
    """'Toradol (ketorolac)' for a brand, 'Ketorolac' for a generic."""
    if f.kind not in {"dictionary", "short"}:
        return f.display
    typed = f.typed.upper() if len(f.typed) <= 4 and " " not in f.typed else _display(f.typed)
    same = normalise(typed).rstrip("s") == f.generic.rstrip("s")
    if same or (f.slugs and " and " not in f.generic):
        return typed if not same else _display(normalise(typed))
    return f"{typed} ({f.generic})"


def related_guides(lib: Library, generic: str, limit: int = 3) -> list[str]:
    """Library guides closely related to a medicine outside it (same MeSH chemical group).

    Used for "not in this library yet" answers: only medicines of the same group, never names
    that merely look alike. Empty when the dictionary has no group for it.
    """
    words = dictionary()
    trees = words.mesh.get(generic)
    if not trees:
        return []
    # a group at least five levels deep ("Morphinans"), never a broad one ("Imidazoles")
    parents = {t.rsplit(".", 1)[0] for t in trees if t.count(".") >= 5}
    names = library_names(lib)
    by_group: dict[str, list[str]] = {}
    for g, slug in names.by_generic.items():
        other = words.mesh.get(g)
        if not other or g == generic:
            continue
        for group in parents & {t.rsplit(".", 1)[0] for t in other if t.count(".") >= 5}:
            by_group.setdefault(group, []).append(slug)
    out: list[str] = []
    for slugs in by_group.values():
        # a chemical group is a group of medicines only when the library's guides in it are of one
        # class: "naphthalenes" holds a statin and a beta blocker, nothing like terbinafine
        if len({names.classes.get(s) for s in slugs}) == 1 and names.classes.get(slugs[0]):
            out += [s for s in slugs if s not in out]
    return out[:limit]
