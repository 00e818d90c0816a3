"""LOINC codes for label sections: how SPL XML and openFDA JSON say which section is which.

Both formats name sections the same way underneath: SPL tags each <section> with a LOINC code,
and openFDA names each field after that section (`indications_and_usage` is 34067-9). The
table ships as package data (data/loinc-sections.csv) because nothing outside the package is
available at run time.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

# Document types (the <document><code>): which kind of label this is.
RX_LABEL = "34391-3"  # HUMAN PRESCRIPTION DRUG LABEL
OTC_LABEL = "34390-5"  # HUMAN OTC DRUG LABEL

ABUSE = "34086-9"
ACTIVE_INGREDIENT = "55106-9"
ADVERSE_REACTIONS = "34084-4"
ASK_DOCTOR = "50569-3"
ASK_DOCTOR_PHARMACIST = "50568-5"
BOXED_WARNING = "34066-1"
CLINICAL_PHARMACOLOGY = "34090-1"
CONTRAINDICATIONS = "34070-3"
DEPENDENCE = "34087-7"
DESCRIPTION = "34089-3"
DO_NOT_USE = "50570-1"
DOSAGE = "34068-7"
DOSAGE_FORMS = "43678-2"
DRUG_ABUSE_DEPENDENCE = "42227-9"
DRUG_INTERACTIONS = "34073-7"
GENERAL_PRECAUTIONS = "34072-9"
GERIATRIC_USE = "34082-8"
HOW_SUPPLIED = "34069-5"
INDICATIONS = "34067-9"
INFO_FOR_PATIENTS = "34076-0"
KEEP_OUT_OF_REACH = "50565-1"
LACTATION = "77290-5"
MECHANISM = "43679-0"
MEDGUIDE = "42231-1"
NURSING_MOTHERS = "34080-2"
OVERDOSAGE = "34088-5"
PATIENT_INFO = "42230-3"
PATIENT_MEDICATION_INFO = "68498-5"
PEDIATRIC_USE = "34081-0"
PRECAUTIONS = "42232-9"
PREGNANCY = "42228-7"
PREGNANCY_OR_BREASTFEEDING = "53414-9"
PRODUCT_DATA = "48780-1"
PURPOSE = "55105-1"
SPECIFIC_POPULATIONS = "43684-0"
STOP_USE = "50566-9"
STORAGE = "44425-7"
TERATOGENIC = "34077-8"
UNCLASSIFIED = "42229-5"
WARNINGS = "34071-1"
WARNINGS_AND_PRECAUTIONS = "43685-7"
WHEN_USING = "50567-7"

# Sections whose coded subsections stand on their own (8.1 Pregnancy inside 8 Use in Specific
# Populations). Inside any other section a coded child is part of its parent: labels in the
# wild mis-code dosing tables as "Boxed Warning" inside Dosage and Administration, and list
# "4.3 Pregnancy" inside Contraindications, where it is a contraindication.
CONTAINERS = frozenset({
    SPECIFIC_POPULATIONS, PRECAUTIONS, WARNINGS, WARNINGS_AND_PRECAUTIONS, CLINICAL_PHARMACOLOGY,
    HOW_SUPPLIED, DRUG_ABUSE_DEPENDENCE, "43680-8",
})
# A boxed warning is a boxed warning only at the top of the label (see the note above).
TOP_LEVEL_ONLY = frozenset({BOXED_WARNING})

# Sections the fact extractor reads; readers may drop the rest early to save memory.
USED = frozenset({
    ACTIVE_INGREDIENT, ADVERSE_REACTIONS, ASK_DOCTOR, ASK_DOCTOR_PHARMACIST, BOXED_WARNING,
    CLINICAL_PHARMACOLOGY, CONTRAINDICATIONS, DO_NOT_USE, DOSAGE, DOSAGE_FORMS, DRUG_INTERACTIONS,
    GENERAL_PRECAUTIONS, GERIATRIC_USE, HOW_SUPPLIED, INDICATIONS, INFO_FOR_PATIENTS,
    KEEP_OUT_OF_REACH, LACTATION, MECHANISM, MEDGUIDE, NURSING_MOTHERS, OVERDOSAGE, PATIENT_INFO,
    PATIENT_MEDICATION_INFO, PEDIATRIC_USE, PRECAUTIONS, PREGNANCY, PREGNANCY_OR_BREASTFEEDING,
    PURPOSE, SPECIFIC_POPULATIONS, STOP_USE, STORAGE, TERATOGENIC, WARNINGS,
    WARNINGS_AND_PRECAUTIONS, WHEN_USING, DRUG_ABUSE_DEPENDENCE, DEPENDENCE, ABUSE,
})


@dataclass(frozen=True)
class SectionCode:
    code: str
    name: str  # as LOINC names it: "Indications & Usage"
    openfda_field: str | None  # "indications_and_usage"

    @property
    def title(self) -> str:
        """A heading for citations: 'Indications and usage'."""
        if self.code in _TITLES:
            return _TITLES[self.code]
        text = self.name.replace(" & or ", " and/or ").replace(" & ", " and ")
        words = [w if w.isupper() and len(w) <= 4 else w.lower() for w in text.split()]  # SPL, OTC stay
        text = " ".join(words)
        return text[:1].upper() + text[1:]


# Where the LOINC name says little to a reader of a citation.
_TITLES = {PRODUCT_DATA: "Product data (names, forms, strengths, appearance)"}


@cache
def codes() -> dict[str, SectionCode]:
    path = resources.files("healthlib") / "data" / "loinc-sections.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: SectionCode(row["code"], row["name"], row["openfda_field"] or None)
                for row in csv.DictReader(handle)}


@cache
def openfda_fields() -> dict[str, str]:
    """openFDA field name -> LOINC section code."""
    return {c.openfda_field: c.code for c in codes().values() if c.openfda_field}


def title_of(code: str | None) -> str:
    known = codes().get(code or "")
    return known.title if known else "Label section"
