"""One lab test in the catalogue: the names reports print, its units and exact conversions, a
typical adult range, what high and low can mean, critical values, and a source for every fact.

Validation here catches what a reviewer of one entry would: a citation to a source that is not
listed, a critical or range unit the test is not reported in, a critical low above the range's
low end, a LOINC code whose check digit is wrong (a typo, never a real code).
Checks that need the whole catalogue (a printed name claimed by two tests) live in the reader;
checks that need the library (guide slugs, reading grade) live in `healthlib.library.lab_check`.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator, model_validator

from healthlib.model.lab_units import normalise_unit, scale_between
from healthlib.model.monograph import SLUG_RE, Fact, Source, Strict

LOINC_RE = re.compile(r"^(\d{1,7})-(\d)$")


def loinc_check_digit(digits: str) -> int:
    """LOINC's mod-10 check digit (LOINC Users' Guide, appendix on check digits)."""
    rev = digits[::-1]
    odd = "".join(rev[0::2])[::-1]  # positions 1, 3, 5... from the right, in reading order
    even = "".join(rev[1::2])[::-1]
    joined = even + str(int(odd) * 2)
    total = sum(int(c) for c in joined)
    return (10 - total % 10) % 10


class UnitConversion(Strict):
    """A unit the test is reported in, and how to get the canonical unit from it:
    canonical = value * multiply + add, or value / divide + add. A unit with neither factor is
    printed on reports but cannot be converted (a white-cell percentage is not a count)."""

    unit: str
    multiply: float | None = Field(default=None, gt=0)
    divide: float | None = Field(default=None, gt=0)
    add: float = 0.0
    note: str | None = None

    @model_validator(mode="after")
    def _one_factor(self) -> UnitConversion:
        if self.multiply is not None and self.divide is not None:
            raise ValueError("give either multiply or divide, not both")
        if self.add and self.multiply is None and self.divide is None:
            raise ValueError("an offset (add) needs a factor too")
        return self

    @property
    def convertible(self) -> bool:
        return self.multiply is not None or self.divide is not None

    def to_canonical(self, value: float) -> float:
        scaled = value * self.multiply if self.multiply is not None else value / (self.divide or 1)
        return scaled + self.add

    def from_canonical(self, value: float) -> float:
        shifted = value - self.add
        return shifted / self.multiply if self.multiply is not None else shifted * (self.divide or 1)


class TypicalRange(Strict):
    """A typical adult range, used only when a report prints none, and always labelled so.
    `high` and `low` are inside the range (a value equal to either is in range)."""

    low: float | None = None
    high: float | None = None
    unit: str | None = None  # defaults to the test's canonical unit
    text: str | None = None  # how to show it when "low-high" would mislead: "below 5.7%"
    note: str | None = None  # "for a fasting test"
    # words in a printed name that mean this range does not apply ("random" for a fasting range)
    not_when_printed: list[str] = Field(default_factory=list)
    cite: list[str] = Field(min_length=1)

    def applies_to(self, printed_name: str) -> bool:
        words = " " + " ".join(re.sub(r"[^a-z0-9]+", " ", printed_name.lower()).split()) + " "
        return not any(f" {w.lower()} " in words for w in self.not_when_printed)

    @model_validator(mode="after")
    def _bounds(self) -> TypicalRange:
        if self.low is None and self.high is None:
            raise ValueError("a range needs low, high or both")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low {self.low} is above high {self.high}")
        return self


class CriticalValue(Strict):
    """A result that needs care the same day ("today") or straight away ("now").

    `below`: value < threshold. `at-or-above`: value >= threshold. `above-report-range`: any
    result above the report's own range (troponin: each lab sets its own limit)."""

    when: Literal["below", "at-or-above", "above-report-range"]
    value: float | None = None
    unit: str | None = None  # defaults to the test's canonical unit
    act: Literal["now", "today"]
    text: str = Field(min_length=3)  # plain words: why it matters and what to do
    cite: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _value(self) -> CriticalValue:
        if self.when == "above-report-range":
            if self.value is not None:
                raise ValueError("above-report-range takes no value")
        elif self.value is None:
            raise ValueError(f"'{self.when}' needs a value")
        return self


class QualitativeResults(Strict):
    """Words a report prints for a test that is read, not measured (a urine dipstick)."""

    normal: list[str] = Field(min_length=1)  # "Negative", "Not detected"
    abnormal: list[str] = Field(min_length=1)  # "Positive", "Trace", "1+", "Small"


class LabTest(Strict):
    id: str
    name: str  # plain name: "Potassium"
    names: list[str] = Field(min_length=1)  # as printed on reports, US and UK spellings
    panel: str  # "Basic metabolic panel", "Full blood count"
    loinc: str | None = None  # only where certain
    # LOINC codes name a property (mass or moles per volume): the units this code holds for,
    # with their powers of ten (mg/dL also covers mg/L); empty means every unit of the test
    loinc_units: list[str] = Field(default_factory=list)
    specimen: Literal["blood", "urine"]
    kind: Literal["quantitative", "qualitative"] = "quantitative"
    unit: str | None = None  # canonical unit; "ratio" for a unitless result such as the INR
    units: list[UnitConversion] = Field(default_factory=list)  # other units it is reported in
    typical_range: TypicalRange | None = None
    range_note: Fact | None = None  # why there is no single typical range (sex, age, method)
    results: QualitativeResults | None = None
    measures: Fact  # what it measures
    high: Fact | None = None  # what high (qualitative: present/positive) can mean
    low: Fact | None = None
    affected_by: list[Fact] = Field(default_factory=list)
    critical: list[CriticalValue] = Field(default_factory=list)
    ask_doctor: list[str] = Field(default_factory=list)
    related_guides: list[str] = Field(default_factory=list)
    sources: list[Source] = Field(min_length=1)

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not SLUG_RE.match(value):
            raise ValueError(f"id must be a lower-case slug like 'free-t4' (got '{value}')")
        return value

    @field_validator("loinc")
    @classmethod
    def _loinc(cls, value: str | None) -> str | None:
        if value is None:
            return value
        m = LOINC_RE.match(value)
        if not m:
            raise ValueError(f"LOINC code must look like 2823-3 (got '{value}')")
        if loinc_check_digit(m.group(1)) != int(m.group(2)):
            raise ValueError(f"LOINC code '{value}' has a wrong check digit")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> LabTest:
        known = {s.id for s in self.sources}
        if len(known) != len(self.sources):
            raise ValueError("two sources share one id")
        for where, cites in self._citations():
            for source_id in cites:
                if source_id not in known:
                    raise ValueError(f"{where} cites unknown source '{source_id}'")
        if self.kind == "qualitative":
            if self.results is None:
                raise ValueError("a qualitative test needs results (normal and abnormal words)")
        elif self.unit is None:
            raise ValueError("a measured test needs its canonical unit")
        seen = {normalise_unit(self.unit)} if self.unit is not None else set()
        for conv in self.units:
            key = normalise_unit(conv.unit)
            if key in seen:
                raise ValueError(f"unit '{conv.unit}' is listed twice (or is the canonical unit)")
            seen.add(key)
        if self.typical_range is not None and not self.knows_unit(self.typical_range.unit or self.unit):
            raise ValueError(f"typical_range unit '{self.typical_range.unit}' is not one of the test's units")
        for crit in self.critical:
            if crit.value is not None and not self.knows_unit(crit.unit or self.unit):
                raise ValueError(f"critical unit '{crit.unit}' is not one of the test's units")
        for unit in self.loinc_units:
            if not self.knows_unit(unit):
                raise ValueError(f"loinc_units unit '{unit}' is not one of the test's units")
        if self.loinc_units and self.loinc is None:
            raise ValueError("loinc_units without a loinc code")
        self._critical_outside_range()
        return self

    def _citations(self) -> list[tuple[str, list[str]]]:
        out: list[tuple[str, list[str]]] = [("measures", self.measures.cite)]
        for name in ("high", "low", "range_note"):
            fact = getattr(self, name)
            if fact is not None:
                out.append((name, fact.cite))
        out += [(f"affected_by[{i}]", f.cite) for i, f in enumerate(self.affected_by)]
        out += [(f"critical[{i}]", c.cite) for i, c in enumerate(self.critical)]
        if self.typical_range is not None:
            out.append(("typical_range", self.typical_range.cite))
        return out

    def _critical_outside_range(self) -> None:
        rng = self.typical_range
        if rng is None:
            return
        unit = rng.unit or self.unit
        low = self.convert(rng.low, unit, self.unit) if rng.low is not None else None
        high = self.convert(rng.high, unit, self.unit) if rng.high is not None else None
        for crit in self.critical:
            if crit.value is None:
                continue
            value = self.convert(crit.value, crit.unit or self.unit, self.unit)
            if value is None:
                continue
            if crit.when == "below" and low is not None and value > low:
                raise ValueError(f"critical low {crit.value} is above the range's low end {rng.low}")
            if crit.when == "at-or-above" and high is not None and value <= high:
                raise ValueError(f"critical high {crit.value} is not above the range's high end {rng.high}")

    # --- units -------------------------------------------------------------------------------

    def loinc_for(self, unit: str | None) -> str | None:
        """The LOINC code when a result is in `unit`, or None when the code names another
        property (a mass code for a result in mmol/L)."""
        if self.loinc is None or not self.loinc_units:
            return self.loinc
        if any(scale_between(unit, u) is not None for u in self.loinc_units):
            return self.loinc
        return None

    def knows_unit(self, unit: str | None) -> bool:
        """True for the canonical unit and every unit listed in `units`."""
        key = normalise_unit(unit)
        return key == normalise_unit(self.unit) or any(
            key == normalise_unit(c.unit) for c in self.units)

    def to_canonical(self, value: float, unit: str | None) -> float | None:
        """`value` in `unit` as the canonical unit, or None when no exact conversion is known.
        A unit of the same kind as a listed one (mg/L for mg/dL) is scaled by a power of ten."""
        if self.unit is None:
            return None
        factor = scale_between(unit, self.unit)
        if factor is not None:
            return value * factor
        for conv in self.units:
            if not conv.convertible:
                continue
            factor = scale_between(unit, conv.unit)
            if factor is not None:
                return conv.to_canonical(value * factor)
        return None

    def from_canonical(self, value: float, unit: str | None) -> float | None:
        if self.unit is None:
            return None
        factor = scale_between(self.unit, unit)
        if factor is not None:
            return value * factor
        for conv in self.units:
            if not conv.convertible:
                continue
            factor = scale_between(conv.unit, unit)
            if factor is not None:
                return conv.from_canonical(value) * factor
        return None

    def convert(self, value: float, from_unit: str | None, to_unit: str | None) -> float | None:
        """`value` from one of this test's units to another; None when not exactly convertible.
        None as a unit means the result has no unit (an INR), never "the usual unit"."""
        # a missing unit on a report is not the canonical unit: never assume one
        unitless = {normalise_unit(from_unit), normalise_unit(to_unit)} & {"ratio"}
        if unitless and normalise_unit(self.unit) != "ratio":
            return None
        canonical = self.to_canonical(value, from_unit)
        return None if canonical is None else self.from_canonical(canonical, to_unit)
