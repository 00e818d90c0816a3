"""Interaction checking: the substances an interaction fact may name, drug classes, and the
report the checker returns (one shape for the CLI, the JSON API and the web page).

Facts come only from the guides: the report carries each guide's own words and citations, and
says what to do in words derived from the fact's severity and wording, never new advice.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from healthlib.model.article import SourceRef
from healthlib.model.monograph import SLUG_RE

# substance id -> (plain name, words a person may type for it). Ids are used in interaction
# targets as `substance:<id>`; `healthlib check` rejects any other id.
SUBSTANCES: dict[str, tuple[str, tuple[str, ...]]] = {
    "alcohol": ("alcohol", ("alcohol", "beer", "wine", "liquor", "spirits", "drinking alcohol")),
    "grapefruit": ("grapefruit and grapefruit juice", ("grapefruit", "grapefruit juice")),
    "vitamin-k-foods": ("foods high in vitamin K", ("vitamin k", "vitamin k foods", "leafy greens",
                                                    "green leafy vegetables", "kale", "spinach")),
    "dairy-calcium": ("dairy foods and calcium", ("milk", "dairy", "cheese", "yogurt", "calcium",
                                                  "calcium supplements", "calcium carbonate")),
    "caffeine": ("caffeine (coffee, tea, cola)", ("caffeine", "coffee", "tea", "cola", "energy drinks")),
    "st-johns-wort": ("St John's wort", ("st johns wort", "st john s wort", "saint johns wort", "hypericum")),
    "potassium-supplements": ("potassium supplements and salt substitutes",
                              ("potassium supplements", "salt substitute", "salt substitutes", "lo salt")),
    # Smoking and nicotine replacement are apart: the estrogen labels' clot and stroke warning is
    # about smoking cigarettes, and must not flag a nicotine patch or gum.
    "nicotine": ("nicotine", ("nicotine",)),
    "tobacco-smoking": ("smoking (cigarettes, tobacco)", ("smoking", "tobacco", "cigarettes", "cigarette",
                                                         "cigarette smoking")),
    "antacids": ("antacids", ("antacid", "antacids", "tums", "maalox", "mylanta", "rolaids", "gaviscon")),
    "minerals": ("iron, zinc and magnesium supplements", ("zinc", "magnesium", "multivitamin",
                                                          "multivitamins", "minerals")),
    "herbal-products": ("herbal products", ("ginkgo", "garlic pills", "ginseng", "herbal products")),
    "cannabis": ("cannabis", ("cannabis", "marijuana", "weed", "cbd")),
}


class DrugClass(BaseModel):
    """A class the checker expands ("NSAIDs" -> ibuprofen, naproxen...); see data/drug-classes.yaml."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str
    name: str
    members: list[str] = Field(default_factory=list)  # library slugs
    duplicate: bool = False  # two members together are a duplicate treatment
    words: list[str] = Field(default_factory=list)  # exact names a label uses for the class
    names: list[str] = Field(default_factory=list)  # its medicines this library has no guide for, and brand names

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not SLUG_RE.match(value):
            raise ValueError(f"'{value}' is not a class id (lower-case words joined by '-')")
        return value


Severity = Literal["serious", "moderate", "minor"]
SEVERITY_OF_FACT: dict[str, Severity] = {"major": "serious", "moderate": "moderate", "minor": "minor"}
SEVERITY_RANK: dict[str, int] = {"serious": 0, "moderate": 1, "minor": 2}


class GuideNote(BaseModel):
    """What one guide says: its words, its severity, its sources, and a link to its section."""

    guide: str  # slug of the guide that says it
    guide_title: str
    with_words: str  # the guide's words for the other side: "NSAID pain relievers (such as ...)"
    text: str
    severity: Severity
    sources: list[SourceRef]
    link: str  # /drugs/<slug>#interactions


FindingKind = Literal["pair", "alcohol", "food", "substance", "mentioned",
                      "same-medicine", "same-ingredient", "same-class"]


class Finding(BaseModel):
    kind: FindingKind
    severity: Severity
    title: str  # "Warfarin and ibuprofen", "Warfarin and alcohol", "Two NSAIDs"
    medicines: list[str]  # slugs involved (one for alcohol/food findings)
    what_to_do: str
    reason: str | None = None  # for duplicates: why they count as one
    notes: list[GuideNote] = Field(default_factory=list)


class CheckedName(BaseModel):
    typed: str
    slug: str | None = None  # the guide it means, when the library holds one
    title: str | None = None
    link: str | None = None
    status: Literal["in-library", "substance", "not-in-library"]
    substance: str | None = None  # substance id when the name is one (alcohol, grapefruit)
    note: str | None = None  # "not in this library; the warfarin guide names it"
    suggestions: list[str] = Field(default_factory=list)


class InteractionReport(BaseModel):
    names: list[CheckedName]
    findings: list[Finding]  # serious first
    pairs_checked: int
    pairs_without_findings: list[list[str]]  # [title, title]: the guides list nothing for these
    summary: str
    notice: str  # always shown: what the check can and cannot say

    def as_text(self) -> str:
        """The report as plain text for the terminal, serious findings first."""
        lines = []
        for n in self.names:
            where = {"in-library": f"-> {n.title}", "substance": f"-> {n.title}",
                     "not-in-library": f"({n.note or 'not in this library'})"}[n.status]
            hint = f" Did you mean: {', '.join(n.suggestions)}?" if n.suggestions else ""
            lines.append(f"  {n.typed} {where}{hint}")
        lines += ["", self.summary, ""]
        for f in self.findings:
            lines.append(f"[{f.severity.upper()}] {f.title}")
            if f.reason:
                lines.append(f"  {f.reason}")
            lines.append(f"  What to do: {f.what_to_do}")
            for note in f.notes:
                cites = "; ".join(s.title for s in note.sources)
                lines.append(f"  The {note.guide_title} guide ({note.with_words}): {note.text}")
                lines.append(f"    Sources: {cites}. See {note.link}")
            lines.append("")
        for a, b in self.pairs_without_findings:
            lines.append(f"  {a} + {b}: the guides list no interaction. Ask a pharmacist.")
        lines += ["", self.notice]
        return "\n".join(lines)
