"""Reading a question the way people really write it.

Lower case, misspelled, brand names, slang, several medicines, no question mark:
`understand(lib, question)` finds which guides the question is about (by the library's own
names, then by close spelling), names it does not know that look like medicines, the other
substance in an interaction question, and the question's type (DESIGN.md's list), by
keyword and pattern rules. Nothing here is learned or downloaded, so it is fast and the same
question always reads the same way.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass, field
from typing import Literal, get_args

from rapidfuzz import fuzz, process

from healthlib.ask.lexicon import (
    COMMON_WORDS,
    DRUG_SUFFIX,
    MEDICINE_WORDS,
    OUTSIDE_MEDICINES,
    SUBSTANCES,
)
from healthlib.library.query import Library, NameEntry

Intent = Literal[
    "what_is", "uses", "how_it_works", "how_to_take", "dose", "duration", "onset", "side_effects",
    "interactions", "alcohol", "food", "who_should_not_take", "pregnancy", "breastfeeding",
    "missed_dose", "overdose", "stopping", "storage", "driving", "alternatives", "comparison",
    "brand_names", "ingredients", "appearance", "other",
]
INTENTS: tuple[str, ...] = get_args(Intent)

MAX_QUESTION = 500  # characters kept from a question; the rest is cut, never processed
DRUG = "drugx"  # stands in for a medicine name when the question's type is read

# Chat spellings, read as the words they stand for.
_SLANG = {
    "u": "you", "ur": "your", "r": "are", "w": "with", "wat": "what", "wht": "what", "hw": "how",
    "cn": "can", "abt": "about", "bc": "because", "cuz": "because", "coz": "because", "pls": "please",
    "plz": "please", "preg": "pregnant", "alc": "alcohol", "dr": "doctor", "hrs": "hours",
    "hr": "hour", "yo": "year old", "yr": "year", "yrs": "years", "mins": "minutes", "tho": "though",
    "thru": "through", "gonna": "going to", "wanna": "want to", "gotta": "got to", "shd": "should",
    "wud": "would", "cud": "could", "ppl": "people", "meds": "meds", "rx": "prescription",
    "b4": "before", "2nite": "tonight", "tonite": "tonight", "nite": "night", "k": "ok",
    "thx": "thanks", "ty": "thanks", "idk": "i do not know", "pregnat": "pregnant",
    "prego": "pregnant", "sideeffects": "side effects", "sideffects": "side effects",
    "sideaffects": "side affects", "dosage": "dosage", "v": "vs", "alot": "a lot",
    # street and short names of medicines
    "oxy": "oxycodone", "oxys": "oxycodone", "oxies": "oxycodone", "xans": "xanax", "xannies": "xanax",
    "xanny": "xanax", "xanies": "xanax", "addy": "adderall", "addies": "adderall", "gabas": "gabapentin",
    "klonnies": "klonopin",
}
# Release-form words after a brand ("Wellbutrin XL"): the brand alone names the same guide.
_RELEASE_FORMS = frozenset(["xl", "sr", "xr", "er", "cr", "la", "odt", "ds", "cd", "xt", "hct"])

# Words never taken for a misspelled medicine name (besides COMMON_WORDS and the guides' words).
_STOP = frozenset(["what", "whats", "when", "where", "which", "who", "whom", "whose", "why", "how", "is", "are", "was", "were", "be", "been", "am", "do", "does", "did", "can", "could", "should", "would", "will", "shall", "may", "might", "must", "have", "has", "had", "the", "a", "an", "and", "or", "but", "if", "then", "than", "so", "of", "to", "in", "on", "at", "by", "for", "with", "from", "about", "into", "onto", "over", "under", "after", "before", "during", "while", "since", "until", "till", "as", "it", "its", "it's", "this", "that", "these", "those", "my", "your", "his", "her", "our", "their", "me", "you", "him", "us", "them", "i", "im", "ive", "id", "ill", "he", "she", "we", "they", "not", "no", "yes", "ok", "okay", "please", "thanks", "hi", "hey", "hello", "also", "just", "really", "very", "much", "many", "more", "most", "less", "any", "some", "all", "each", "every", "other", "another", "same", "such", "own", "too", "again", "still", "even", "ever", "never", "always", "often", "sometimes"])

_TOKEN_RE = re.compile(r"[a-z0-9]+")
_LETTER_DIGIT = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")
_TAG_RE = re.compile(r"<[^>]{0,200}>")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")


@dataclass(frozen=True)
class Mention:
    """A medicine named in the question."""

    typed: str  # the words as they appear (normalised)
    name: str  # the library's name for it, or the display name of a medicine outside it
    slug: str | None  # the guide, or None when the library has no guide for it
    kind: str  # generic | brand | ingredient | misspelling | fuzzy | outside | unknown
    start: int  # token span in Understanding.tokens
    end: int


@dataclass
class Understanding:
    question: str  # the question as shown back: tags removed, capped, one line
    truncated: bool
    text: str  # normalised words
    tokens: list[str]
    mentions: list[Mention]
    intent: str
    other: str | None = None  # the other substance or medicine in an interaction question
    other_terms: tuple[str, ...] = ()  # words to look for in a guide's interactions
    conditions: list[str] = field(default_factory=list)  # condition names found, when no medicine
    condition_slugs: list[str] = field(default_factory=list)
    medical: bool = False  # mentions medicines, doses, pills... or a condition the guides treat
    medicine_words: bool = False  # "pill", "medicine", "dose"...

    @property
    def drugs(self) -> list[str]:
        """The guides the question is about, in the order they are named."""
        seen: dict[str, None] = {}
        for m in self.mentions:
            if m.slug:
                seen.setdefault(m.slug, None)
        return list(seen)

    @property
    def unknown(self) -> list[str]:
        """Medicines named that have no guide in this library."""
        seen: dict[str, None] = {}
        for m in self.mentions:
            if not m.slug:
                seen.setdefault(m.name, None)
        return list(seen)

    @property
    def masked(self) -> str:
        return mask(self.tokens, self.mentions)


# -- cleaning -------------------------------------------------------------------------------------

def clean_question(raw: str | None) -> tuple[str, bool]:
    """The question as it may be shown back: no tags or control characters, one line, capped."""
    text = raw or ""
    truncated = len(text) > MAX_QUESTION * 4
    text = text[: MAX_QUESTION * 4]  # bound the work before any regex runs
    text = _TAG_RE.sub(" ", text)
    text = _CONTROL_RE.sub(" ", text).replace("<", " ").replace(">", " ")
    text = " ".join(text.split())
    if len(text) > MAX_QUESTION:
        cut = text[:MAX_QUESTION]
        text = cut.rsplit(" ", 1)[0] if " " in cut[-40:] else cut
        truncated = True
    return text, truncated


def normalise(text: str) -> str:
    """Lower case ASCII words: "Can't take Lipitor®, 10mg?" -> "cant take lipitor 10 mg"."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"['`\u2019\u02bc]", "", text)
    text = _LETTER_DIGIT.sub(" ", text)
    words: list[str] = []
    for w in _TOKEN_RE.findall(text):
        words.extend(_SLANG.get(w, w).split())
    return " ".join(words)


def mask(tokens: list[str], mentions: list[Mention]) -> str:
    """The question with every medicine name replaced by one placeholder word."""
    out: list[str] = []
    i = 0
    for m in sorted(mentions, key=lambda m: m.start):
        out.extend(tokens[i:m.start])
        out.append(DRUG)
        i = m.end
    out.extend(tokens[i:])
    return " ".join(out)


# -- the library's names, indexed once per library version ----------------------------------------

@dataclass
class NameIndex:
    exact: dict[str, NameEntry]
    compact: dict[str, NameEntry]
    max_words: int
    choices: list[str]  # one-word names (library and outside) for close-spelling matches
    owners: list[tuple[str | None, str, str]]  # (slug or None, display name, kind) per choice
    multi: list[str]  # library names of two or more words
    multi_entries: list[NameEntry]
    vocab: frozenset[str]  # ordinary words the guides use
    conditions: dict[str, list[str]]  # condition name -> guide slugs
    condition_names: dict[str, str]
    condition_words: int
    titles: dict[str, str]


_INDEX: dict[tuple[str, str], NameIndex] = {}
_INDEX_LOCK = threading.Lock()


def name_index(lib: Library) -> NameIndex:
    key = (str(lib.path), lib.version)
    index = _INDEX.get(key)
    if index is None:
        with _INDEX_LOCK:
            index = _INDEX.get(key)
            if index is None:
                index = _build_index(lib)
                for old in [k for k in _INDEX if k[0] == key[0]]:
                    del _INDEX[old]
                _INDEX[key] = index
    return index


def _build_index(lib: Library) -> NameIndex:
    exact: dict[str, NameEntry] = {}
    conditions: dict[str, list[str]] = {}
    condition_names: dict[str, str] = {}
    for n in lib.names():  # sorted generic, brand, ingredient, misspelling, condition
        norm = normalise(n.name)
        if not norm:
            continue
        if n.kind == "condition":
            slugs = conditions.setdefault(norm, [])
            if n.slug not in slugs:
                slugs.append(n.slug)
            condition_names.setdefault(norm, n.name)
            continue
        exact.setdefault(norm, n)
    for norm, n in list(exact.items()):  # "wellbutrin xl" -> also "wellbutrin"
        words = norm.split()
        while n.kind == "brand" and len(words) >= 2 and (words[-1] in _RELEASE_FORMS or len(words[-1]) == 1):
            words = words[:-1]  # "imodium a d" -> "imodium"
        if n.kind == "brand" and len(words) < len(norm.split()):
            base = " ".join(words)
            if len(base) >= 4 and base not in _STOP:
                exact.setdefault(base, n)
    compact = {k.replace(" ", ""): v for k, v in exact.items() if " " in k}
    for k, v in exact.items():
        compact.setdefault(k.replace(" ", ""), v)
    choices: list[str] = []
    owners: list[tuple[str | None, str, str]] = []
    multi: list[str] = []
    multi_entries: list[NameEntry] = []
    for norm, entry in exact.items():
        if " " in norm:
            multi.append(norm)
            multi_entries.append(entry)
        elif norm.isalpha() and len(norm) >= 4:
            choices.append(norm)
            owners.append((entry.slug, entry.name, entry.kind))
    for norm, display in OUTSIDE_MEDICINES.items():
        n = normalise(norm)
        if n and n not in exact and " " not in n and len(n) >= 4:
            choices.append(n)
            owners.append((None, display, "outside"))
    titles = lib.titles()
    name_words = {w for k in exact for w in k.split()}
    vocab: set[str] = set()
    for (body,) in lib.conn().execute("SELECT body FROM guide_text"):
        vocab.update(_TOKEN_RE.findall(body.lower()))
    vocab -= name_words
    vocab -= {normalise(k) for k in OUTSIDE_MEDICINES}
    return NameIndex(
        exact=exact, compact=compact, max_words=max((len(k.split()) for k in exact), default=1),
        choices=choices, owners=owners, multi=multi, multi_entries=multi_entries,
        vocab=frozenset(vocab), conditions=conditions, condition_names=condition_names,
        condition_words=max((len(k.split()) for k in conditions), default=1), titles=titles)


# -- which medicines ------------------------------------------------------------------------------

_OUTSIDE_NORM = {normalise(k): v for k, v in OUTSIDE_MEDICINES.items()}
_OUTSIDE_WORDS = max((len(k.split()) for k in _OUTSIDE_NORM), default=1)
_SUBSTANCE_WORDS = {normalise(w) for words, _ in SUBSTANCES.values() for w in words}
# A word right after these, or right before the ones after it, is in a medicine's place.
_SLOT_BEFORE = re.compile(r"\b(?:dose|dosage|doses|side effects?|overdose|brand|generic) (?:of|for) (\w+)$")
_SLOT_AFTER = frozenset(["pills", "pill", "tablets", "tablet", "tabs", "capsules", "caps", "mg", "mcg", "injection", "injections", "shot", "shots", "inhaler", "cream"])


def ordinary(word: str, index: NameIndex) -> bool:
    """Is this an everyday word (never read as a misspelled medicine)?"""
    return (word in COMMON_WORDS or word in _STOP or word in index.vocab or word in _SUBSTANCE_WORDS
            or word in MEDICINE_WORDS or (word.endswith("s") and word[:-1] in COMMON_WORDS))


def find_medicines(tokens: list[str], index: NameIndex) -> list[Mention]:
    mentions: list[Mention] = []
    taken = [False] * len(tokens)

    def add(start: int, end: int, name: str, slug: str | None, kind: str) -> None:
        mentions.append(Mention(" ".join(tokens[start:end]), name, slug, kind, start, end))
        for j in range(start, end):
            taken[j] = True

    # 1. names exactly as the library knows them, longest first ("amoxicillin and clavulanate")
    i = 0
    while i < len(tokens):
        hit = None
        for n in range(min(index.max_words, len(tokens) - i), 0, -1):
            phrase = " ".join(tokens[i:i + n])
            entry = index.exact.get(phrase) or index.compact.get(phrase.replace(" ", ""))
            if entry is None and phrase.endswith("s") and len(phrase) > 4:  # plurals
                entry = index.exact.get(phrase[:-1])
            if entry is not None and not (n == 1 and phrase in _STOP):
                hit = (n, entry)
                break
        if hit:
            n, entry = hit
            add(i, i + n, index.titles.get(entry.slug, entry.name), entry.slug, entry.kind)
            i += n
        else:
            i += 1

    # 2. medicines this library has no guide for, by name
    i = 0
    while i < len(tokens):
        if taken[i]:
            i += 1
            continue
        for n in range(min(_OUTSIDE_WORDS, len(tokens) - i), 0, -1):
            if any(taken[i:i + n]):
                continue
            phrase = " ".join(tokens[i:i + n])
            display = _OUTSIDE_NORM.get(phrase)
            if display is None and phrase.endswith("s"):
                display = _OUTSIDE_NORM.get(phrase[:-1])
            if display:
                add(i, i + n, display, None, "outside")
                i += n - 1
                break
        i += 1

    # 3. close spellings of one-word names ("baclophen", "zanaflx"), never of everyday words
    for i, word in enumerate(tokens):
        if taken[i] or len(word) < 4 or not word.isalpha() or ordinary(word, index):
            continue
        found = process.extractOne(word, index.choices, scorer=fuzz.ratio, score_cutoff=78)
        if not found:
            continue
        choice, score, pos = found
        need = 80 if len(word) >= 6 else 86
        if choice[0] != word[0]:
            need = max(need, 90)
        if score < need:
            continue
        slug, display, _ = index.owners[pos]
        add(i, i + 1, index.titles.get(slug, display) if slug else display, slug,
            "fuzzy" if slug else "outside")

    # 4. two-word names with a slip ("amoxicilin clavulanate")
    for i in range(len(tokens) - 1):
        if taken[i] or taken[i + 1] or not index.multi:
            continue
        pair = f"{tokens[i]} {tokens[i + 1]}"
        if ordinary(tokens[i], index) and ordinary(tokens[i + 1], index):
            continue
        found = process.extractOne(pair, index.multi, scorer=fuzz.ratio, score_cutoff=88)
        if found:
            entry = index.multi_entries[found[2]]
            add(i, i + 2, index.titles.get(entry.slug, entry.name), entry.slug, "fuzzy")

    # 5. words that look like medicine names we do not know ("-mab", "-pril", "dose of X")
    for i, word in enumerate(tokens):
        if taken[i] or not word.isalpha() or word in COMMON_WORDS or word in _STOP:
            continue
        before = " ".join(tokens[max(0, i - 3):i + 1])
        slot = bool(_SLOT_BEFORE.search(before)) or (i + 1 < len(tokens) and tokens[i + 1] in _SLOT_AFTER)
        looks = len(word) >= 6 and DRUG_SUFFIX.search(word) is not None
        if (looks or (slot and len(word) >= 4)) and not (word in index.vocab and not looks) \
                and word not in _SUBSTANCE_WORDS and word not in MEDICINE_WORDS:
            add(i, i + 1, word.capitalize(), None, "unknown")

    mentions.sort(key=lambda m: m.start)
    return mentions


def find_conditions(tokens: list[str], index: NameIndex) -> list[str]:
    """Conditions the library's guides treat, named in the question (longest first)."""
    found: list[str] = []
    i = 0
    while i < len(tokens):
        for n in range(min(index.condition_words, len(tokens) - i), 0, -1):
            phrase = " ".join(tokens[i:i + n])
            if phrase in index.conditions and (n > 1 or len(phrase) >= 4):
                found.append(phrase)
                i += n - 1
                break
        i += 1
    return found


def find_substance(tokens: list[str]) -> tuple[str, tuple[str, ...]] | None:
    """The substance named ("grapefruit", "beer" -> alcohol); a specific one before plain "food"."""
    text = f" {' '.join(tokens)} "
    best: tuple[int, int, str, tuple[str, ...]] | None = None
    for label, (words, terms) in SUBSTANCES.items():
        for w in words:
            typed = normalise(w)
            pos = text.find(f" {typed} ")
            key = ({"food": 2, "nicotine": 1, "dairy": 1}.get(label, 0), pos)  # "smoke weed" is cannabis
            if pos >= 0 and (best is None or key < best[:2]):
                # a named supplement is looked for by its own name too ("melatonin")
                named = label in {"supplements", "antacids"} and typed not in {
                    "supplement", "supplements", "herbal", "herbs"}
                best = (*key, typed if named else label, (*terms, typed) if named else terms)
    return (best[2], best[3]) if best else None


# -- what kind of question ------------------------------------------------------------------------

D = DRUG


def _r(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_COMPARE_STRONG = _r(r"\b(vs|versus|compare|compared|comparing|comparison|difference|differences|"
                     r"differ|different from|better|worse|stronger|weaker|safer|best|which one|which is|"
                     r"which should|or the other|pros and cons)\b")
_COMPARE_ONE = _r(r"\b(better than|worse than|stronger than|weaker than|safer than|vs|versus|"
                  r"compared? (to|with)|comparison|difference between)\b")
_SAME_AS = _r(r"\b(same (as|thing|drug|medicine|medication|stuff)|generic|brand|brands|also called|"
              r"another name|other names?|known as|name for|called)\b")
_COST = _r(r"\b(cost|costs|price|prices|pricing|expensive|cheap|cheaper|afford|insurance|coupon|copay|"
           r"recall|recalled|recalls|lawsuit|"
           r"covered|buy|purchase|order online|where can i get|in stock|shortage)\b")
_DOSE_TOO_MUCH = _r(r"\b(is|are) \d+ ?(mg|mcg|milligrams?|micrograms?|units?)?\b.{0,30}\btoo (much|high|strong|many)\b")
_OVERDOSE = _r(r"\b(too much|too many|overdose|overdosed|overdosing|overdoses|od|odd|ode|lethal|"
               r"fatal dose|double dose|took (extra|double)|taken (extra|double)|extra (dose|pill|tablet)|"
               r"poison(?! (ivy|oak|sumac|control))|poisoning|whole bottle|accidentally (take|takes|took|swallows?|swallowed|ate|eats)|"
               r"got into (my|the|his|her|their|our)|(dog|cat|pet|puppy|kitten) (ate|eats|eaten|swallowed|got into)|"
               r"all (\d+ )?(of )?(my|his|her|their) (\w+ )?(pills|tablets|meds|drugx)(?! (today|this morning|tonight|this evening|"
               r"on time|as (prescribed|directed|usual)|yesterday|like (i|he|she) should))|"
               r"empty (pill |medicine )?(bottle|pack|box|packet) of|"
               r"accidentally (give|gives|gave|given)|instead of \d+ ?(ml|mls|mg|mcg|units?|tsp|teaspoons?)|"
               r"(kid|kids|child|children|baby|toddler|son|daughter|\d+ year old|grandson|granddaughter) "
               r"(swallows?|swallowed|eats|ate|chews|chewed|gets into|got into|got hold of|drank|drinks)"
               r"(?! (his |her |a |the |some )?(breakfast|lunch|dinner|supper|food|a meal|meal|snacks?|something|cereal|"
               r"before|after|my phone|gum|chewing gum|water))|"
               r"how (many|much)\b.{0,40}\bwould it take$|"
               r"(thinking|thought|thoughts) (about|of) (overdosing|an overdose))\b")
# "naloxone to reverse an overdose": the overdose is what the medicine is for, not the question
_OVERDOSE_PURPOSE = _r(r"\b(reverse|reverses|reversing|treat|treats|treating|against|prevent|preventing|prevention|"
                       r"used (for|in)|for|in case of) (of )?(an |a )?(\w+ )?(overdose|overdoses|od)\b")
_DOSE_AMOUNT = _r(r"^(is|are|would|will|does) (\d+|two|three|four|five|six|half|a half) (\w+ ){0,6}"
                  r"(ok|okay|safe|too much|enough|fine|alright|normal|a lot)\b")
_LETHAL = _r(r"\b(how many|how much)\b.{0,50}\b(die|kill|lethal|fatal|dead|od|overdose)\b"
             r"|\b(the most|enough)\b.{0,50}\b(to die|kill (me|myself)|to not wake up|never wake up)\b")
_MISSED = _r(r"\b(miss|missed|missing|forgot|forget|forgotten|forgetting|skip|skipped|skipping|"
             r"didnt take|did not take|havent taken|late dose|dose late|hours? late|late)\b")
_STOPPING = _r(rf"\b((stop|stopping|stopped|quit|quitting) (taking|using|{D}|it|them|this|that|suddenly|"
               rf"abruptly|early|now|cold|my {D}|the {D}|my (meds|medicine|medication|pills|tablets|antibiotics|"
               rf"course)|the (meds|medicine|medication|pills|tablets|antibiotics|course))|"
               rf"(stop|stopping|quit|quitting)$|stopped working|come off|coming off|came off|get off|getting off|"
               rf"go off|going off|wean|weaning|taper|tapering|withdrawal|withdrawals|withdraw|"
               rf"cold turkey|discontinue|discontinuing|finish (the|my) course|stop early|before (my |a |an |the )?"
               rf"(surgery|operation|dental work|dentist|procedure|colonoscopy|tooth extraction))\b")
_ALCOHOL = _r(r"\b(alcohol|alcoholic|beer|beers|wine|wines|liquor|vodka|whiskey|whisky|rum|gin|tequila|"
              r"booze|(?<!feel )(?<!feeling )(?<!feels )drunk|drinking|drinks|cocktails?|champagne|cider|lager|hangover|brandy|bourbon|"
              r"margaritas?|prosecco|pints?|spirits|a drink|have a drink|glass of wine)\b"
              r"|\bdrink\b(?! (of )?(water|milk|juice|coffee|tea|fluids|plenty|lots|soda))")
_PREGNANCY = _r(r"\b(pregnant|pregnancy|pregnancies|expecting a baby|conceive|conceiving|ttc|trimester|"
                r"get pregnant|trying for a baby|unborn|fertility|weeks pregnant|miscarriage)\b")
_BREASTFEEDING = _r(r"\b(breastfeed|breastfeeding|breast feed|breast feeding|breastfed|breast milk|"
                    r"breastmilk|nursing|lactating|lactation|pumping|chestfeeding)\b")
_FOOD = _r(r"\b(grapefruit|food|foods|eat|eating|eaten|meal|meals|empty stomach|full stomach|"
           r"breakfast|lunch|dinner|snack|milk|dairy|cheese|yogurt|coffee|caffeine|tea|juice|"
           r"bananas?|soda|energy drinks?|fiber|fibre|vegetables|veggies|greens|leafy|spinach|kale|vitamin k|"
           r"orange juice|salt|potassium rich)\b")
_STORAGE = _r(r"\b(store|storing|storage|stored|fridge|refrigerate|refrigerated|refrigerator|"
              r"room temperature|kept in|keep (it|them) in|expired|expire|expires|expiration|expiry|"
              r"out of date|shelf life|dispose|disposal|throw (it |them )?(away|out)|get rid of|flush|"
              r"hot car|in the car|freeze|frozen|freezer|humid|humidity|opened|once open|after opening)\b")
_DRIVING = _r(r"\b((?<!sex )drive|(?<!sex )driving|drove|car|operate|operating|machinery|machines|behind the wheel|"
              r"fly a plane|pilot)\b")
_COLOUR = r"(white|blue|yellow|pink|orange|green|purple|red|peach|brown|grey|gray|round|oval|oblong)"
_APPEARANCE = _r(rf"\b({_COLOUR} (pill|pills|tablet|tablets|capsule|capsules|one|ones)|"
                 rf"(is|are) {D} (an? )?{_COLOUR}|look like|looks like|color|colour|colors|colours|shape|shaped|imprint|marking|"
                 r"markings|stamped|engraved|says \w+ on|"
                 r"pill identifier|identify)\b")
_SYMPTOM = _r(r"\b(rash|rashes|hives|bruis\w*|blisters?|swelling|swollen|spots|itch\w*)\b")
_INGREDIENTS = _r(r"\b(ingredient|ingredients|inactive|contain|contains|gluten|lactose|dyes?|gelatin|"
                  r"vegan|vegetarian|sugar free|made (of|from|with)|excipients?|whats in|what is in|"
                  r"what s in|mix of|combination of)\b")
_WHO = _r(r"\b(who should not|who shouldnt|who cant|who cannot|who can not|shouldnt take|should not take|"
          r"contraindications?|contraindicated|allergic to|allergy to|kidney|kidneys|renal|liver|"
          r"hepatic|heart failure|heart disease|heart problems?|heart condition|glaucoma|"
          r"elderly|older adults?|older people|seniors?|old people|over 65|year old|month old|"
          r"my (child|son|daughter|baby|kid|toddler)|children|kids|teenagers?|teens|"
          r"had a heart attack|had a stroke|myasthenia|safe for (people|someone|me)|"
          r"i have \w+( \w+)? (can|is|should)|if i have|with (epilepsy|asthma|diabetes|high blood pressure))\b")
_INTERACT = _r(rf"\b(interact|interacts|interaction|interactions|interfere|interferes|mix|mixing|mixed|"
               rf"combine|combined|combining|together|at the same time|same time as|along with|"
               rf"on top of|clash|mess with|cancel out|with my|with other|with any|with another|"
               rf"avoid (with|while)|safe with|ok with|okay with|while on {D}|{D} and {D}|{D} with {D}|"
               rf"{D} plus {D}|{D} (and|with|plus|\+) \w+ {D})\b")
_INTERACT_WORDS = _r(r"\b(interact\w*|mix|mixing|combine|combining|together|at the same time|same time as|"
                     r"clash|with each other)\b")
_DOSE = _r(rf"\b(dose|doses|dosage|dosages|doseage|dosing|dossage|how much|how many mg|how many (pills|tablets|"
           rf"tabs|capsules|can|should|do|{D})|max|maximum|highest|lowest|starting dose|start (on|with)|"
           rf"strength|strengths|mg a day|milligrams|per day|a day|daily limit|at once|"
           rf"(can|should) i take (it |{D} |my {D} )?(twice|again|another)|"
           rf"can i take (\d+|two|three|four|another|more|an extra)|up my dose|increase (my|the) dose|"
           rf"lower (my|the) dose|double (my|the) \w* ?dose|enough|one pill|single dose|how many pills)\b"
           r"|\b\d+ ?(mg|mcg)\b.{0,30}\b(normal|high|low|ok|okay|safe|enough|a lot)\b")
_HOW_TO_TAKE = _r(rf"\b(how (do|should|can|would|to) (i |you |we )?(take|use|swallow|inhale|apply|give)|"
                  r"how to (take|use)|how is it taken|when (should|do|can) (i|you) take|what time|"
                  r"time of day|morning|at night|night time|nighttime|evening|bedtime|before bed|crush|"
                  rf"crushed|chew|chewed|chewing|split|cut (it |them |the \w+ |{D} |my {D} |a {D} )?in half|halve|swallow|"
                  r"open the capsules?|sprinkle|how often|how many times|times a day|once a day|"
                  r"twice a day|every \d+ hours|with water|puffs?|spacer|(instructions|directions) (for|on)|between (\w+ )?doses|how far apart|hours apart|dissolve|dissolves|under (the |my |your )?tongue|where (to|do i|should i) (put|apply|stick|inject)|how (to|do i) (apply|inject|put on)|during (a|an|my) \w+( \w+)? (attack|flare|flare up|episode)|best time|when to take)\b")
_ONSET = _r(r"\b(how long (does|do|will|until|till|before|for|to)\b.{0,40}\b(work|working|kick in|"
            r"start|effect|help|feel|notice|lower|go away|goes away|clear|clears|gone|better)|"
            r"straight away|right away|immediately|kick in|kicks in|start working|starts working|"
            r"begin to work|take effect|takes effect|how (fast|quickly|soon)|when will (i|it|you|{d}) "
            r"(start|feel|work|notice|help|kick)|how long to feel|feel better)\b".replace("{d}", DRUG))
_DURATION = _r(r"\b(how long (can|should|do|will|must|is|am|have|should)|long term|longterm|"
               r"for years|for life|forever|rest of my life|how many days|stay in (your|my|the) "
               r"(system|body|blood)|out of (your|my) system|how long does .{0,30}(stay|last)|"
               r"lasts|last(?! (year|month|week|night|time|dose|few|couple|\d))|every day for|for months|indefinitely|course)\b")
_HOW_IT_WORKS = _r(rf"\b(how (does|dose|do|is|will) (?!i\b|you\b|we\b).{{0,40}}\b(work|works|lower|"
                   rf"lowers|reduce|reduces|help|helps|relax|relaxes|act|acts|treat|treats|thin|thins|block|blocks|"
                   rf"kill|kills|fight|fights|prevent|prevents|control|controls)\b|"
                   rf"how it works|mechanism|mode of action|what does {D} do (to|in|for your body)|"
                   rf"what does (the|a|an) {D}( \w+)? do\b|"
                   rf"works by|what does it do to)")
_SIDE_EFFECTS = _r(r"\b(side (e|a)f+ec?ts?|sideeffects?|adverse|reactions?|cause|causes|causing|"
                   r"caused|feel drunk|feeling drunk|make (you|me|my|your|people|someone) \w+|makes (you|me|my|your) \w+|made (me|my)|making (me|my)|"
                   r"risks?|sex drive|hurts?|upset stomach|(raise|raises|increase|increases) (your |my |the )?"
                   r"(blood pressure|blood sugar|heart rate|cholesterol|weight)|give (you|me) \w+|what (should|to|can) i expect|"
                   r"dreams|sleepwalking|"
                   r"normal to (feel|have|get|be)|feel|feeling|felt|nause\w*|dizz\w*|drowsy|sleepy|"
                   r"tired|fatigue|headaches?|diarrh\w*|constipat\w*|rash|itch\w*|weight|hair|"
                   r"insomnia|sweat\w*|dry mouth|sexual|libido|erectile|muscle pain|palpitations|"
                   r"heart (is |keeps )?(race|racing|pounding)|sensitive to (the )?sun|sunburn|since (starting|taking|"
                   r"i started)|after (taking|starting)|symptoms|risk of|nightmares|vomit\w*|"
                   r"bruis\w*|bleeding|shaky|jittery|anxious|numb|cough|coughing|swelling|swollen|cramps?|"
                   r"hair loss|falling out|blurry|blurred|ringing|tinnitus|mood swings|"
                   r"ankles?|yawning|twitch\w*|tremors?)\b")
_SIDE_EFFECTS_STRONG = _r(
    rf"\b(can|does|do|could|will|would|might|may) {D}( \w+)? (cause|causes|give (you|me)|make (you|me) (\w+ )?"
    rf"(sick|tired|sleepy|dizzy|gain|lose|fat|hungry|sweat|itch))\b"
    r"|\b(after|since) (taking|starting|using|the first|my first|his first|her first|their first|a dose of|"
    r"(i|he|she|they) (took|started|takes))\b")
_SE_NOT = _r(r"\b(how long|how soon|how many hours|when can|can i|should i|is it ok|okay to|wait|safe to|before)\b")
_HOW_IT_WORKS_STRONG = _r(rf"\bhow (does|do|will|can) (it|{D}|they|this|that) (\w+ )?(work|works|reverse|reverses|block|"
                          rf"blocks|undo|undoes)\b")
_HISTORY = _r(r"\b(i|ive|he|she|hes|shes|we|they|my \w+) (had|have had|has had|had had) (a |an )?(seizure|seizures|stroke|"
              r"heart attack|ulcer|ulcers|stomach ulcer|bleed|bleeding|blood clots?|clots?|kidney stones|pancreatitis|"
              r"allergic reaction|bad reaction|reaction|cancer|liver problems|kidney problems|surgery|transplant)\b"
              r"|\b(had|have had|has had) (a |an |some )?(\w+ ){1,2}(last (year|month|week)|\w+ ago|in the past)\b"
              rf"|\b(is|are) {D} (ok|okay|safe|alright) for me\b")
_USES_WORK = _r(rf"\b(does|do|will|can|would|could) (it|{D}) (work|help|be used) (for|on|against)\b")
_USES_STOP = _r(rf"\b(does|do|will|can|would|could) {D} (stop|prevent|cure|fix|control|get rid of|clear up) (my |the |your |"
                rf"his |her )?(seizures|fits|migraines?|headaches?|pain|anxiety|panic attacks|acne|infections?|"
                rf"spasms|cravings|hot flashes|nausea|heartburn|reflux|allergies|cough|depression|insomnia|"
                rf"tremors?|itching|swelling|breakouts|psoriasis|gout|angina|chest pain)\b")
_ALTERNATIVES = _r(r"\b(instead|alternative|alternatives|substitute|other than|besides|something else|"
                   r"other options?|options|replace|replacement|switch|switching|similar to|natural|"
                   r"naturally|non drug|without medicine|other medicines? for)\b")
_USES = _r(rf"\b(used for|use for|used to|use it for|uses|for what|what is it for|whats it for|"
           rf"what is {D} for|whats {D} for|what {D} is for|treat|treats|treating|treatment for|"
           rf"help with|helps with|help for|help my|good for|work for|works for|prescribed for|"
           rf"prescribe|prescribed|why would|why do (people|doctors)|indication|indications|indicated|"
           rf"conditions|what does {D} do$|what do {D} do$|what (does|do) {D} do for (?!your body)|{D} for \w+|what can i take for|"
           rf"what helps|medicine for|medication for|something for|take for)\b")
_USES_STRONG = _r(rf"^{D} for (?!(a|an|the|how|my|your)\b)\w+|\b(can|should|could|do) (i|you|we|people) (take|use|try) {D} for\b|\b{D} for (it|that|this)\b"
                  rf"|\b(is|are) {D} (good|used|ok|okay|meant|approved) for\b")
_WHAT_IS = _r(rf"\b(what is|whats|what are|tell me about|info|information|(know|all|info|information|more) about|"
              rf"explain|describe|"
              rf"what kind of|what type of|what class|narcotic|opioid|controlled|benzo|steroid|"
              rf"addictive|prescription|over the counter|otc|schedule|is {D} an? \w+)\b"
              rf"|\bwhat (exactly|actually|really) is\b|^(is|are) {D} (an? )?\w+( \w+)?$")


def classify(masked: str, n_medicines: int, same_medicine_twice: bool, has_medicine: bool) -> str:
    """The question's type, by ordered rules on the text with medicine names masked."""
    t = masked
    if re.fullmatch(rf"(is|are) {D} (an? )?{D}", t):
        return "what_is"  # "is amoxicillin a penicillin"
    if n_medicines >= 2 and _COMPARE_STRONG.search(t) and not _INTERACT_WORDS.search(t):
        return "comparison"
    if n_medicines >= 2 and re.search(r"\b(same as|same thing as|instead of|in place of|the same( thing| drug| medicine)?$)\b", t):
        return "comparison" if "same" in t else "alternatives"
    if n_medicines == 1 and _COMPARE_ONE.search(t):
        return "comparison"
    if same_medicine_twice and _SAME_AS.search(t):
        return "brand_names"
    if _COST.search(t):
        return "other"
    if _DOSE_TOO_MUCH.search(t):
        return "dose"
    if _MISSED.search(t) and not re.search(r"\b(took|taken) (too|\d+|two|three|extra|double)", t):
        return "missed_dose"
    if _HOW_IT_WORKS_STRONG.search(t) and has_medicine:
        return "how_it_works"  # "narcan, how does it reverse an overdose"
    if _USES_WORK.search(t) and has_medicine and not _ONSET.search(t):
        return "uses"  # "does naloxone work for fentanyl overdoses"
    if (_OVERDOSE.search(t) or _LETHAL.search(t)) and not _OVERDOSE_PURPOSE.search(t):
        return "overdose"
    if _STOPPING.search(t):
        return "stopping"
    if _PREGNANCY.search(t):
        return "pregnancy"
    if _BREASTFEEDING.search(t):
        return "breastfeeding"
    if _ALCOHOL.search(t):
        return "alcohol"
    if _STORAGE.search(t):
        return "storage"
    if _FOOD.search(t):
        return "food"
    if _DRIVING.search(t):
        return "driving"
    if _APPEARANCE.search(t) and not _SYMPTOM.search(t):
        return "appearance"
    if _INGREDIENTS.search(t):
        return "ingredients"
    if _SAME_AS.search(t) and has_medicine:
        return "brand_names"
    if _ONSET.search(t):
        return "onset"
    if _HOW_IT_WORKS.search(t):
        return "how_it_works"
    if _DOSE_AMOUNT.search(t):
        return "dose"  # "is 2 tylenol extra strength every 6 hours ok"
    if _HOW_TO_TAKE.search(t):
        return "how_to_take"
    if _DOSE.search(t):
        return "dose"
    if _DURATION.search(t):
        return "duration"
    if _USES_STOP.search(t):
        return "uses"
    if _SIDE_EFFECTS_STRONG.search(t) and not _SE_NOT.search(t):
        return "side_effects"
    if _WHO.search(t) or _HISTORY.search(t):
        return "who_should_not_take"
    if _INTERACT.search(t) or n_medicines >= 2:
        if n_medicines >= 2 and re.search(rf"\b{D} or {D}\b", t):
            return "comparison"
        return "interactions"
    if _ALTERNATIVES.search(t):
        return "alternatives"
    if _USES_STRONG.search(t):
        return "uses"
    if _SIDE_EFFECTS.search(t):
        return "side_effects"
    if _USES.search(t):
        return "uses"
    if _WHAT_IS.search(t):
        return "what_is"
    words = [w for w in t.split() if w not in _STOP and w not in {"pill", "pills", "medicine", "tablet",
                                                                   "tablets", "medication", "drug"}]
    if has_medicine and all(w == DRUG or w.isdigit() or w in {"mg", "mcg"} for w in words):
        return "what_is"  # just a name: "zoloft", "baclofen 10 mg"
    return "other"


# -- putting it together ---------------------------------------------------------------------------

def understand(lib: Library, question: str | None) -> Understanding:
    shown, truncated = clean_question(question)
    text = normalise(shown)
    tokens = text.split()
    index = name_index(lib)
    mentions = find_medicines(tokens, index)
    distinct = {m.slug or m.name for m in mentions}
    same_twice = len(mentions) >= 2 and len(distinct) == 1
    masked = mask(tokens, mentions)
    substance = find_substance([t for i, t in enumerate(tokens)
                                if not any(m.start <= i < m.end for m in mentions)])
    n_other = len(distinct) + (1 if substance and substance[0] not in {"food", "dairy"} else 0)
    intent = classify(masked, len(distinct), same_twice, bool(mentions))
    if intent == "other" and substance and mentions:
        intent = {"alcohol": "alcohol", "grapefruit": "food", "caffeine": "food", "dairy": "food",
                  "food": "food"}.get(substance[0], "interactions")
    if intent == "interactions" and substance and substance[0] == "alcohol":
        intent = "alcohol"
    u = Understanding(question=shown, truncated=truncated, text=text, tokens=tokens, mentions=mentions,
                      intent=intent)
    u.medicine_words = any(t in MEDICINE_WORDS for t in tokens)
    u.medical = bool(mentions) or u.medicine_words
    # the other thing in an interaction question: a second medicine, or a substance
    if intent in {"interactions", "alcohol", "food"} and n_other >= 1:
        if len(distinct) >= 2:
            second = [m for m in mentions if (m.slug or m.name) != (mentions[0].slug or mentions[0].name)][0]
            u.other = second.slug or second.name
        elif substance:
            u.other, u.other_terms = substance
        elif intent == "alcohol":
            u.other, u.other_terms = "alcohol", ("alcohol",)
    if intent == "alcohol" and u.other is None:
        u.other, u.other_terms = "alcohol", ("alcohol",)
    if not mentions:
        u.conditions = find_conditions(tokens, index)
        slugs: dict[str, None] = {}
        for c in u.conditions:
            for s in index.conditions[c]:
                slugs.setdefault(s, None)
        u.condition_slugs = list(slugs)
        if u.conditions:
            u.medical = True
    if not mentions and not any(t in MEDICINE_WORDS for t in tokens):
        # no medicine named at all: a question about what treats a condition, or out of scope
        if u.conditions and re.search(r"\b(what can i take|what helps|what is good|what works|treat|"
                                      r"treats|treatment|help with|helps with|take for|for my)\b", masked):
            u.intent = "uses"
        elif u.intent != "overdose":
            u.intent = "other"
    if not mentions and u.intent in {"what_is", "how_it_works", "brand_names", "ingredients", "appearance",
                                     "comparison", "alternatives"}:
        u.intent = "other"  # these need a medicine to be about
    return u
