"""Cleaning and normalising a question's words: one home for the answerer's text handling."""

from __future__ import annotations

import re
from functools import lru_cache

from healthlib.model.names import question_words

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
    "b4": "before", "2nite": "tonight", "tonite": "tonight", "nite": "night",
    "thx": "thanks", "ty": "thanks", "idk": "i do not know", "pregnat": "pregnant",
    "prego": "pregnant", "sideeffects": "side effects", "sideffects": "side effects",
    "sideaffects": "side affects", "dosage": "dosage", "v": "vs", "alot": "a lot",
}

# Words never taken for a misspelled medicine name (besides COMMON_WORDS and the guides' words).
STOP_WORDS = frozenset(["what", "whats", "when", "where", "which", "who", "whom", "whose", "why", "how", "is", "are", "was", "were", "be", "been", "am", "do", "does", "did", "can", "could", "should", "would", "will", "shall", "may", "might", "must", "have", "has", "had", "the", "a", "an", "and", "or", "but", "if", "then", "than", "so", "of", "to", "in", "on", "at", "by", "for", "with", "from", "about", "into", "onto", "over", "under", "after", "before", "during", "while", "since", "until", "till", "as", "it", "its", "it's", "this", "that", "these", "those", "my", "your", "his", "her", "our", "their", "me", "you", "him", "us", "them", "i", "im", "ive", "id", "ill", "he", "she", "we", "they", "not", "no", "yes", "ok", "okay", "please", "thanks", "hi", "hey", "hello", "also", "just", "really", "very", "much", "many", "more", "most", "less", "any", "some", "all", "each", "every", "other", "another", "same", "such", "own", "too", "again", "still", "even", "ever", "never", "always", "often", "sometimes"])

_TOKEN_RE = re.compile(r"[a-z0-9]+")
_LETTER_DIGIT = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")
_PLAIN = re.compile(r"[a-z ]*")  # already lower-case letters: most dictionary names
_TAG_RE = re.compile(r"<[^>]{0,200}>")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")


def _cleaned(raw: str | None) -> tuple[str, bool]:
    text = raw or ""
    truncated = len(text) > MAX_QUESTION * 4
    text = text[: MAX_QUESTION * 4]  # bound the work before any regex runs
    text = _TAG_RE.sub(" ", text)
    text = _CONTROL_RE.sub(" ", text).replace("<", " ").replace(">", " ")
    return " ".join(text.split()), truncated


def clean_question(raw: str | None) -> tuple[str, bool]:
    """The question as it may be shown back: no tags or control characters, one line, capped."""
    text, truncated = _cleaned(raw)
    if len(text) > MAX_QUESTION:
        cut = text[:MAX_QUESTION]
        text = cut.rsplit(" ", 1)[0] if " " in cut[-40:] else cut
        truncated = True
    return text, truncated


def whole_question(raw: str | None) -> str:
    """The question cleaned but not cut at MAX_QUESTION (still bounded): what the red flags read, so an
    emergency told at the end of a long message is not cut off with its background."""
    return _cleaned(raw)[0]


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Lower case ASCII words, chat spellings read: "Can't take Lipitor®, 10mg?" -> "cant take lipitor 10 mg"."""
    return question_words(text, _SLANG)


_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
_QUESTION_FIRST = re.compile(r"^(how|what|whats|what's|when|where|which|who|why|can|could|is|are|am|does|do|did|"
                             r"should|will|would|may|might|any)\b", re.I)
LONG_MESSAGE_WORDS = 25  # a message longer than this is a story with a question in it


def asked_sentences(text: str) -> str:
    """The sentences of a long message that ask something (a question mark, or a question word
    first); "" when none does. A short message is all question: returned whole."""
    if len(text.split()) <= LONG_MESSAGE_WORDS:
        return text
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
    return " ".join(s for s in sentences if "?" in s or _QUESTION_FIRST.match(s.strip()))


_REQUEST = re.compile(r"\b(is there|are there|is it|is this|can i|could i|should i|do i|must i|wondering|wonder if|"
                      r"tell me|let me know|want to know|need to know|like to know|please advise|please explain|"
                      r"any advice|any harm|any idea|any info)\b")


def sentence_ranges(text: str) -> list[tuple[int, int, bool]]:
    """Each sentence's token range (in `normalise(text).split()`) and whether it asks: a question
    mark, a question word first, or a request ("is there", "wondering if", "tell me")."""
    out: list[tuple[int, int, bool]] = []
    i = 0
    for s in _SENTENCE_END.split(text):
        n = len(normalise(s).split())
        if n:
            s = s.strip()
            out.append((i, i + n, bool("?" in s or _QUESTION_FIRST.match(s) or _REQUEST.search(normalise(s)))))
            i += n
    return out


def asking_ranges(text: str) -> list[tuple[int, int]]:
    """Token ranges of the sentences that ask; the last sentence when none does. A subject line
    before the message ("Simvastatin.") asks nothing."""
    sentences = sentence_ranges(text)
    asking = [(a, b) for a, b, asks in sentences if asks]
    return (asking or [sentences[-1][:2]]) if sentences else []


def mask(tokens: list[str], spans: list[tuple[int, int]]) -> str:
    """The question with every medicine name (token spans) replaced by one placeholder word."""
    out: list[str] = []
    i = 0
    for start, end in sorted(spans):
        if start < i:
            continue
        out.extend(tokens[i:start])
        out.append(DRUG)
        i = end
    out.extend(tokens[i:])
    return " ".join(out)
