"""Two Monographs side by side: the table behind /compare/{a}-vs-{b}.

Each row holds what each guide's sources say, with their citations; a row neither guide has
facts for is left out.
"""

from __future__ import annotations

from healthlib.model.article import SourceRef
from healthlib.model.comparison import Cell, CompareRow, Comparison
from healthlib.model.monograph import Fact, Monograph
from healthlib.model.text import join_words, merge_cites, sentence


def _fact(f: Fact | None) -> Cell | None:
    return Cell(text=sentence(f.text), citations=list(f.cite)) if f else None


def _rows(m: Monograph) -> dict[str, Cell | None]:
    uses = [u for u in m.uses if not u.off_label]
    common = m.side_effects.common[:6]
    major = [i for i in m.interactions if i.severity == "major"]
    alcohol = [i for i in m.interactions if i.kind == "alcohol"]
    doses = m.how_to_take.doses
    first_dose = doses[0] if doses else None
    return {
        "What it is": Cell(text=sentence(m.drug_class.text), citations=list(m.drug_class.cite)),
        "Prescription needed": Cell(text={"prescription": "Yes", "otc": "No, sold over the counter",
                                          "both": "Some forms"}[m.rx_status], citations=list(m.drug_class.cite)),
        "Main uses": Cell(text=sentence(join_words([u.condition for u in uses])),
                          citations=merge_cites(*(u.cite for u in uses))) if uses else None,
        "How often it is taken": _fact(m.how_to_take.frequency),
        "Usual starting dose (label)": Cell(
            text=f"{sentence(first_dose.population).rstrip('.')}: {first_dose.start.render()}"
                 + (f" {first_dose.start_frequency}" if first_dose.start_frequency else ""),
            citations=list(first_dose.cite)) if first_dose and first_dose.start else None,
        "Most per day (label)": Cell(
            text=f"{sentence(first_dose.population).rstrip('.')}: {first_dose.max.render()} a {first_dose.max_per}",
            citations=list(first_dose.cite)) if first_dose and first_dose.max else None,
        "Common side effects": Cell(
            text=sentence(join_words([s.name + (f" ({s.frequency})" if s.frequency else "") for s in common])),
            citations=merge_cites(*(s.cite for s in common))) if common else None,
        "Boxed warning": Cell(text=" ".join(sentence(w.text) for w in m.boxed_warnings),
                              citations=merge_cites(*(w.cite for w in m.boxed_warnings)))
        if m.boxed_warnings else None,
        "Stopping suddenly": _fact(m.withdrawal or m.stopping),
        "Alcohol": Cell(text=" ".join(sentence(i.text) for i in alcohol),
                        citations=merge_cites(*(i.cite for i in alcohol))) if alcohol else None,
        "Serious interactions": Cell(text=sentence(join_words([i.with_ for i in major])),
                                     citations=merge_cites(*(i.cite for i in major))) if major else None,
        "Pregnancy": _fact(m.pregnancy),
        "Brand names": Cell(text=", ".join(b.name for b in m.brand_names),
                            citations=merge_cites(*(b.cite for b in m.brand_names))) if m.brand_names else None,
    }


def compose_comparison(a: Monograph, b: Monograph) -> Comparison:
    ra, rb = _rows(a), _rows(b)
    rows = [CompareRow(label=label, a=ra[label], b=rb.get(label)) for label in ra
            if ra[label] is not None or rb.get(label) is not None]
    points = [Cell(text=sentence(p.text), citations=list(p.cite))
              for m, other in ((a, b), (b, a)) for c in m.comparisons if c.slug == other.slug
              for p in c.points]
    sources: dict[str, SourceRef] = {}
    for s in [*a.sources, *b.sources]:
        sources.setdefault(s.id, SourceRef(id=s.id, title=s.title, publisher=s.publisher, url=s.url,
                                           date=s.checked.isoformat() if s.checked else None))
    return Comparison(a=a.slug, b=b.slug, a_title=a.title, b_title=b.title, rows=rows, points=points,
                      sources=list(sources.values()))
