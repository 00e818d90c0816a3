"""Who the medicine is: forms and routes in plain words, brand names, and the drug class."""

from __future__ import annotations

import re
from collections import Counter

from healthlib.model.monograph import BrandName, Fact, Form, Monograph, Pill
from healthlib.model.text import a_or_an, join_words, lower_first
from healthlib.readers import loinc
from healthlib.readers.glossary import plain
from healthlib.readers.label.context import Cites
from healthlib.readers.label.document import Label, Product, Section
from healthlib.readers.label.text import (
    clean,
    name_case,
    tidy_name,
)

_FORM_WORDS = {
    "TABLET, FILM COATED": "film-coated tablet", "TABLET, EXTENDED RELEASE": "extended-release tablet",
    "TABLET, DELAYED RELEASE": "delayed-release tablet", "CAPSULE, EXTENDED RELEASE": "extended-release capsule",
    "CAPSULE, DELAYED RELEASE": "delayed-release capsule", "TABLET, CHEWABLE": "chewable tablet",
    "TABLET, ORALLY DISINTEGRATING": "tablet that melts in the mouth",
}
_ROUTE_WORDS = {
    "ORAL": "by mouth", "TOPICAL": "on the skin", "INTRAVENOUS": "injection into a vein",
    "INTRAMUSCULAR": "injection into a muscle", "SUBCUTANEOUS": "injection under the skin",
    "RESPIRATORY (INHALATION)": "inhaled", "NASAL": "in the nose", "OPHTHALMIC": "in the eye",
    "OTIC": "in the ear", "RECTAL": "in the rectum", "VAGINAL": "in the vagina",
    "SUBLINGUAL": "under the tongue", "TRANSDERMAL": "through the skin (patch)",
    "INTRATHECAL": "into the fluid around the spine", "BUCCAL": "inside the cheek",
}


def plain_form(form: str | None) -> str | None:
    if not form:
        return None
    if form.upper() in _FORM_WORDS:
        return _FORM_WORDS[form.upper()]
    base, _, kind = form.partition(",")
    return (f"{kind.strip().lower()} {base.strip().lower()}" if kind else base.strip().lower())


def plain_route(route: str | None) -> str | None:
    return _ROUTE_WORDS.get(route.upper(), route.lower()) if route else None


def read_forms(label: Label, cites: Cites) -> list[Form]:
    forms: dict[tuple[str, str | None], Form] = {}
    for p in label.products:
        form = plain_form(p.form)
        if not form:
            continue
        key = (form, plain_route(p.route))
        data = label.first(loinc.PRODUCT_DATA)
        entry = forms.setdefault(key, Form(form=form, route=key[1], cite=cites.of(data, loinc.PRODUCT_DATA)
                                           if data else cites.label_source()))
        for s in p.strengths:
            if s not in entry.strengths:
                entry.strengths.append(s)
        if p.has_looks:
            entry.pills.append(read_pill(label, p, entry.cite))
    return list(forms.values())


def read_pill(label: Label, p: Product, cite: list[str]) -> Pill:
    """How one product looks, with what tells it apart: strength, maker and NDC code."""
    return Pill(imprint=p.imprint, colors=list(p.colors), shape=p.shape, size_mm=p.size_mm, score=p.score,
                strength=" and ".join(p.strengths) or None, form=plain_form(p.form),
                name=tidy_name(p.name) if p.name else None, labeller=label.manufacturer, ndc=p.ndc,
                set_id=label.set_id, cite=list(cite))


def read_brand_names(label: Label, cites: Cites) -> list[BrandName]:
    brand = label.brand
    if not brand:
        return []
    form = next((plain_form(p.form) for p in label.products if p.form), None)
    data = label.first(loinc.PRODUCT_DATA)  # SPL names its products there; openFDA in its own block
    cite = cites.of(data, loinc.PRODUCT_DATA) if data else cites.label_source()
    return [BrandName(name=brand, form=form, note=f"made by {label.manufacturer}" if label.manufacturer else None,
                      cite=cite)]


def read_drug_class(label: Label, cites: Cites) -> tuple[Fact, str | None]:
    if label.pharm_class:  # openFDA's established pharmacologic class, e.g. "HMG-CoA Reductase Inhibitor [EPC]"
        names = [re.sub(r"\s*\[EPC\]\s*$", "", c).strip() for c in label.pharm_class]
        names = list(dict.fromkeys(n for n in names if n))
        text = " and ".join(plain(name_case(n)) for n in names)
        class_name = names[0] if names[0].endswith("s") else names[0] + "s"
        return Fact(text=a_or_an(lower_first(text)), cite=cites.label_source()), class_name
    indications = label.first(loinc.INDICATIONS)
    if indications:
        lead = " ".join(p for p in indications.highlight if isinstance(p, str)) or indications.text()[:600]
        m = re.search(r"\bis an? ([^.;:]{3,120}?)\s+(?:that is\s+)?indicated\b", clean(lead))
        if m:
            phrase = m.group(1).strip(" ,")
            short = re.search(r"\(([a-z][a-z\- ]{2,30})\)", phrase)
            class_name = (short.group(1).capitalize() + "s") if short else None
            return Fact(text=a_or_an(plain(phrase)), cite=cites.of(indications)), class_name
    purpose = label.first(loinc.PURPOSE)
    if purpose:
        lines = [clean(t) for t in purpose.texts() if clean(t)]
        kinds = list(dict.fromkeys(k.strip().lower() for line in lines for k in re.split(r"/|,", line) if k.strip()))
        if kinds:
            text = plain(join_words(kinds))
            return Fact(text=a_or_an(text), cite=cites.of(purpose)), None
    # Old labels name the class in passing: "As with all antipsychotic drugs, ..."
    counts: Counter[str] = Counter()
    where: dict[str, Section] = {}
    for section in label.all(loinc.BOXED_WARNING, loinc.DOSAGE, loinc.WARNINGS, loinc.ADVERSE_REACTIONS):
        for m in re.finditer(r"\b(?:as with|like) (?:all|other) ([a-z][a-z\-]+(?: [a-z\-]+)?) "
                             r"(?:drugs|agents|medications)\b", section.text(), re.IGNORECASE):
            kind = m.group(1).lower()
            if kind not in {"other", "these", "such", "similar", "the"}:
                counts[kind] += 1
                where.setdefault(kind, section)
    if counts:
        kind = counts.most_common(1)[0][0]
        return Fact(text=a_or_an(f"{plain(kind)} medicine"), cite=cites.of(where[kind])), None
    text = "a prescription medicine" if label.rx_status == "prescription" else \
        "a medicine sold without a prescription"
    return Fact(text=text, cite=cites.label_source()), None


def attach_pills(m: Monograph, pills: list[Pill]) -> Monograph:
    """`m` with other labels' pills added to its forms (for the pill finder), each citing its whole
    label, which must be among `m`'s sources; pills of a label `m` already holds are replaced.
    They join the form of the same name, else one of the same kind ("tablet"), else the first;
    the guide's text shows only the pills of the label it cites for that form."""
    sources = {s.id for s in m.sources}
    new = [p.model_copy(update={"cite": [f"spl-{p.set_id}"]}) for p in pills
           if p.set_id and f"spl-{p.set_id}" in sources]
    if not new or not m.forms:
        return m
    replaced = {p.set_id for p in new}
    forms = [f.model_copy(update={"pills": [p for p in f.pills if p.set_id not in replaced or
                                            set(p.cite) & set(f.cite)]}) for f in m.forms]
    # the guide's own label: its pills are there already, citing the form's own source
    own = {p.set_id for f in forms for p in f.pills if set(p.cite) & set(f.cite)}
    by_name = {f.form.lower(): f for f in reversed(forms)}
    by_kind = {f.form.lower().split(" ")[-1]: f for f in reversed(forms)}
    for pill in new:
        if pill.set_id in own:
            continue
        name = (pill.form or "").lower()
        target = by_name.get(name) or by_kind.get(name.split(" ")[-1]) or forms[0]
        target.pills.append(pill)
    return m.model_copy(update={"forms": forms})
