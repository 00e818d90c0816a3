"""Small helpers for prose that reads like a person wrote it, not a form filled in.

The composer picks among a few ways of saying the same thing. The choice is stable for a
given guide and place (so a rebuild gives the same text) but differs between guides.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

from healthlib.model.text import lower_first, sentence


def pick(options: Sequence[str], *keys: str) -> str:
    """One of `options`, chosen by a stable hash of `keys` (e.g. the slug and a place name)."""
    return options[zlib.crc32("|".join(keys).encode()) % len(options)]


def after_colon(text: str, names: set[str] | frozenset[str] = frozenset()) -> str:
    """`text` as the rest of a sentence after "X: ": a full stop, and no capital unless the
    first word is a name ("Viagra", "NSAIDs", "Poison Control")."""
    text = sentence(text)
    first = text.split(" ", 1)[0].strip(",.;:")
    if first in names or first in {"I", "Poison"} or any(n.startswith(first + " ") for n in names):
        return text
    return lower_first(text)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


def split_sentences(text: str) -> list[str]:
    """Sentences of our own prose (not label text: that has `readers.label.text.sentences`)."""
    return [s.strip() for s in _SENTENCE_END.split(" ".join(text.split())) if s.strip()]


def sentence_key(text: str) -> str:
    """A sentence reduced to its words, to tell when two say the same thing."""
    return re.sub(r"[^a-z0-9 ]", "", text.lower()).strip()


# --- Long label sentences made shorter (imported guides) ---

def _top_level(text: str, sep: str) -> list[int]:
    """Where `sep` occurs in `text` outside brackets and quotation marks."""
    found, depth, quoted = [], 0, False
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch == '"':
            quoted = not quoted
        elif not depth and not quoted and text.startswith(sep, i):
            found.append(i)
    return found


_LIST_LEAD = re.compile(r"(?:(?<=[a-z)]): |,? such as |,? including )")
_CUT_OFF_LEAD = re.compile(r"\b(?:for|with|include|includes|are|is|has|have)$")


def inline_list(text: str, min_words: int = 16) -> tuple[str, list[str], str] | None:
    """A long sentence that ends in a list, as (lead, items, rest): "Ask a doctor if the child
    has: heart disease, diabetes, glaucoma or asthma. More." -> ("Ask a doctor if the child has
    any of these:", ["heart disease", "diabetes", "glaucoma", "asthma"], "More."). Every word is
    kept; None when the sentence is short or the list is not a clean one."""
    parts = split_sentences(text)
    if not parts or len(parts[0].split()) < min_words:
        return None
    first, rest = parts[0], " ".join(parts[1:])
    body = first.rstrip(".")
    leads = [m for m in _LIST_LEAD.finditer(body) if m.start() in _top_level(body, m.group(0))]
    if not leads:
        return None
    lead_end = leads[0]
    lead, tail = body[:lead_end.start()].strip(), body[lead_end.end():].strip()
    if len(lead.split()) < 3:
        return None
    cuts = _top_level(tail, ", ")
    items = [tail[a:b].strip(" ,") for a, b in zip([0, *(c + 2 for c in cuts)], [*cuts, len(tail)], strict=True)]
    # a middle item opening with "and"/"or" is a phrase, not an item: it and what follows stay one
    for i, item in enumerate(items[:-1]):
        if i and re.match(r"(?:and|or) ", item):
            items = [*items[:i - 1], ", ".join(items[i - 1:])]
            break
    last = re.split(r" (?:and|or) (?![^()]*\))", items[-1]) if len(items) >= 2 else [items[-1]]
    if len(last) == 2 and all(len(x.split()) <= 6 for x in last):
        items = [*items[:-1], *last]
    items = [re.sub(r"^(?:and|or) ", "", i) for i in items]
    if len(items) < 3 or any(not i or len(i.split()) > 20 for i in items):
        return None
    said = lead_end.group(0).strip(" ,:")
    lead = f"{lead}, {said}:" if said else (f"{lead} any of these:" if _CUT_OFF_LEAD.search(lead) else f"{lead}:")
    return lead, items, rest


_WHO_FOR = re.compile(r" in (?=(?:adults|people|patients|children|boys|girls|women|men|adolescents|infants|"
                      r"newborns|teenagers)\b)")


def use_sentences(condition: str, min_words: int = 12) -> str:
    """A long labelled use said in two sentences, what it does and who it is for: "Reduce the
    risk of stroke in adults with diabetes" -> "Reduce the risk of stroke. This is for adults
    with diabetes." Short uses stay one sentence."""
    text = sentence(condition)
    if len(text.split()) < min_words:
        return text
    for cut in _top_level(text, " in "):
        if _WHO_FOR.match(text, cut) and len(text[:cut].split()) >= 5:
            return f"{text[:cut].rstrip(',')}. This is for {text[cut + 4:]}"
    return text


_BRACKETED = re.compile(r" \(([^()]{2,60})\)")


def without_repeated_brackets(text: str) -> str:
    """A bracketed term or gloss given once, not again in the same text: "triglycerides (a
    blood fat) in people with high triglycerides (a blood fat)" keeps only the first."""
    seen: set[str] = set()

    def once(match: re.Match[str]) -> str:
        key = match.group(1).lower()
        if key in seen:
            return ""
        seen.add(key)
        return match.group(0)
    return _BRACKETED.sub(once, text)


_EXAMPLES = re.compile(r"(?i)^(?:for example|e\.g\.|such as|including),?\s+")


def asides_out(text: str, min_words: int = 16, aside_words: int = 4) -> str:
    """A long bracketed aside moved after its sentence, so each reads on its own: "Risks rise
    with strong inhibitors (for example, A, B, C)." -> "Risks rise with strong inhibitors. For
    example, A, B, C." Every word is kept."""
    out = []
    for part in split_sentences(text):
        if len(part.split()) >= min_words:
            for start in _top_level(part, " ("):
                end = _closing(part, start + 1)
                inner = part[start + 2:end]
                # only a list of three or more is moved: a gloss ("MAOI, a type of
                # antidepressant") stays beside its term
                if end < 0 or len(inner.split()) < aside_words or len(_top_level(inner, ", ")) < 2:
                    continue
                body = (part[:start] + part[end + 1:]).rstrip()
                stop = body[-1] if body[-1:] in ".!?:" else "."
                body = body.rstrip(".!?:") + stop
                moved = (sentence(_EXAMPLES.sub("For example, ", inner)) if _EXAMPLES.match(inner) else
                         f"({inner[:1].upper()}{inner[1:]}).")
                part = f"{body} {moved}"
                break
        out.append(part)
    return " ".join(out)


def _closing(text: str, opening: int) -> int:
    depth = 0
    for i in range(opening, len(text)):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0:
            return i
    return -1
