"""The style check: does a guide read like a person wrote it, or like a form filled in?

One home for the rules, so the test suite and `healthlib check` report the same problems.
Each rule names a pattern a reviewer found in stitched template prose (issue 10, part 3):

- a doubled lead-in ("with type 1 diabetes with type 1 diabetes");
- a fragment stitched into a template slot that breaks the grammar ("For adults with
  treating…", "Signs can include often no signs…");
- a capital letter after a colon inside a sentence ("Alcohol (serious): Alcohol adds…");
- a generic name capitalised mid-sentence ("Do not take Baclofen if…");
- a lead-in whose list items start with the same words ("Do not take X if…: – Do not take…");
- a sentence said twice in one guide, or an FAQ answer that repeats a section;
- verbal tics ("Put simply, X is…").

A short sentence that only points back to its own list item ("The label says to avoid them.")
means something different in each item and is not counted as a repeat.

The key-facts box is a summary of the guide by design (a phone reader sees it first), so its
sentences are the one place a later sentence may repeat; every other rule applies to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from healthlib.compose.phrasing import sentence_key, split_sentences
from healthlib.model.article import Article

# gerunds that start an indication ("treating a clot"): after "with" they break the grammar
_GERUNDS = ("treating|preventing|lowering|reducing|helping|slowing|managing|relieving|stopping|"
            "controlling|improving|easing|keeping|protecting|replacing|increasing")
_STITCHED = [
    (re.compile(rf"\bwith (?:{_GERUNDS})\b", re.I), "a gerund stitched after 'with'"),
    (re.compile(r"\binclude (?:often|usually|sometimes|mostly|no|none)\b", re.I),
     "a list item that does not fit 'include …'"),
    (re.compile(r"\b(?:for|with|include|includes|are|is):\s*$"), "a sentence cut off by a template"),
]
_TICS = [re.compile(r"\bPut simply,", re.I), re.compile(r"\bIn short, \w+ is\b", re.I)]
_DOUBLED = re.compile(r"\b((?:\w+[ ,]+){2,}?\w+)[ ,]+\1\b", re.I)
# after a colon, a capital is fine for names and abbreviations: "Poison Control", "NSAIDs", "I"
_AFTER_COLON = re.compile(r"(?<!\d):\s+([A-Z][\w'’-]*)")


@dataclass(frozen=True)
class StyleProblem:
    slug: str
    where: str  # section id, "faq-<id>" or "heading"
    rule: str
    text: str

    def __str__(self) -> str:
        return f"{self.slug}: {self.where}: {self.rule}: {self.text[:120]}"


_sentences = split_sentences
_norm = sentence_key


def _texts(article: Article, cells: bool = True) -> Iterable[tuple[str, str, bool]]:
    """(where, text, is_lead) for every piece of prose a reader sees; table cells (which repeat
    by nature: "10 mg once a day" in two rows) only when `cells`."""
    for section in article.sections:
        yield "heading", section.heading, False
        for block in section.blocks:
            if block.type == "excerpt":  # a marked quotation of the label: not our prose
                continue
            if block.text:
                yield section.id, block.text, block.text.rstrip().endswith(":")
            for item in block.items or []:
                yield section.id, item.text, False
            for row in (block.rows or [])[1:] if cells else []:
                for cell in row:
                    yield section.id, cell, False
    for entry in article.faq:
        yield "faq-" + entry.id, entry.question, False
        yield "faq-" + entry.id, entry.answer, False


def style_problems(article: Article, proper_names: Iterable[str] = ()) -> list[StyleProblem]:
    """Every style rule `article` breaks. `proper_names`: words that may follow a colon with a
    capital (brand names); the article's own brand names are always allowed."""
    names = {b.name.split()[0] for b in article.brand_names} | set(proper_names)
    generic_words = _generic_words(article)
    problems: list[StyleProblem] = []

    def add(where: str, rule: str, text: str) -> None:
        problems.append(StyleProblem(article.slug, where, rule, text))

    for where, text, is_lead in _texts(article):
        for pattern, rule in _STITCHED:
            if pattern.search(text) and not (is_lead and rule == "a sentence cut off by a template"):
                add(where, rule, text)
        if any(t.search(text) for t in _TICS):
            add(where, "a verbal tic", text)
        m = _DOUBLED.search(text)
        # a real lead-in has words ("with type 1 diabetes"), not a dose run ("mg, then 1 mg, then")
        if m and len(re.findall(r"[a-z]{3,}", m.group(1), re.I)) >= 2:
            add(where, f"doubled words '{m.group(1)}'", text)
        for m in _AFTER_COLON.finditer(text):
            word = m.group(1)
            if word in names or _is_name_like(word) or m.end() >= len(text.rstrip()) - 1:
                continue
            add(where, f"capital '{word}' after a colon", text)
        for generic in generic_words:
            if _capitalised_mid_sentence(text, generic):
                add(where, f"'{generic}' capitalised mid-sentence", text)
    problems += _repeated_lead_ins(article)
    problems += _repeats(article)
    return problems


def _generic_words(article: Article) -> list[str]:
    """The generic name as written at a sentence start ('Baclofen'), when it is an ordinary word."""
    generic = article.generic_name.strip()
    if not generic or not generic[:1].islower():
        return []
    return [generic[:1].upper() + generic[1:]]


def _is_name_like(word: str) -> bool:
    return (word.isupper() and len(word) > 1) or any(c.isupper() for c in word[1:]) or word in {"I", "Poison"}


def _capitalised_mid_sentence(text: str, display: str) -> bool:
    for m in re.finditer(rf"\b{re.escape(display)}\b", text):
        before = text[:m.start()].rstrip()
        if not before or before[-1] in ".!?\"'(—–-" or before.endswith(":") and m.start() == len(before) + 1 and False:
            continue
        return True
    return False


def _repeated_lead_ins(article: Article) -> list[StyleProblem]:
    found: list[StyleProblem] = []
    for section in article.sections:
        for lead, nxt in zip(section.blocks, section.blocks[1:], strict=False):
            if not (lead.text and lead.text.rstrip().endswith(":") and nxt.items):
                continue
            start = " ".join(_norm(lead.text).split()[:3])
            if any(" ".join(_norm(i.text).split()[:3]) == start for i in nxt.items):
                found.append(StyleProblem(article.slug, section.id, "list items repeat their lead-in", lead.text))
    return found


def _repeats(article: Article) -> list[StyleProblem]:
    """A sentence of five words or more said twice (the key-facts summary aside)."""
    seen: dict[str, str] = {}
    found: list[StyleProblem] = []
    for where, text, _ in _texts(article, cells=False):
        if where in {"heading", "key-facts"}:
            continue
        for sentence in _sentences(text):
            key = _norm(sentence)
            if len(key.split()) < 5 or _points_back(key):
                continue
            if key in seen:
                rule = ("an FAQ answer repeats the guide" if where.startswith("faq-") != seen[key].startswith("faq-")
                        else "a sentence said twice")
                found.append(StyleProblem(article.slug, where, f"{rule} (also in {seen[key]})", sentence))
            else:
                seen[key] = where
    return found


def _points_back(key: str) -> bool:
    """A short sentence that means something only with its item ("The label says to avoid
    them.") says a different thing each time it appears: not a repeat."""
    words = key.split()
    return len(words) <= 6 and bool({"them", "they", "it", "these", "this"} & set(words))


# stock sentences every guide may carry on purpose: safety lines and the labels of the page's
# own parts. A new stock sentence has to be added here, which makes it a decision, not drift.
DELIBERATE_STOCK = frozenset({
    "call 911 or your local emergency number",  # the emergency instruction, never paraphrased
    "never take two doses at once",  # missed-dose safety line
    "tell your doctor and pharmacist about every medicine herbal remedy and supplement you take",
    "the labels usual doses not advice for you",
    "your doctor sets your dose so take it just as they say",
    "you need a prescription for it",
    "what if i miss a dose",
    "get help now see what to do",  # the key-facts link to the overdose answer
    "alcohol see the question about alcohol below",  # the interactions list's link, not a repeat
    "talk with your doctor first if any of these apply to you",
    "some options do not involve medicine",
    "other serious side effects each with what to do",
    "you can take it with or without food",  # a sourced fact many labels share
})


def boilerplate(articles: list[Article], share: float = 0.5, min_guides: int = 10) -> list[str]:
    """Sentences of the composer's own that recur in more than `share` of all guides: a stock
    phrase that every page repeats reads as a form. Returns the sentences."""
    counts: dict[str, int] = {}
    for article in articles:
        keys = {_norm(s) for _, text, _ in _texts(article) for s in _sentences(text) if len(_norm(s).split()) >= 5}
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
    if len(articles) < min_guides:
        return []
    return sorted(k for k, n in counts.items() if n > share * len(articles))
