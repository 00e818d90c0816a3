"""Keep the person out of a lab report: lines that identify someone are dropped before reading.

A report carries the patient's name, date of birth, record numbers (MRN, NHS number, accession),
address and phone number. None of it is needed to explain a result, so a line holding any of it
is never read and never echoed (not even as a "not read" line), and any identifier-like digits
left in a line that is echoed are removed.
"""

from __future__ import annotations

import re

# a label that introduces something about the person (or the people treating them), and a doctor's
# title ("Dr. S. Menon"): these never name a lab test, so they count anywhere on a line
_STRONG_LABELS = re.compile(
    r"""\b(?:patient|pt\s*name|surname|forename|first\s+name|last\s+name|full\s+name|d\.?o\.?b|
    date\s+of\s+birth|birth\s*date|mrn|m\.r\.n|medical\s+record|record\s*(?:no|number)|hospital\s*(?:no|number)|
    nhs\s*(?:no|number)|chi\s*(?:no|number)|unit\s*(?:no|number)|accession|specimen\s*(?:id|no|number)|
    lab\s*(?:no|number|id)|sample\s*(?:id|no)|requisition|order\s*(?:no|number|id)|ssn|social\s+security|
    insurance|postcode|post\s+code|telephone|ordered\s+by|ordering|requested\s+by|referring|
    date\s+(?:of\s+)?(?:collection|report|service)|page\s+\S{1,4}\s+of)\b|\b(?:dr|prof)\.\s+[A-Z]""",
    re.IGNORECASE | re.VERBOSE,
)
# words that could also sit inside a test's name ("Sex hormone binding globulin"): only as a label
_WEAK_LABELS = re.compile(
    r"""\b(?:name|age|sex|gender|born|address|street|zip|phone|tel|mobile|fax|e-?mail|account|acct|nhs|
    physician|doctor|dr|consultant|clinician|provider|gp|collected|received|reported|printed|id|ref)\s*[:#]""",
    re.IGNORECASE | re.VERBOSE,
)
# a line led by a contact label and a column gap, no colon ("Address   1 6 8 M a p l e  A v e n u e" on a
# hand-filled form, its letters spaced out past `_US_STREET`)
_CONTACT_LINE = re.compile(r"^\s*(?:home\s+)?(?:address|street|phone|telephone|tel|mobile|fax|e-?mail)(?:\s{2,}|\t)",
                           re.IGNORECASE)
_DATE = re.compile(
    r"""\b(?:\d{1,2}([/.\-])\d{1,2}\1\d{2,4}(?![.\d])|\d{4}-\d{2}-\d{2}|
    \d{1,2}(?:\s*|[/.\-])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?(?:\s*|[/.\-])\d{2,4}\b|
    (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4})""",
    re.IGNORECASE | re.VERBOSE,
)
_PHONE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?\(?\b\d{3,5}\)?[\s.-]?\d{3,4}[\s.-]\d{4}\b|\b0\d{4}\s\d{6}\b")
# a phone number after its label without a colon ("Tel 555-0100", "Phone (555) 010-0100")
_LABELLED_PHONE = re.compile(r"\b(?:tel|phone|telephone|fax)\.?\s*[:#]?\s*\+?\(?\d[\d ().-]{5,}\d", re.IGNORECASE)
_NHS_NUMBER = re.compile(r"\b\d{3}\s?\d{3}\s?\d{4}\b")
_UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b")
_US_STREET = re.compile(r"\b\d+\s+(?:[A-Z][a-z]+\s+){1,3}(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Lane|Ln|Dr|Drive|Way|Court|Ct)\b\.?")
# a record number under a short label printed without a colon ("ID 32356928", "No. 4471902", "# A123456",
# "Ref 4,471,902")
_SHORT_LABEL_NUMBER = re.compile(r"(?:\b(?:id|no|nr|ref|acc|mrn|pid|uid)\b\.?|#)\s*[#:.]?\s*[A-Z]{0,3}(?:\d{4,}|\d{1,3}(?:[,.]\d{3}){2,})\b",
                                 re.IGNORECASE)
# figures no lab result is printed as: a bare run of seven or more (a record or specimen number)
_BARE_RECORD_NUMBER = re.compile(r"(?<![\d.,])\d{7,}(?![\d.,]\d)")
_LONG_DIGITS = re.compile(r"[A-Z]{0,3}\d{5,}(?:[-/]\d+)*[A-Z]{0,2}|\b\d+(?:[\s-]\d+){2,}\b"
                          r"|\b\d{1,3}(?:[,.]\d{3}){2,}\b")  # and "12,345,678": no count is printed so


def identifies_someone(line: str) -> bool:
    """True for a line that names, dates or numbers a person, or says where to reach them."""
    return bool(_STRONG_LABELS.search(line) or _WEAK_LABELS.search(line) or _CONTACT_LINE.match(line)
                or _DATE.search(line) or _PHONE.search(line)
                or _LABELLED_PHONE.search(line)
                or _NHS_NUMBER.search(line) or _UK_POSTCODE.search(line) or _US_STREET.search(line)
                or _SHORT_LABEL_NUMBER.search(line) or _BARE_RECORD_NUMBER.search(line))


_TIME = re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])")


def undated(line: str) -> str | None:
    """A line that identifies someone by nothing but a date (and times), as a result row's
    "Collected" cell does, with its dates and times blanked; None for any other line."""
    if not _DATE.search(line):
        return None
    text = _TIME.sub("   ", _DATE.sub("   ", line))
    return None if identifies_someone(text) else text


IDENTIFIER_FIGURES = 5  # a bare whole number this long, with neither unit nor range, is a record number


def looks_like_record_number(value_text: str, unit: str | None, has_range: bool) -> bool:
    """A "result" that is a record number read off an unlabelled line ("ID 3235692" split as a name
    and a value): a bare whole number of IDENTIFIER_FIGURES or more, with no unit and no range."""
    figures = value_text
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3}){2,}", value_text):  # grouped: "12,345,678"
        figures = re.sub(r"[,.]", "", value_text)
    return not unit and not has_range and re.fullmatch(rf"\d{{{IDENTIFIER_FIGURES},}}", figures) is not None


def scrub(line: str) -> str:
    """A line safe to echo back: identifier-like digit runs and dates removed, spaces tidied."""
    text = _DATE.sub(" ", line)
    text = _LONG_DIGITS.sub(" ", text)
    return " ".join(text.split())
