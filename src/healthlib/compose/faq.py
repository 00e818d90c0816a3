"""The guide's questions and answers, built only from facts the monograph has.

A question whose facts are missing is left out: the FAQ never answers with filler, and it
never repeats what a section already says.
"""

from __future__ import annotations

from healthlib.compose.phrasing import sentence_key, split_sentences
from healthlib.model.article import FaqEntry
from healthlib.model.monograph import Fact, Monograph
from healthlib.model.text import join_words, merge_cites, sentence


def _answer(*facts: Fact | None) -> tuple[str, list[str]]:
    present = [f for f in facts if f]
    text = " ".join(sentence(f.text) + (" " + sentence(f.why) if f.why else "") for f in present)
    return text, merge_cites(*(f.cite for f in present))


def compose_faq(m: Monograph, name: str, said: set[str] | None = None) -> list[FaqEntry]:
    """The questions; `said` holds sentence keys the sections already give, which an answer
    leaves out (the overdose answer is kept whole: it is where the page sends people in danger)."""
    entries: list[FaqEntry] = []
    said = said or set()

    def add(faq_id: str, question: str, text: str, cites: list[str]) -> None:
        if faq_id != "overdose":
            text = " ".join(s for s in split_sentences(text) if sentence_key(s) not in said)
        if text and cites:
            entries.append(FaqEntry(id=faq_id, question=question, answer=text, citations=cites))

    if m.overdose:
        signs = f"Signs can include {join_words(m.overdose.signs)}. " if m.overdose.signs else ""
        add("overdose", f"What if I take too much {name}?", signs + sentence(m.overdose.text),
            list(m.overdose.cite))
    add("missed-dose", "What if I miss a dose?", *_answer(m.missed_dose))
    # stopping, food and onset are answered in their sections (and the key facts):
    # the questions below hold what no section says, so no answer repeats the page
    alcohol = [i for i in m.interactions if i.kind == "alcohol"]
    if alcohol:  # the interactions list points here rather than saying it twice
        add("alcohol", f"Can I drink alcohol while taking {name}?",
            " ".join(sentence(i.text) for i in alcohol), merge_cites(*(i.cite for i in alcohol)))
    add("kidney", f"Can I take {name} if I have kidney problems?", *_answer(m.kidney))
    add("liver", f"Can I take {name} if I have liver problems?", *_answer(m.liver))
    add("driving", f"Can I drive while taking {name}?", *_answer(m.driving))
    if m.pregnancy and m.breastfeeding and m.pregnancy.text == m.breastfeeding.text:
        # an OTC label says one line for both: one question, answered once
        add("pregnancy", f"Can I take {name} while pregnant or breastfeeding?", *_answer(m.pregnancy))
    else:
        add("pregnancy", f"Can I take {name} while pregnant?", *_answer(m.pregnancy))
        add("breastfeeding", f"Can I take {name} while breastfeeding?", *_answer(m.breastfeeding))
    return entries
