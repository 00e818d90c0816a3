"""Names as the library compares them: folding, slugs and the base ingredient of a salt.

Two ways of folding text, on purpose different:
- `normalize` folds a *name* (accents, case, punctuation) so 'Lipitor®' finds 'lipitor'. The
  names table, search and the interaction checker compare names this way.
- `question_words` folds a *question* typed by a person: it also drops apostrophes ("can't" ->
  "cant"), splits "10mg" into "10 mg" and reads chat spellings as words ("u" -> "you"), so the
  answerer sees the words meant. It takes the spelling table so the answerer keeps its word
  lists with its other data.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

_NON_WORD = re.compile(r"[^a-z0-9]+")
_TOKEN = re.compile(r"[a-z0-9]+")
_LETTER_DIGIT = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")


def _ascii_lower(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def normalize(text: str) -> str:
    """Lower case, accents and punctuation folded to single spaces: 'Lipitor®' -> 'lipitor'."""
    return _NON_WORD.sub(" ", _ascii_lower(text)).strip()


def slugify(text: str) -> str:
    """The address form of a name: 'Atorvastatin Calcium' -> 'atorvastatin-calcium'."""
    return normalize(text).replace(" ", "-")


def question_words(text: str, spellings: Mapping[str, str] | None = None) -> str:
    """Lower case ASCII words: "Can't take Lipitor®, 10mg?" -> "cant take lipitor 10 mg"."""
    text = re.sub(r"['`\u2019\u02bc]", "", _ascii_lower(text))
    text = _LETTER_DIGIT.sub(" ", text)
    words: list[str] = []
    for w in _TOKEN.findall(text):
        words.extend((spellings or {}).get(w, w).split())
    return " ".join(words)


# Counter-ions, salts and hydrates that name a form of the ingredient, not the ingredient.
_SALT_TEXT = """
acetate anhydrous besylate besilate bitartrate bromide calcium carbonate chloride citrate
dihydrate dihydrochloride disodium dipotassium edisylate estolate ethylsuccinate fumarate
gluconate hcl hemihydrate hemifumarate hyclate hydrobromide hydrochloride hydrate lactate
lysine magnesium maleate malate mesylate methylbromide monohydrate monosodium napsylate
nitrate oxalate pamoate phosphate potassium propionate sesquihydrate sodium stearate
succinate sulfate sulphate tartrate tosylate trihydrate tromethamine valerate xinafoate
mononitrate dimesylate diphosphate decanoate lauroxil palmitate
"""
_SALT_WORDS = frozenset(_SALT_TEXT.split())
# Words that are the medicine itself when they come first (calcium carbonate, sodium chloride).
_ELEMENTS = frozenset({"calcium", "magnesium", "potassium", "sodium", "zinc", "lithium", "iron", "aluminum"})


def base_ingredient(name: str) -> str:
    """'ATORVASTATIN CALCIUM TRIHYDRATE' -> 'atorvastatin'; 'calcium carbonate' stays itself."""
    words = re.sub(r"[^a-z0-9\-\s]", " ", name.lower()).split()
    if not words or words[0] in _ELEMENTS:
        return " ".join(words)
    while len(words) > 1 and words[-1] in _SALT_WORDS:
        words.pop()
    return " ".join(words)


def ingredient_key(names: Iterable[str]) -> tuple[str, ...]:
    """The sorted set of base ingredients: the key that groups labels into one medicine."""
    return tuple(sorted({base_ingredient(n) for n in names if base_ingredient(n)}))
