"""A lab report as read, and as explained: the shapes shared by the report readers, the
explainer and the surfaces (CLI, API, the /labs page).

Readers turn a PDF, a photo or pasted text into `ReportLine`s (what the report printed, nothing
interpreted) plus the lines they could not read reliably. The explainer matches each line to the
lab-test catalogue and gives it a status and a cited plain explanation. Names, dates of birth and
record numbers are never part of either shape.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Status = Literal["normal", "high", "low", "critical-high", "critical-low", "unknown"]


class ReportLine(BaseModel):
    """One result line exactly as the report printed it."""

    printed_name: str  # the test as printed: "Potassium, Serum", "HGB", "eGFR"
    value: float | None = None  # the number; None for a qualitative result ("Negative")
    value_text: str  # as printed: "5.4", "<0.1", "Negative", ">90"
    unit: str | None = None  # as printed: "mmol/L", "mg/dL", "x10^9/L"
    range_low: float | None = None  # the report's own reference range, where it gives one
    range_high: float | None = None
    range_text: str | None = None  # as printed: "3.5-5.1", "> OR = 60", "<200", "(115 - 165)"
    flag: str | None = None  # as printed: "H", "L", "HH", "LL", "A", "*"


class ReadReport(BaseModel):
    """What a reader got from one report: result lines, and lines it could not read reliably."""

    lines: list[ReportLine] = Field(default_factory=list)
    not_read: list[str] = Field(default_factory=list)  # the raw text of each unreadable line
    source_kind: Literal["text", "pdf", "image"] = "text"
    pages: int = 1


class ExplainedResult(BaseModel):
    """One result, explained. `test` is the catalogue id; None when the name matched no test."""

    test: str | None
    name: str  # the test as printed on the report
    display_name: str | None = None  # the catalogue's plain name: "Potassium"
    loinc: str | None = None
    value: float | None = None
    value_text: str
    unit: str | None = None
    range: str | None = None  # the range used for the status, with its unit
    range_from: Literal["report", "catalogue", "none"] = "none"
    status: Status = "unknown"
    explanation: str = ""  # plain words: what the test measures and what this result can mean
    ask_doctor: list[str] = Field(default_factory=list)  # questions worth asking
    urgent_message: str | None = None  # for a critical value: get help today / now
    citations: list[str] = Field(default_factory=list)  # source ids, resolved in `sources`
    related_guides: list[str] = Field(default_factory=list)  # library guide slugs


class LabSource(BaseModel):
    id: str
    title: str
    publisher: str
    url: str | None = None


class LabExplanation(BaseModel):
    """The whole answer for one report. Critical results come first in `results`."""

    results: list[ExplainedResult] = Field(default_factory=list)
    not_read: list[str] = Field(default_factory=list)
    urgent: bool = False
    urgent_message: str | None = None
    sources: list[LabSource] = Field(default_factory=list)
    disclaimer: str = ""
