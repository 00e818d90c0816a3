"""The key-facts box: five to seven sourced lines a person on a phone reads first.

What it is for, how soon it works, the most common side effects, the one thing never to do,
alcohol, pregnancy, and the emergency sign with a link to what to do. Each line is the first
sentence of a fact the guide gives in full further down, with that fact's sources; a line whose
fact is missing is left out, never filled in.
"""

from __future__ import annotations

import re

from healthlib.model.article import ListItem
from healthlib.model.monograph import Fact, Monograph
from healthlib.model.text import join_words, lower_first, merge_cites, sentence

EMERGENCY_LINE = "Call 911 or your local emergency number."
OVERDOSE_ANCHOR = "#faq-overdose"
MAX_WORDS = 20  # a key fact longer than this is no longer a glance
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")


def first_sentence(text: str) -> str:
    return sentence(_SPLIT.split(" ".join(text.split()), maxsplit=1)[0])


def key_facts(m: Monograph, name: str) -> list[ListItem]:
    items: list[ListItem] = []

    def add(text: str, cite: list[str], link: str | None = None) -> None:
        items.append(ListItem(text=text, citations=merge_cites(cite), link=link))

    labelled = [u for u in m.uses if not u.off_label]
    # a label's long wording of a use ("Reduce raised total cholesterol, LDL…") is not a key
    # fact a phone reader can take in: those guides give their uses in full just below
    shown: list[str] = []
    picked: list = []
    for use in labelled:  # the short uses, as many as fit one glance, in the label's order
        if len(" ".join([*shown, use.condition]).split()) <= MAX_WORDS and len(shown) < 2:
            shown.append(use.condition)
            picked.append(use)
    if shown:
        more = len(labelled) - len(shown)
        tail = f", and {more} more use{'s' if more > 1 else ''} listed below" if more else ""
        add(f"What it is for: {join_words(shown)}{tail}.", merge_cites(*(u.cite for u in picked)))
    if m.onset:
        add("How soon it works: " + lower_first(first_sentence(m.onset.text)), m.onset.cite)
    common = m.side_effects.common[:3]
    if common:
        add(f"Most common side effects: {join_words([lower_first(e.name) for e in common])}.",
            merge_cites(*(e.cite for e in common)))
    never = _never(m)
    if never:
        add(first_sentence(never.text), never.cite)
    alcohol = next((i for i in m.interactions if i.kind == "alcohol"), None)
    if alcohol:
        line = first_sentence(alcohol.text)
        add(line if "alcohol" in line.lower() else "Alcohol: " + lower_first(line), alcohol.cite)
    if m.pregnancy:
        line = first_sentence(m.pregnancy.text)
        # a first sentence that leans on the one before ("such experience…") cannot stand alone
        if "pregnan" in line.lower() and len(line.split()) <= MAX_WORDS:
            add(line, m.pregnancy.cite)
    emergency = _emergency(m, name)
    if emergency:
        add(*emergency)
    return items if len(items) >= 3 else []


def _never(m: Monograph) -> Fact | None:
    """The one thing never to do: stop suddenly, or the first thing the label rules out."""
    for fact in (m.stopping, m.withdrawal, *m.contraindications):
        if fact and re.match(r"(?i)(do not|never)\b", fact.text):
            return fact
    return None


def _emergency(m: Monograph, name: str) -> tuple[str, list[str], str | None] | None:
    if m.overdose:
        signs = f" ({join_words(m.overdose.signs[:3], 'or')})" if m.overdose.signs else ""
        return (f"Took too much{signs}? Get help now: see what to do.", list(m.overdose.cite), OVERDOSE_ANCHOR)
    urgent = next((f for f in m.side_effects.serious if EMERGENCY_LINE in f.text), None)
    if urgent:
        return (f"Get help now: {lower_first(first_sentence(urgent.text))}", list(urgent.cite), "#side-effects")
    return None
