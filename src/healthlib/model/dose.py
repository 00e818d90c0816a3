"""Dose amounts, units and frequencies: the parts of a monograph a pharmacist checks first.

A wrong dose is the worst bug this project can have, so doses are structured (amount, unit,
frequency) rather than free text, and validated: a unit must be a unit, a frequency must be
a frequency, and a maximum may not be lower than the starting dose.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, field_validator, model_validator

# Units a label states doses in. Mass units convert to each other; the rest compare only
# with themselves.
MASS_IN_MG = {"mcg": 0.001, "mg": 1.0, "g": 1000.0}
Unit = Literal[
    "mcg", "mg", "g", "mg/kg", "mcg/kg", "mL", "units", "units/kg", "mEq", "IU", "mmol",
    "tablet", "capsule", "puff", "spray", "drop", "patch", "application",
    "piece", "lozenge", "suppository", "inhalation", "packet",
]

_NUM = r"(\d+(?:\.\d+)?)"
_WORD_TIMES = {"once": 1, "twice": 2, "three times": 3, "four times": 4, "five times": 5, "six times": 6}
_FREQUENCY_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(once|twice|three times|four times|five times|six times) (a|per) (day|week|month)$"), "times"),
    (re.compile(rf"^every {_NUM}(?: to {_NUM})? (hours|days|weeks|months)$"), "every"),
    (re.compile(r"^every (day|other day|week|month|morning|evening|night)$"), "every-one"),
    (re.compile(r"^(at bedtime|once at bedtime|as needed|as a single dose|once)$"), "other"),
    (re.compile(rf"^up to {_NUM} times (a|per) day$"), "times-upto"),
    # a label's range: "2 to 4 times a day", "three or four times a day", "once or twice a day"
    (re.compile(r"^(\d+) to (\d+) times (a|per) day$"), "times-range"),
    (re.compile(r"^(once|twice|three|four) or (twice|three times|four times|five times) (a|per) day$"),
     "times-range"),
]


def frequency_kind(text: str) -> str | None:
    """Which frequency pattern `text` follows, or None when it is not a frequency."""
    cleaned = text.strip().lower()
    # "as needed" may qualify any regular schedule: "every 4 to 6 hours as needed"
    cleaned = re.sub(r",? as needed$", "", cleaned) if cleaned != "as needed" else cleaned
    for pattern, kind in _FREQUENCY_PATTERNS:
        if pattern.match(cleaned):
            return kind
    return None


def times_per_day(text: str) -> float | None:
    """How many doses a day the frequency means, when that is fixed; None when it is not."""
    cleaned = text.strip().lower()
    m = _FREQUENCY_PATTERNS[0][0].match(cleaned)
    if m:
        times = _WORD_TIMES[m.group(1)]
        return {"day": times, "week": times / 7, "month": times / 30}[m.group(3)]
    if frequency_kind(cleaned) == "times-range":  # the higher figure bounds a day's doses
        last = cleaned.split(" or ")[-1].split(" to ")[-1].split()[0]
        return float(last) if last.isdigit() else _WORD_TIMES.get(last + (" times" if last not in {"twice"} else ""))
    m = _FREQUENCY_PATTERNS[1][0].match(cleaned)
    if m and m.group(3) == "hours":
        # the most doses a day the interval allows (the shorter interval)
        return 24 / float(m.group(1))
    if cleaned in {"every day", "every morning", "every evening", "every night", "at bedtime",
                   "once at bedtime"}:
        return 1
    return None


class Amount(BaseModel):
    """An amount such as 5 mg, or a range such as 2 to 5 mg."""

    model_config = ConfigDict(extra="forbid")
    amount: float
    amount_high: float | None = None
    unit: Unit

    @field_validator("amount", "amount_high")
    @classmethod
    def _positive(cls, value: float | None) -> float | None:
        if value is not None and value <= 0:
            raise ValueError("a dose amount must be greater than zero")
        return value

    @model_validator(mode="after")
    def _range_in_order(self) -> Amount:
        if self.amount_high is not None and self.amount_high < self.amount:
            raise ValueError(f"range {self.amount:g} to {self.amount_high:g} runs backwards")
        return self

    def in_unit_of(self, other: Amount, value: float) -> float | None:
        """`value` (in this amount's unit) expressed in `other`'s unit, when they convert."""
        if self.unit == other.unit:
            return value
        if self.unit in MASS_IN_MG and other.unit in MASS_IN_MG:
            return value * MASS_IN_MG[self.unit] / MASS_IN_MG[other.unit]
        return None

    def render(self) -> str:
        def num(value: float) -> str:
            return f"{value:g}"

        unit = self.unit
        plural = self.amount_high or self.amount
        if unit in {"tablet", "capsule", "puff", "spray", "drop", "patch", "application",
                    "piece", "lozenge", "suppository", "inhalation", "packet"} and plural != 1:
            unit = unit + "s"
        if self.amount_high is not None:
            return f"{num(self.amount)} to {num(self.amount_high)} {unit}"
        return f"{num(self.amount)} {unit}"


def _check_frequency(value: str) -> str:
    if frequency_kind(value) is None:
        raise ValueError(
            f"'{value}' is not a frequency (try 'three times a day', "
            "'every 6 to 8 hours', 'once a week', 'at bedtime', 'as needed')"
        )
    return value.strip()


# How often, as a label would say it: "three times a day", "every 6 to 8 hours".
FrequencyText = Annotated[str, AfterValidator(_check_frequency)]


Per = Literal["dose", "day", "week", "course"]
