"""Phrasing helpers every stage uses: lists in words, sentence case, articles, citations.

They live in the model (the ground floor every stage imports) so readers, compose, library and
ask say things the same way. Prose choices that only the composer makes stay in
`compose/phrasing.py`; label-text cleaning stays in `readers/label/text.py`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def merge_cites(*groups: Iterable[str]) -> list[str]:
    """Union of citation lists, first-seen order kept."""
    seen: dict[str, None] = {}
    for group in groups:
        for source_id in group:
            seen.setdefault(source_id, None)
    return list(seen)


def sentence(text: str) -> str:
    """`text` as a sentence: capital first letter, a full stop at the end."""
    text = " ".join(text.split())
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?:" else text + "."


def join_words(items: Sequence[str], last: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word looks like a name (e.g. 'GABA')."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def indefinite_article(word: str) -> str:
    """'a' or 'an' for the sound `word` starts with: 'an hour' is not handled, 'an NSAID' is
    (an abbreviation is read letter by letter)."""
    if word.isupper() and len(word) > 1:
        return "an" if word[0] in "AEFHILMNORSX" else "a"
    vowel = word[:1].lower() in "aeiou" and not word.lower().startswith(("one", "us", "uni"))
    return "an" if vowel else "a"


def a_or_an(phrase: str) -> str:
    """`phrase` with 'a' or 'an' in front: 'an ACE inhibitor', 'a statin'."""
    first = phrase.split()[0] if phrase.split() else ""
    return indefinite_article(first) + " " + phrase
