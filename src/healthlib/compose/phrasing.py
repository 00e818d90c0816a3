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
    """Sentences of our own prose (not label text: that has `readers.label_text.sentences`)."""
    return [s.strip() for s in _SENTENCE_END.split(" ".join(text.split())) if s.strip()]


def sentence_key(text: str) -> str:
    """A sentence reduced to its words, to tell when two say the same thing."""
    return re.sub(r"[^a-z0-9 ]", "", text.lower()).strip()
