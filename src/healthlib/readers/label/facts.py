"""Label sections -> Monograph facts, shared by the SPL and openFDA readers.

Both readers turn a label into the same shape (`Label`, see `label.document`), and this module assembles
the facts the other modules of this package read out of it into a Monograph.

The rules, in the order that matters:
- Never guess. A fact is taken only where the label states it in a form we can read without
  doubt: a list item, a table row with a percentage, a sentence that matches a known pattern.
  Doses are structured only from sentences such as "recommended starting dose ... is 10 mg once
  daily"; anything else about dosing is shown as a marked, cited excerpt of the label.
- Every fact cites the label section it came from (see `label.context`).
- What is read is put into everyday words with the glossary; excerpts stay verbatim.
"""

from __future__ import annotations

import datetime as dt

from pydantic import ValidationError

from healthlib.model.errors import HealthlibError
from healthlib.model.monograph import Fact, LabelExcerpt, Monograph, display_name
from healthlib.model.text import merge_cites
from healthlib.readers.label.care import read_driving, read_missed_dose, read_overdose, read_storage
from healthlib.readers.label.context import Cites, Context
from healthlib.readers.label.document import Label
from healthlib.readers.label.doses import read_how_to_take
from healthlib.readers.label.identity import read_brand_names, read_drug_class, read_forms
from healthlib.readers.label.interactions import read_interactions
from healthlib.readers.label.side_effects import read_side_effects
from healthlib.readers.label.uses import read_mechanism, read_uses, uses_sentence
from healthlib.readers.label.warnings import (
    read_boxed_warnings,
    read_cautions,
    read_contraindications,
    read_populations,
)


def label_monograph(label: Label, slug: str) -> Monograph:
    """Every fact the label states reliably, each citing its section; HealthlibError when the
    label lacks what a guide needs (its active ingredients, or any labelled use)."""
    if not label.ingredients:
        raise HealthlibError("the label names no active ingredient", file=label.where)
    cites = Cites(label)
    name = display_name(label.generic_name)
    uses = read_uses(label, cites)
    if not uses:
        raise HealthlibError("the label states no use (no Indications or Uses section)",
                             file=label.where)
    drug_class, class_name = read_drug_class(label, cites)
    brand = label.brand
    names = {label.brand.upper(): label.brand} if brand else {}
    ctx = Context(label, cites, name, names)
    how, dose_excerpt = read_how_to_take(ctx)
    excerpts: dict[str, LabelExcerpt] = {}
    if dose_excerpt:
        excerpts["how-to-take"] = dose_excerpt
    boxed, boxed_excerpt = read_boxed_warnings(ctx)
    if boxed_excerpt:
        excerpts["what-is"] = boxed_excerpt
    side_effects, se_excerpt = read_side_effects(ctx)
    if se_excerpt:
        excerpts["side-effects"] = se_excerpt
    summary = Fact(text=f"{name} is {drug_class.text}. {uses_sentence(uses)}",
                   cite=merge_cites(drug_class.cite, uses[0].cite))
    data = dict(
        slug=slug, origin="label", generic_name=label.generic_name,
        ingredients=list(label.ingredients) if len(label.ingredients) > 1 else [],
        drug_class=drug_class, class_name=class_name, rx_status=label.rx_status,
        updated=label.effective or dt.date.today(), summary=summary,
        brand_names=read_brand_names(label, cites), forms=read_forms(label, cites), uses=uses,
        mechanism=read_mechanism(ctx), how_to_take=how, boxed_warnings=boxed,
        side_effects=side_effects, contraindications=read_contraindications(ctx),
        cautions=read_cautions(ctx), interactions=read_interactions(ctx), overdose=read_overdose(ctx),
        missed_dose=read_missed_dose(ctx), driving=read_driving(ctx), storage=read_storage(ctx),
        label_excerpts=excerpts, **read_populations(ctx),
    )
    try:
        return Monograph(sources=list(cites.sources.values()), **data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise HealthlibError(f"could not make a guide from this label: {where}: {err['msg']}",
                             file=label.where) from None
