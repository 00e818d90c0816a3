"""Units as lab reports print them: one normal spelling, and exact scale changes within a kind.

Reports spell one unit many ways ("mmol/l", "mmol/L", "umol/L", "µmol/L", "x10E3/uL", "K/uL",
"10^9/L"). `normalise_unit` turns each spelling into one key. `scale_between` converts between
units of the same kind by powers of ten only (g/dL -> g/L, ng/mL -> ng/L, /uL -> 10^9/L), which
is exact for every test. Changes that depend on the substance (mg/dL -> mmol/L) live in each
catalogue entry, never here.
"""

from __future__ import annotations

import re
import unicodedata

# Spellings that differ only in case, spaces or symbols are folded first; these map what is
# left onto one key per unit.
_SPELLINGS: dict[str, str] = {
    # counts per volume
    "10^9/l": "10^9/l", "109/l": "10^9/l", "10e9/l": "10^9/l", "gi/l": "10^9/l",
    "10^3/ul": "10^9/l", "103/ul": "10^9/l", "10e3/ul": "10^9/l", "k/ul": "10^9/l",
    "k/mm3": "10^9/l", "10^3/mm3": "10^9/l", "thou/ul": "10^9/l", "thous/ul": "10^9/l",
    "e9/l": "10^9/l", "e12/l": "10^12/l",  # Canadian "x E9/L"
    "1000/ul": "10^9/l", "10^3/mcl": "10^9/l", "k/mcl": "10^9/l", "10^3cells/ul": "10^9/l",
    "10^12/l": "10^12/l", "1012/l": "10^12/l", "10e12/l": "10^12/l", "t/l": "10^12/l",
    "10^6/ul": "10^12/l", "106/ul": "10^12/l", "10e6/ul": "10^12/l", "m/ul": "10^12/l",
    "mill/ul": "10^12/l", "10^6/mm3": "10^12/l", "m/mm3": "10^12/l", "10^6/mcl": "10^12/l",
    "/ul": "/ul", "cells/ul": "/ul", "/mm3": "/ul", "/cumm": "/ul", "cells/mm3": "/ul",
    "/mcl": "/ul", "cells/mcl": "/ul",
    "thousand/ul": "10^9/l", "million/ul": "10^12/l", "/nl": "10^9/l", "/pl": "10^12/l",  # Quest; German
    "tpt/l": "10^12/l",
    # enzyme activity and hormone units
    "iu/l": "u/l", "u/l": "u/l", "units/l": "u/l", "ukat/l": "ukat/l",
    "miu/l": "miu/l", "mu/l": "miu/l", "uiu/ml": "miu/l", "uu/ml": "miu/l", "miu/ml": "iu/l",
    # eGFR and rates
    "ml/min/1.73m2": "ml/min/1.73m2", "ml/min/1.73": "ml/min/1.73m2",
    "ml/min/bsa": "ml/min/1.73m2", "mm/h": "mm/h", "mm/hr": "mm/h", "mm/hour": "mm/h",
    "mm/1h": "mm/h", "mm/1hr": "mm/h",
    # ratios without a unit
    "": "ratio", "ratio": "ratio", "inr": "ratio", "index": "ratio",
    "meq/l": "meq/l", "mmol/mol": "mmol/mol", "mg/mmol": "mg/mmol", "mg/g": "mg/g",
    "mg/gcr": "mg/g", "mg/gcreat": "mg/g", "ug/mg": "mg/g", "fl": "fl", "pg": "pg",
    "%": "%", "percent": "%", "l/l": "l/l", "sec": "s", "s": "s", "seconds": "s", "secs": "s",
}

# Units of one kind and their size in a base unit of that kind (powers of ten, and the katal).
_KINDS: dict[str, tuple[str, float]] = {
    "g/l": ("mass", 1.0), "g/dl": ("mass", 10.0), "mg/dl": ("mass", 1e-2), "mg/l": ("mass", 1e-3),
    "ug/dl": ("mass", 1e-5), "ug/l": ("mass", 1e-6), "ng/ml": ("mass", 1e-6),
    "ng/dl": ("mass", 1e-8), "ng/l": ("mass", 1e-9), "pg/ml": ("mass", 1e-9), "mg/ml": ("mass", 1.0),
    "mol/l": ("molar", 1.0), "mmol/l": ("molar", 1e-3), "umol/l": ("molar", 1e-6),
    "nmol/l": ("molar", 1e-9), "pmol/l": ("molar", 1e-12),
    "10^12/l": ("count", 1e12), "10^9/l": ("count", 1e9), "/ul": ("count", 1e6),
    "u/l": ("activity", 1.0), "ukat/l": ("activity", 60.0),  # 1 µkat = 60 µmol/min = 60 U
    "iu/l": ("hormone", 1.0), "miu/l": ("hormone", 1e-3),
    "mg/g": ("mass-ratio", 1e-3), "mg/mg": ("mass-ratio", 1.0),
}


def normalise_unit(unit: str | None) -> str:
    """One key per unit: 'µmol/L' and 'umol/l' -> 'umol/l'; 'x10E3/uL' and 'K/uL' -> '10^9/l'.

    None and '' become 'ratio' (a result with no unit, such as the INR).
    """
    if unit is None:
        return "ratio"
    if re.fullmatch(r"\s*(?:G|Gpt)/l\s*", unit):  # giga per litre; "G/L" may be an all-capitals g/L
        return "10^9/l"
    s = folded_unit(unit)
    return _SPELLINGS.get(s, s)


def folded_unit(unit: str) -> str:
    """A unit's spelling with only case, spaces and symbols folded ('µmol/L' and 'umol/l' ->
    'umol/l', 'x10*9/L' -> '10^9/l'), before `normalise_unit` maps spellings of one unit onto one
    key: 'IU/L' and 'U/L' stay apart here, as two different prints of the same unit."""
    s = unicodedata.normalize("NFKC", unit).strip().lower()
    s = s.replace("µ", "u").replace("μ", "u").replace("²", "2").replace("³", "3")
    s = re.sub(r"\s+", "", s)
    s = re.sub(r"(?<![a-z])mc(?=[glm])", "u", s)  # mcg, mcmol, mcL -> ug, umol, uL
    s = s.replace("litre", "l").replace("liter", "l").replace("micro", "u")
    s = re.sub(r"^(?:x|\*|×)", "", s)  # x10^9/L, ×10^9/L
    s = re.sub(r"10\*\*?|10\^|10e|10\((\d+)\)", lambda m: f"10^{m.group(1) or ''}", s)
    s = s.replace("{", "").replace("}", "").replace("_", "").replace("^2", "2")
    s = re.sub(r"(?<=\d)m2$", "m2", s)
    if s.startswith("ml/min/1.73"):
        s = "ml/min/1.73m2"
    return s


def scale_between(from_unit: str | None, to_unit: str | None) -> float | None:
    """The exact factor taking a value in `from_unit` to `to_unit` when both are the same kind
    of unit (x10 for g/dL -> g/L); 1.0 for the same unit; None when they are different kinds."""
    a, b = normalise_unit(from_unit), normalise_unit(to_unit)
    if a == b:
        return 1.0
    ka, kb = _KINDS.get(a), _KINDS.get(b)
    if ka is None or kb is None or ka[0] != kb[0]:
        return None
    return ka[1] / kb[1]


def convert_units(value: float, from_unit: str | None, to_unit: str | None) -> float | None:
    """`value` from one unit to another of the same kind (g/dL -> g/L, K/uL -> 10^9/L), or None.
    Changes that depend on the substance (mg/dL -> mmol/L) need the test: `LabTest.convert`."""
    factor = scale_between(from_unit, to_unit)
    return None if factor is None else value * factor
