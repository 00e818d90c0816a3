"""Label text as words and sentences: cleaning, sentence splitting, names and cases, and the
plain-language clean-up applied to what becomes a fact.

Quoted excerpts (see excerpt_of) keep the label's own words. Facts go through
`shorter_sentences`, which only splits where a meaning cannot change: at a semicolon between two
full clauses, at ", and" / ", but" / ", so" where the words after it have their own verb, a reason
given first ("Since A, B" -> "A. So B.") and a description of what was just named ("X, the
enzyme that ..." -> "X. This is the enzyme that ..."). Words are never dropped, except linking
words a split makes redundant; numbers, doses and units are untouched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

NUM = r"\d+(?:\.\d+)?"  # a number as labels write it: "10", "0.5"

_REFS = re.compile(  # no leading \s*: a pattern that starts with "[" or "(" is found fast
    r"\[\s*see [^\]]*\]"  # [see Warnings and Precautions (5.1)]
    r"|\(\s*(?:see [^)]*|\d+(?:\.\d+)*(?:\s*,\s*\d+(?:\.\d+)*)*)\s*\)",  # (5.1, 8.5), (see WARNINGS)
    re.IGNORECASE,
)
_ABBREVIATIONS = re.compile(r"(?:\b(?:e\.g|i\.e|etc|vs|approx|Dr|No|Fig|U\.S|b\.i\.d|t\.i\.d|q\.i\.d|St)\.|\b[A-Z]\.)$")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9•])")


_CHART_REF = re.compile(r"\s*\((?:see|refer to) (?:the )?(?:dosing )?(?:chart|table)s? (?:below|above)\.?\)",
                        re.IGNORECASE)


def clean(text: str) -> str:
    """Whitespace folded, cross-references ("(5.1)", "[see ...]") and bullets removed."""
    text = _REFS.sub("", text)
    text = _CHART_REF.sub("", text)  # the label's chart is not shown, so no pointer to it either
    text = text.replace("•", " ")
    text = " ".join(text.split())
    return re.sub(r"\s+([.,;:)])", r"\1", text).strip()


def sentences(text: str) -> list[str]:
    pieces = _SENTENCE_BREAK.split(" ".join(text.split()))
    merged: list[str] = []
    for piece in pieces:
        if merged and _ABBREVIATIONS.search(merged[-1]):
            merged[-1] += " " + piece
        else:
            merged.append(piece)
    return [p.strip() for p in merged if p.strip()]


def split_bullets(text: str) -> list[str]:
    return [clean(p).strip(" -–;,") for p in text.split("•") if clean(p).strip(" -–;,:")]


def tidy_name(name: str) -> str:
    """'LIPITOR' -> 'Lipitor', 'TRIAMINIC Childrens' -> 'Triaminic Childrens'; short capitals
    (PM, XR, HCT) are kept, as are words the label writes in mixed case."""
    words = name.replace("®", "").replace("™", "").split()
    return " ".join(w.capitalize() if w.isupper() and len(w) > 4 else w for w in words)


def name_case(name: str) -> str:
    """A table's 'Muscle Spasms' -> 'muscle spasms'; capitals of abbreviations stay."""
    return " ".join(w if (w.isupper() and len(w) > 1) or re.search(r"[A-Z].*[A-Z]", w) else w.lower()
                    for w in name.split())


def sentence_case(title: str) -> str:
    """'Increased Mortality in Elderly Patients' -> 'Increased mortality in elderly patients';
    short all-capital words (QT, NMS, HIV) keep their capitals."""
    words = title.split()
    shouting = title.isupper()
    out = []
    for i, word in enumerate(words):
        bare = re.sub(r"[^A-Za-z]", "", word)
        keep = bare.isupper() and len(bare) <= 4 and (not shouting or bare.lower() not in _SMALL_WORDS)
        if shouting and len(bare) > 4:
            keep = False
        out.append(word if keep or (i == 0 and not shouting) else word.lower())
    text = " ".join(out)
    return text[:1].upper() + text[1:]


_SMALL_WORDS = {"and", "or", "the", "of", "in", "with", "for", "to", "a", "an", "on", "at", "by",
                "use", "not", "may", "can", "be", "is", "are", "risk", "new", "all", "if", "do"}


def excerpt_of(texts: Iterable[str], limit: int = 1500) -> str:
    """Whole sentences of label text up to `limit` characters, marked where it was cut."""
    out: list[str] = []
    size = 0
    for text in texts:
        for s in sentences(" ".join(text.split())):
            if size + len(s) > limit and out:
                return " ".join(out) + " […]"
            out.append(s)
            size += len(s) + 1
    return " ".join(out)


# --- Shorter sentences for facts (never for quoted excerpts) ---

# A finite verb near the start of a clause: the sign that it can stand as a sentence.
# Bare forms ("increase", "pass") are left out: after "A, B, and" they are more often a second
# verb of the same subject ("reduce X, and increase Y") than a clause of their own.
_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|may|might|can|cannot|could|should|must|will|would|does|did|"
    r"appears|appeared|occurs|occurred|passes|increases|decreases|causes|caused|suggests|"
    r"includes|included|remains|becomes|seems|reduces)\b", re.I)
# Words that start a phrase tied to what came before, not a new clause ("but with risk factors").
_NOT_A_SUBJECT = re.compile(
    r"(?i)^(?:with|without|in|on|at|for|from|to|by|of|as|than|when|if|or|and|not|only|also|then|"
    r"increase|reduce|decrease|lower|raise|treat|prevent|take|use|give|stop|avoid|who|which|where|"
    r"whose|including|especially|particularly)\b|^\d")
_LINKING = re.compile(r"(?i)^(?:thus|therefore|hence|consequently|however),?\s+")
# "..., the enzyme that converts ...": a description of what was just named, said on its own.
_APPOSITIVE = re.compile(r",\s+(?=the\s+(?:[\w-]+\s+){0,3}(?:that|which)\s+[a-z]+s\b)")
_JOINS = re.compile(r";\s+|,\s+(?:and|but|so)\s+")


def shorter_sentences(text: str) -> str:
    """Each long sentence of `text` split into full sentences where that is safe."""
    return " ".join(" ".join(_split_sentence(s)) for s in sentences(text))


def _split_sentence(sentence: str) -> list[str]:
    if len(sentence.split()) < 12:
        return [sentence]
    cause = _cause_first(sentence)
    if cause:
        return [*_split_sentence(cause[0]), *_split_sentence(cause[1])]
    aside = _APPOSITIVE.search(sentence)
    if aside and _splittable(sentence[:aside.start()], "it is " + sentence[aside.end():]):
        return [sentence[:aside.start()] + ".", *_split_sentence("This is " + sentence[aside.start() + 1:].strip())]
    for m in _JOINS.finditer(sentence):
        left, right = sentence[:m.start()], sentence[m.end():]
        if not _splittable(left, right):
            continue
        joiner = m.group(0).strip(" ,;").lower()
        right = _LINKING.sub("", right)
        if joiner == "but":
            right = "But " + right
        elif joiner == "so":
            right = "So " + right
        elif right[:1].islower() and not re.match(r"[a-z]+[A-Z]", right):  # "iPad" stays as it is
            right = right[:1].upper() + right[1:]
        end = "" if left.rstrip().endswith((".", "!", "?")) else "."
        return [left.rstrip() + end, *_split_sentence(right)]
    return [sentence]


def _splittable(left: str, right: str) -> bool:
    if left.count("(") != left.count(")") or left.count("[") != left.count("]"):
        return False  # inside brackets: a list, not two clauses
    if left.count("“") != left.count("”") or left.count('"') % 2:
        return False
    left_words, right_words = left.split(), right.split()
    if len(left_words) < 5 or len(right_words) < 4:
        return False
    if ":" in left and len(left.split(":")[-1].split()) < 5:
        return False  # "Pregnancy: a; b" -- items after a colon
    right = _LINKING.sub("", right)
    if _NOT_A_SUBJECT.match(right):
        return False
    first_verb = _VERB.search(" ".join(right.split()[:10]))
    return bool(first_verb) and first_verb.start() > 0 and bool(_VERB.search(left))


_CAUSE = re.compile(r"^(?:Since|Because)\s+(?=\S)")


def _cause_first(sentence: str) -> tuple[str, str] | None:
    """"Since A is B, C should D." -> ("A is B.", "So C should D."): the reason, then what
    follows from it. "Because A and because B, C" keeps both reasons in the first sentence."""
    if not _CAUSE.match(sentence):
        return None
    body = _CAUSE.sub("", sentence)
    for m in re.finditer(r",\s+", body):
        reason, result = re.sub(r"\s+and because\s+", " and ", body[:m.start()]), body[m.end():]
        if not _splittable(reason, result) or len(re.findall(r"(?i)\b(?:since|because)\b", reason)) > 1:
            continue
        if len(reason.split()) < 4:
            return None
        return reason[:1].upper() + reason[1:] + ".", "So " + result
    return None
