"""Label words -> everyday words: somnolence -> sleepiness, pruritus -> itching.

The glossary (data/glossary.tsv) is ours, written for patients. It is applied in one pass,
longest term first, so "orthostatic hypotension" wins over "hypotension" and a replacement is
never replaced again. Matching is whole-word and keeps the case of the text: "Hypotension"
becomes "Low blood pressure". A term written with capitals (MI, CHD) is an abbreviation and
matches only in that exact case, so "mi" inside ordinary text is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from healthlib.model.text import indefinite_article


@dataclass(frozen=True, eq=False)
class Glossary:
    terms: dict[str, str]  # term as written in the file -> plain words
    folded: dict[str, str]  # lower-cased term -> plain words, for the case-insensitive terms
    pattern: re.Pattern[str]
    exact: frozenset[str]  # abbreviations, matched case-sensitively

    def lookup(self, found: str) -> str | None:
        if found in self.exact:
            return self.terms[found]
        return self.folded.get(found.lower())


def _read() -> dict[str, str]:
    path = resources.files("healthlib") / "data" / "glossary.tsv"
    terms: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        term, sep, plain_words = line.partition("\t")
        if not sep or not term.strip() or not plain_words.strip():
            raise ValueError(f"glossary.tsv:{number}: expected 'term<TAB>plain words'")
        if term.strip() in terms:
            raise ValueError(f"glossary.tsv:{number}: '{term.strip()}' is listed twice")
        # A term mapped to itself guards a longer phrase: "hepatitis C" stays as it is.
        terms[term.strip()] = plain_words.strip()
    return terms


@cache
def glossary() -> Glossary:
    terms = _read()
    exact = frozenset(t for t in terms if t != t.lower())
    folded = {t.lower(): p for t, p in terms.items() if t not in exact}
    # Hundreds of alternatives are slow as a flat list ("a|b|c|..."), so they are compiled
    # as a trie ("hyper(?:tension|kalemia)"): the regex engine then follows one branch.
    body = _trie(sorted(exact))
    if folded:
        body = f"{body}|(?i:{_trie(sorted(folded))})" if exact else f"(?i:{_trie(sorted(folded))})"
    # (?<!\w) and (?!\w) rather than \b, so terms ending in a dot ("b.i.d.") still match whole.
    pattern = re.compile(r"(?<![\w-])(?=\w)(?:" + body + r")(?![\w-])")
    return Glossary(terms, folded, pattern, exact)


def _trie(words: list[str]) -> str:
    """A regex matching exactly `words`, longest first, built as a trie; spaces match any run
    of whitespace."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict) -> str:
        branches = []
        ends = "" in node
        for char in sorted(k for k in node if k):
            piece = r"\s+" if char == " " else re.escape(char)
            branches.append(piece + render(node[char]))
        if not branches:
            return ""
        # Longer continuations are tried before stopping here, so the longest term wins.
        group = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{group})?" if ends else group

    return render(root)


def plain(text: str, *, explain: bool = False) -> str:
    """`text` with label terms in everyday words.

    With `explain`, a single medical word is kept in brackets the first time ("itching
    (pruritus)"), so a reader can match it with what a doctor or leaflet says.
    """
    g = glossary()
    explained: set[str] = set()

    def swap(match: re.Match[str]) -> str:
        found = match.group(0)
        words = g.lookup(" ".join(found.split()))
        if words is None or _inside_named_term(text, match):
            return found
        if found in g.exact and text[:match.start()].endswith("(") and text[match.end():].startswith(")"):
            return found  # "myocardial infarction (MI)": the bracket names the term before it
        key = found.lower()
        # Explain single medical words only: "pain in extremity" needs no bracket after it.
        if (explain and " " not in key and key not in explained and found not in g.exact
                and key not in words.lower()):
            explained.add(key)
            words = f"{words} ({key})"
        starts = not text[:match.start()].rstrip() or text[:match.start()].rstrip()[-1] in ".!?:;("
        # "2 mg q.d." at the very end: the term's last dot also ended the sentence
        end = "." if found.endswith(".") and not text[match.end():].strip() else ""
        return _MARK + _match_case(found, words, starts) + end

    marked = g.pattern.sub(swap, text)
    # "an encephalopathic syndrome" -> "a brain disorder": fix the article a swap left behind
    marked = _ARTICLE.sub(lambda m: _article(m.group(1), m.group(2)) + " " + m.group(2), marked)
    return marked.replace(_MARK, "")


def _inside_named_term(text: str, match: re.Match[str]) -> bool:
    """True when the match is one word of a longer term that an abbreviation right after it
    names ("…anterior ischemic optic neuropathy (NAION)"): swapping a word inside it would turn
    the term into nonsense, so the whole term is left as the label wrote it."""
    after = re.match(r"\s*((?:[\w-]+\s+){0,5}?)\(([A-Z]{3,8})s?\)", text[match.end():])
    if not after:
        return False
    abbreviation = after.group(2)
    words = re.split(r"[\s-]+", (text[:match.end()] + " " + after.group(1)).strip())
    tail = words[-len(abbreviation):]
    spelled = "".join(w[:1] for w in tail).upper()
    return len(tail) == len(abbreviation) and spelled == abbreviation and len(tail) > len(match.group(0).split())


_MARK = "\x00"
_ARTICLE = re.compile(r"\b([Aa]n?) \x00(\w+)")


def _article(article: str, word: str) -> str:
    """The article for `word`, in the case the replaced one had ("An" at a sentence start)."""
    chosen = indefinite_article(word)
    return chosen.capitalize() if article[0].isupper() else chosen


def terms_in(text: str) -> list[tuple[str, str]]:
    """(label term, plain words) for each glossary term in `text`, first-seen order."""
    g = glossary()
    seen: dict[str, str] = {}
    for match in g.pattern.finditer(text):
        found = " ".join(match.group(0).split())
        words = g.lookup(found)
        if words is not None:
            seen.setdefault(found.lower(), words)
    return list(seen.items())


def _match_case(found: str, words: str, sentence_start: bool) -> str:
    if found in glossary().exact:
        return words  # an abbreviation's capitals say nothing about the words that replace it
    if len(found) > 1 and found.isupper():
        return words.upper()
    # "Neuroleptic Malignant Syndrome" mid-sentence is a Title Case term, not a sentence start
    if found[:1].isupper() and sentence_start:
        return words[:1].upper() + words[1:]
    return words
