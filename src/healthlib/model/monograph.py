"""The Monograph: every fact a medicine guide needs, each carrying the ids of its sources.

Readers (curated YAML, DailyMed SPL, openFDA JSON) produce Monographs and nothing else; the
composer turns one into an Article. Validation here catches what a pharmacist reviewing the
facts would: a citation to a source that does not exist, a unit that is not a unit, a maximum
dose below the starting dose, a frequency that is not one, a required fact missing.
Checks that need the whole library (alternatives that exist, a brand under two generics) live
in `healthlib.model.collection`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from healthlib.model.dose import Amount, FrequencyText, Per, frequency_kind, times_per_day

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Source(Strict):
    """Where facts come from. A label read from SPL also carries its set id and version."""

    id: str
    title: str
    publisher: str
    url: str | None = None
    date: dt.date | None = None  # when the guide was written from it
    # when a person last checked the guide's facts against this source; None: not yet checked
    checked: dt.date | None = None
    set_id: str | None = None
    version: str | None = None
    effective_date: dt.date | None = None

    @field_validator("url")
    @classmethod
    def _https(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith("https://"):
            raise ValueError(f"source url must start with https:// (got '{value}')")
        return value


class Fact(Strict):
    """One sourced statement, in our own plain words.

    `why` is an optional short explanation (why a warning matters, what a term means) that
    the composer weaves into the guide after the fact itself; it shares the fact's sources.
    """

    text: str = Field(min_length=3)
    cite: list[str] = Field(min_length=1)
    why: str | None = None
    applies_to: str | None = None  # one form only, e.g. "the spinal pump (intrathecal)"


class LabelExcerpt(Fact):
    """Label text that could not be turned into structured facts reliably: shown as a
    clearly marked quotation of the label, never paraphrased into something it did not say."""

    excerpt: Literal[True] = True


class BrandName(Strict):
    name: str
    form: str | None = None
    note: str | None = None  # e.g. "discontinued in the US"
    discontinued: bool = False
    cite: list[str] = Field(min_length=1)


class Pill(Strict):
    """How one product and strength looks, as its label's product data states it (SPL
    SPLIMPRINT, SPLCOLOR, SPLSHAPE, SPLSIZE, SPLSCORE): what the pill finder searches."""

    imprint: str | None = None  # as the label gives it; sides and lines split by ";": "PD;155;10"
    colors: list[str] = Field(default_factory=list)  # lower case, FDA's colour names: ["white"]
    shape: str | None = None  # lower case, FDA's shape names: "oval", "round", "capsule"
    size_mm: float | None = Field(default=None, gt=0, le=100)
    score: int | None = Field(default=None, ge=1, le=8)  # pieces it can be broken into; 1 = no score
    strength: str | None = None  # "10 mg"; "5 mg and 325 mg" for a combination
    form: str | None = None  # plain words: "film-coated tablet"
    name: str | None = None  # the product name on the label: "Lipitor"
    labeller: str | None = None  # the firm whose label it is
    ndc: str | None = None  # NDC product code (labeller-product): "0071-0155"
    set_id: str | None = None  # the label it was read from
    cite: list[str] = Field(min_length=1)


class Form(Strict):
    form: str  # tablet, oral solution, extended-release capsule, inhaler...
    strengths: list[str] = Field(default_factory=list)
    route: str | None = None  # by mouth, inhaled, injection, on the skin
    appearance: str | None = None  # color, shape, imprint in words (where there are no `pills`)
    pills: list[Pill] = Field(default_factory=list)  # each product and strength, as it looks
    cite: list[str] = Field(min_length=1)


class Use(Strict):
    condition: str  # plain words: "muscle spasms from multiple sclerosis"
    off_label: bool = False
    note: str | None = None
    cite: list[str] = Field(min_length=1)


class Dose(Strict):
    """A labelled dosing regimen for one group and use, never advice for one person."""

    population: str = "adults"  # adults, children 6-11 years, older adults...
    indication: str | None = None
    start: Amount | None = None
    start_frequency: FrequencyText | None = None
    increase: str | None = None  # "by 5 mg a dose every 3 days", as the label says
    usual: Amount | None = None
    usual_per: Per = "day"
    usual_frequency: FrequencyText | None = None  # how often the usual dose is taken
    max: Amount | None = None
    max_per: Per = "day"
    note: str | None = None
    cite: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _max_not_below_start(self) -> Dose:
        if self.start is None and self.usual is None and self.max is None and not self.note:
            raise ValueError("a dose needs a start, usual or max amount, or a note")
        if self.max is not None and self.start is not None:
            start_amount = self.start.amount
            # Only a fixed "N times a day" schedule multiplies out; "every 6 hours (as needed)"
            # is bounded by the maximum itself, so the single dose is what is compared.
            if self.max_per == "day" and self.start_frequency and frequency_kind(self.start_frequency) == "times":
                per_day = times_per_day(self.start_frequency)
                if per_day is not None and per_day >= 1:
                    start_amount = start_amount * round(per_day)
            elif self.max_per not in {"dose", "day"}:
                return self
            start_in_max_unit = self.start.in_unit_of(self.max, start_amount)
            if start_in_max_unit is not None and start_in_max_unit > self.max_high + 1e-9:
                raise ValueError(
                    f"maximum {self.max.render()} a {self.max_per} is below the starting dose "
                    f"{self.start.render()}"
                    + (f" {self.start_frequency}" if self.start_frequency else "")
                )
        if self.max is not None and self.usual is not None and self.usual_per == self.max_per:
            usual_low = self.usual.in_unit_of(self.max, self.usual.amount)
            if usual_low is not None and usual_low > self.max_high + 1e-9:
                raise ValueError(
                    f"usual dose {self.usual.render()} is above the maximum {self.max.render()}"
                )
        return self

    @property
    def max_high(self) -> float:
        assert self.max is not None
        return self.max.amount_high or self.max.amount


class HowToTake(Strict):
    frequency: Fact | None = None
    food: Fact | None = None
    swallowing: Fact | None = None  # how to swallow or use the form
    doses: list[Dose] = Field(default_factory=list)
    adjustments: list[Fact] = Field(default_factory=list)  # kidney, liver, older adults
    tips: list[Fact] = Field(default_factory=list)


class SideEffect(Strict):
    name: str  # plain words: "sleepiness"
    frequency: str | None = None  # as the source gives it: "up to 63%", "about 1 in 10"
    percent: float | None = Field(default=None, ge=0, le=100)  # upper figure, for bars
    # the same trial's figure for people on a dummy medicine (or another comparator), so a
    # rate is never read without what happened anyway; only where the label gives one
    placebo_percent: float | None = Field(default=None, ge=0, le=100)
    comparator: str | None = None  # "a dummy injection"; default "a dummy pill"
    cite: list[str] = Field(min_length=1)


class SideEffects(Strict):
    intro: Fact | None = None
    common: list[SideEffect] = Field(default_factory=list)
    serious: list[Fact] = Field(default_factory=list)  # get medical help
    rare: list[Fact] = Field(default_factory=list)


class Interaction(Strict):
    """One interaction fact. `with`/`text` are the words shown; `targets` say, for the checker,
    exactly what the other side is: `drug:<library slug>`, `class:<class id>` (members listed in
    data/drug-classes.yaml) or `substance:<id>` (model.interaction.SUBSTANCES). Only certain
    targets are listed; a vague "other medicines that..." keeps its words alone."""

    with_: str = Field(alias="with")  # "alcohol", "opioid pain medicines", "grapefruit"
    kind: Literal["medicine", "alcohol", "food", "supplement", "condition"] = "medicine"
    severity: Literal["major", "moderate", "minor"] = "moderate"
    text: str
    cite: list[str] = Field(min_length=1)
    targets: list[str] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True, str_strip_whitespace=True)

    @field_validator("targets")
    @classmethod
    def _target_form(cls, value: list[str]) -> list[str]:
        for target in value:
            kind, _, ident = target.partition(":")
            if kind not in {"drug", "class", "substance"} or not SLUG_RE.match(ident):
                raise ValueError(f"target '{target}' is not drug:<slug>, class:<id> or substance:<id>")
        return value


class Overdose(Strict):
    signs: list[str] = Field(default_factory=list)
    text: str  # what to do: emergency number, poison control
    cite: list[str] = Field(min_length=1)


class Alternative(Strict):
    slug: str  # another guide in the library
    note: str
    cite: list[str] = Field(min_length=1)


class ComparisonNote(Strict):
    """"Is X better than Y?": sourced points comparing this medicine with another guide."""

    slug: str
    points: list[Fact] = Field(min_length=1)


class Monograph(Strict):
    slug: str
    origin: Literal["curated", "label"] = "curated"  # hand-written, or read from official labels
    generic_name: str
    ingredients: list[str] = Field(default_factory=list)  # two or more: a combination
    drug_class: Fact
    class_name: str | None = None  # short name of the class for class pages
    rx_status: Literal["prescription", "otc", "both"]
    updated: dt.date
    sources: list[Source] = Field(min_length=1)

    summary: Fact  # the opening lines: what it is and what it does
    brand_names: list[BrandName] = Field(default_factory=list)
    forms: list[Form] = Field(default_factory=list)
    uses: list[Use] = Field(min_length=1)
    # uses the label says it must not or should not be used for: never shown as off-label
    not_for: list[Fact] = Field(default_factory=list)
    conditions: list[str] = Field(default_factory=list)  # search terms: "high blood pressure"
    mechanism: Fact | None = None
    onset: Fact | None = None
    how_to_take: HowToTake = Field(default_factory=HowToTake)
    duration: Fact | None = None
    stopping: Fact | None = None
    withdrawal: Fact | None = None
    boxed_warnings: list[Fact] = Field(default_factory=list)
    side_effects: SideEffects = Field(default_factory=SideEffects)
    contraindications: list[Fact] = Field(default_factory=list)
    cautions: list[Fact] = Field(default_factory=list)
    pregnancy: Fact | None = None
    breastfeeding: Fact | None = None
    older_adults: Fact | None = None
    children: Fact | None = None
    kidney: Fact | None = None
    liver: Fact | None = None
    interactions: list[Interaction] = Field(default_factory=list)
    missed_dose: Fact | None = None
    overdose: Overdose | None = None
    driving: Fact | None = None
    storage: Fact | None = None
    disposal: Fact | None = None
    alternatives: list[Alternative] = Field(default_factory=list)
    non_drug_alternatives: list[Fact] = Field(default_factory=list)
    comparisons: list[ComparisonNote] = Field(default_factory=list)
    label_excerpts: dict[str, LabelExcerpt] = Field(default_factory=dict)  # section id -> text
    misspellings: list[str] = Field(default_factory=list)  # extra search names

    @field_validator("slug")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not SLUG_RE.match(value):
            raise ValueError(f"'{value}' is not a slug (lower-case words joined by '-')")
        return value

    @field_validator("ingredients")
    @classmethod
    def _combination(cls, value: list[str]) -> list[str]:
        if len(value) == 1:
            raise ValueError("list ingredients only for a combination of two or more")
        return value

    @model_validator(mode="after")
    def _citations_resolve(self) -> Monograph:
        known = {s.id for s in self.sources}
        if len(known) != len(self.sources):
            raise ValueError("two sources share one id")
        for path, ids in iter_citations(self):
            for source_id in ids:
                if source_id not in known:
                    raise ValueError(f"{path}: cites unknown source '{source_id}'")
        return self

    @property
    def title(self) -> str:
        return display_name(self.generic_name)

    @property
    def is_combination(self) -> bool:
        return len(self.ingredients) >= 2


def display_name(generic: str) -> str:
    """'amoxicillin and clavulanate' -> 'Amoxicillin and clavulanate'."""
    return generic[:1].upper() + generic[1:]


def iter_citations(node: object, path: str = "") -> list[tuple[str, list[str]]]:
    """Every (field path, cite list) in a model, so citations can be checked in one place."""
    found: list[tuple[str, list[str]]] = []
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            value = getattr(node, name)
            here = f"{path}.{name}" if path else name
            if name == "cite" and isinstance(value, list):
                found.append((path or "cite", value))
            elif name != "sources":
                found.extend(iter_citations(value, here))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            found.extend(iter_citations(item, f"{path}[{i}]"))
    elif isinstance(node, dict):
        for key, item in node.items():
            found.extend(iter_citations(item, f"{path}.{key}"))
    return found
