"""The guide's questions and answers, built only from facts the monograph has.

A question whose facts are missing is left out: the FAQ never answers with filler.
"""

from __future__ import annotations

from healthlib.compose.phrasing import join_words, merge_cites, sentence
from healthlib.model.article import FaqEntry
from healthlib.model.monograph import Fact, Monograph


def _answer(*facts: Fact | None) -> tuple[str, list[str]]:
    present = [f for f in facts if f]
    text = " ".join(sentence(f.text) + (" " + sentence(f.why) if f.why else "") for f in present)
    return text, merge_cites(*(f.cite for f in present))


def compose_faq(m: Monograph, name: str) -> list[FaqEntry]:
    entries: list[FaqEntry] = []

    def add(faq_id: str, question: str, text: str, cites: list[str]) -> None:
        if text and cites:
            entries.append(FaqEntry(id=faq_id, question=question, answer=text, citations=cites))

    if m.overdose:
        signs = f"Signs can include {join_words(m.overdose.signs)}. " if m.overdose.signs else ""
        add("overdose", f"What if I take too much {name}?", signs + sentence(m.overdose.text),
            list(m.overdose.cite))
    add("missed-dose", "What if I miss a dose?", *_answer(m.missed_dose))
    if m.stopping or m.withdrawal:
        add("stopping", f"Can I stop taking {name} suddenly?", *_answer(m.stopping, m.withdrawal))
    add("kidney", f"Can I take {name} if I have kidney problems?", *_answer(m.kidney))
    add("liver", f"Can I take {name} if I have liver problems?", *_answer(m.liver))
    add("driving", f"Can I drive while taking {name}?", *_answer(m.driving))
    alcohol = [i for i in m.interactions if i.kind == "alcohol"]
    if alcohol:
        add("alcohol", f"Can I drink alcohol while taking {name}?",
            " ".join(sentence(i.text) for i in alcohol), merge_cites(*(i.cite for i in alcohol)))
    food = [i for i in m.interactions if i.kind == "food"]
    if food or m.how_to_take.food:
        text = " ".join([*( [sentence(m.how_to_take.food.text)] if m.how_to_take.food else []),
                         *(f"{sentence(i.with_).rstrip('.')}: {sentence(i.text)}" for i in food)])
        cites = merge_cites(m.how_to_take.food.cite if m.how_to_take.food else [], *(i.cite for i in food))
        add("food", f"Should I take {name} with food?", text, cites)
    add("pregnancy", f"Can I take {name} while pregnant?", *_answer(m.pregnancy))
    add("breastfeeding", f"Can I take {name} while breastfeeding?", *_answer(m.breastfeeding))
    add("onset", f"How long does {name} take to work?", *_answer(m.onset))
    return entries
