"""How the text reader holds on layouts nobody wrote a rule for (issue 12).

The results of the corpus's text layouts (fresh5-fresh12: names, values, units and ranges as those
sets print them) are printed again in a plain results table, then that table is perturbed the ways
real reports differ -- one generic change at a time: columns in another order, an extra column
(LOINC, specimen, performing site, previous result), other header words, names wrapped onto two
lines, arrows or "(H)" as flags, dot leaders, ranges as "3.5 to 5.1" or "Ref Range: 3.5-5.1",
tab- or semicolon-separated paste, a PDF page (portrait or landscape), a sentence per result.
Each perturbation's results are scored as the evaluation scores them: read exactly, read wrongly
(worse than not read), or not read.

    .venv/bin/python benchmarks/text_robustness.py [--seeds N] [--skip N] [--only NAME,...] [-v]

Developed on the first seed of each set and layout (and the first two for the mixed look);
`--skip 2` draws other reports and other mixes, a check no rule was written from.

Round 12's looks ("new: ..."), chosen before the reader was measured on them, none printed by a
corpus set, each where real reports show it:
- unit joined to the value ("140mmol/L"): UK GP systems' record text (EMIS, SystmOne, Vision) and
  the NHS App's GP record; Indian lab apps' result lists;
- a date first on each row: a GP system's results journal (EMIS, SystmOne), an Australian practice
  inbox (Best Practice, MedicalDirector), a Canadian EMR's lab view (OSCAR, Accuro);
- "≤" / "≥" in one-sided ranges: Australian and South African pathology PDFs (Sonic, Lancet),
  letters a word processor autocorrected;
- non-breaking spaces ("&nbsp; &nbsp;"): a table copied from an Outlook HTML e-mail or a web portal;
- a byte-order mark and CRLF line ends: a Windows EHR's text or CSV export (Meditech, Excel);
- no heading row: rows selected in a portal's table and pasted into an e-mail or a notes app;
- tab stops (several tabs to line cells up, an empty cell a tab): a Word letter template, a GP
  consultation's pasted results;
- headings on two lines ("Reference" over "Range"): US and Australian lab PDFs with narrow columns,
  India's "Biological Ref." over "Interval";
- bilingual headings ("Result / Résultat"): Quebec and Ontario labs, Canadian federal services;
- a test code column before the name ("NA  Sodium"): Meditech and Cerner result lists (Canada,
  Australia), Indian LIS printouts, South Africa's TrakCare;
- a comment column holding numbers ("Repeat in 3 months", "Target < 48"): Indian and South African
  reports' Remarks column, the NHS's result notes;
- status words ("Normal" / "High" / "Low") in place of flags: the NHS App, Patients Know Best,
  HealthEngine;
- comparators spaced from their number ("< 5", "> 90"): Sunquest and Meditech prints, UK NHS labs;
- units in print's own script ("×10⁹/L", "µmol/L"): UK, Irish and Australian hospital PDFs, the
  NHS App.
"mixed: new looks" draws an older mix (`_mixed`), then a new column and two new changes on top.

Round 13's looks ("r13: ..."), chosen and written down before the reader was measured on them,
none in the harness before, none printed by a corpus set (corpus.py, fresh5-fresh14), each where
real reports show it:
- zero-width and soft-hyphen characters (U+200B/U+200C/U+2060 between cells, U+00AD inside long
  names): text copied from a web portal or Teams/Outlook (MyChart, NHS App web), PDFs whose words
  carry soft hyphens;
- a blank line after every row: a table pasted into Word or Google Docs as paragraphs, Outlook's
  HTML-to-plain-text conversion of a results e-mail;
- the flag in a left margin before the name ("H  Potassium ..."): Meditech and VistA lab prints,
  Sunquest cumulative prints, NHS labs' "*" margin;
- other heading words ("Investigation / Observation / UOM / Expected Values / Remark"; "Parameter /
  Your Result / Normal Limits / Indicator"; "Description / Value / Unit of Measure / Ref Values /
  Abn"): Indian, Pakistani and South African private labs' PDFs, US hospital LIS prints;
- a specimen abbreviation before the name ("S. Creatinine", "Sr. Sodium"): Indian LIS printouts
  (Thyrocare, Dr Lal, SRL), South African district lab prints;
- emphasis markup ("**Sodium**", WhatsApp's "*Sodium*", an abnormal value in bold): notes apps'
  Markdown export, a WhatsApp forward, an AI chat's summary pasted back;
- emoji markers in the flag cell ("🔺 H", "🔻 L", "✅"): Indian lab apps' WhatsApp summaries
  (Healthians, 1mg), consumer health apps' shared reports;
- a range wrapped in a narrow column ("133 -" on the row, "146" on the next line): US and
  Australian hospital PDFs' text layers, an EHR's narrow results pane copied;
- a panel column before each row ("Renal Profile  Sodium ..."): an EHR's spreadsheet export
  (Epic Reporting Workbench, Cerner), Indian LIS "Department" columns;
- the whole table indented under a letter's paragraph (a tab or four spaces): GP and discharge
  letters, Outlook plain-text e-mails;
- ranges with both ends right-aligned ("  3.5 -   5.1"): fixed-width LIS prints (Sunquest, iLab,
  Cerner Classic) that align the numbers of every range;
- test names in lower case ("sodium", "alkaline phosphatase"): FHIR/app exports of observation
  names, patients' own typed notes.
"mixed: r13 looks" draws an older mix (`_mixed`), then two of round 13's changes on top.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.labs.corpus import Report, Truth, _font, _range_text, make_report, score  # noqa: E402

from healthlib.model.lab_report import ReadReport  # noqa: E402
from healthlib.readers.labs.report import read_report_bytes  # noqa: E402

READ_SECONDS = 60  # a report read longer than this has hung: its results count as not read


class _Hung(Exception):
    pass


def _read(data: bytes, name: str, seconds: int) -> ReadReport | None:
    """The report read, or None when it took longer than READ_SECONDS (a reader caught in a loop)."""
    def stop(*_):
        raise _Hung
    signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        return read_report_bytes(data, name=name)
    except _Hung:
        return None
    finally:
        signal.alarm(0)

SETS = [(f"fresh{n}", 1000 + (n - 2) * 10000) for n in range(5, 13)]  # eval_labs.py's first seeds
TEXT_LAYOUTS = ["us-table", "uk-fixed", "clinic-slip", "two-column", "portal-text"]
FLAG_ARROWS = {"H": "↑", "L": "↓", "HH": "↑↑", "LL": "↓↓", "A": "*"}
FLAG_PARENS = {"H": "(H)", "L": "(L)", "HH": "(HH)", "LL": "(LL)", "A": "(A)"}
HEADER = ["Patient: {name}", "DOB: {dob}    MRN: {mrn}", "Collected: 03/14/2024 08:15", ""]


@dataclass(frozen=True)
class Look:
    """One perturbation of the plain table: which cells, in which order, under which headings."""
    columns: tuple[str, ...] = ("name", "value", "unit", "range", "flag")
    headings: dict | None = None
    sep: str = "pad"  # pad (2+ spaces), tab, semicolon, dots (a dot leader after the name)
    flags: dict | None = None
    range_style: str = "dash"
    range_label: str = ""  # "Ref Range: " printed inside the range cell
    wrap: str = ""  # a name of two or more words wrapped: "end" (its last word on the next line) or "start"
    pdf: str = ""  # "", "portrait", "landscape"
    sentence: bool = False
    mixed: bool = False  # each report its own three changes at once (`_mixed`)
    mix_new: bool = False  # the mix drawn from round 12's looks too (`_mixed_new`)
    upper: bool = False  # everything in capitals, units too
    sections: bool = False  # a section heading every few rows ("CHEMISTRY")
    comments: bool = False  # a comment line under some rows
    page_break: bool = False  # the table carried over a page break: footer, header and headings again
    decimal_comma: bool = False
    no_headings: bool = False  # rows copied without the table's heading row
    headings_two_lines: bool = False  # each heading stacked on two lines ("Reference" over "Range")
    signs: bool = False  # one-sided ranges with the signs "≤" / "≥"
    spaced_comparators: bool = False  # "< 5", "> 90" in values and ranges
    script_units: bool = False  # units in print's own script: "×10⁹/L", "µmol/L"
    chars: str = ""  # "nbsp" (runs of spaces as an HTML page's "&nbsp; "), "windows" (a BOM, CRLF line ends),
    # "zero-width" (zero-width characters between cells, soft hyphens inside long names)
    mix_r13: bool = False  # the mix drawn with round 13's looks on top (`_mixed_r13`)
    blank_rows: bool = False  # a blank line after every row
    synonyms: bool = False  # heading words drawn from SYNONYMS
    name_prefix: bool = False  # a specimen abbreviation before a serum test's name ("S. Creatinine")
    markup: bool = False  # "**name**" or "*name*", an abnormal value in bold
    emoji: bool = False  # emoji markers in the flag cell
    wrap_range: bool = False  # a range's high end on the next line, under its column
    indent: bool = False  # the whole table indented under a letter's paragraph
    aligned_ranges: bool = False  # both ends of a range right-aligned ("  3.5 -   5.1")
    lower_names: bool = False


HEAD = {"status": "Status", "when": "Collected", "unit_name": "Test (Units)",
        "name": "Test", "value": "Result", "unit": "Units", "range": "Reference Range", "flag": "Flag",
        "loinc": "LOINC", "specimen": "Specimen", "site": "Performed At", "previous": "Previous Result",
        "value_unit": "Result/Units", "value_flag": "Result", "range_unit": "Reference Range",
        "value_unit_joined": "Result", "date_first": "Date", "code": "Code", "comment": "Comment",
        "status_word": "Status", "margin_flag": "", "panel": "Panel"}
SYNONYMS = [{"name": "Investigation", "value": "Observation", "unit": "UOM", "range": "Expected Values", "flag": "Remark"},
            {"name": "Parameter", "value": "Your Result", "unit": "Unit", "range": "Normal Limits", "flag": "Indicator"},
            {"name": "Description", "value": "Value", "unit": "Unit of Measure", "range": "Ref Values", "flag": "Abn"}]
EMOJI = {"H": "🔺 H", "L": "🔻 L", "HH": "🔺🔺 HH", "LL": "🔻🔻 LL", "A": "⚠️ A"}
PANELS = ["Renal Profile", "Liver Function", "Full Blood Count", "Lipid Profile", "Thyroid Function", "General Chemistry"]
NOT_SERUM = re.compile(r"urine|h[a]?emoglobin|hematocrit|haematocrit|wbc|rbc|platelet|white|red|inr|mcv|mch|"
                       r"neutro|lympho|mono|eosin|baso|prothrombin|esr|a1c|count", re.I)
BILINGUAL = {"name": "Test / Analyse", "value": "Result / Résultat", "unit": "Units / Unités",
             "range": "Reference Range / Valeurs de référence", "flag": "Flag / Indicateur"}
STATUS_WORDS = {"H": "High", "L": "Low", "HH": "Critical high", "LL": "Critical low", "A": "Abnormal"}
COMMENTS = ["", "", "", "Repeat in 3 months", "Target < 48", "Fasting 12 h", "Haemolysed x1", "See note 2",
            "Ratio 3.4", "Sample 2 of 2"]

LOOKS: dict[str, Look] = {
    "plain": Look(),
    "order: flag before value": Look(columns=("name", "flag", "value", "unit", "range")),
    "order: range before value": Look(columns=("name", "range", "value", "unit", "flag")),
    "order: units last": Look(columns=("name", "value", "flag", "range", "unit")),
    "extra: LOINC": Look(columns=("name", "loinc", "value", "unit", "range", "flag")),
    "extra: specimen": Look(columns=("name", "specimen", "value", "unit", "range", "flag")),
    "extra: performing site": Look(columns=("name", "value", "unit", "range", "flag", "site")),
    "extra: previous result": Look(columns=("name", "value", "flag", "previous", "unit", "range")),
    "headings: your value / normal range": Look(headings={"value": "Your Value", "range": "Normal Range"}),
    "headings: ref. interval": Look(headings={"name": "Analyte", "value": "Value", "range": "Ref. Interval"}),
    "headings: result/units": Look(columns=("name", "value_unit", "range", "flag")),
    "names wrapped: end on the next line": Look(wrap="end"),
    "names wrapped: start on the line above": Look(wrap="start"),
    "flags: arrows": Look(flags=FLAG_ARROWS),
    "flags: (H)/(L)": Look(flags=FLAG_PARENS),
    "dot leaders": Look(sep="dots"),
    "ranges: 3.5 to 5.1": Look(range_style="to"),
    "ranges: Ref Range: in cell": Look(range_label="Ref Range: "),
    "tab-separated paste": Look(sep="tab"),
    "semicolon-separated paste": Look(sep="semicolon"),
    "pdf: portrait": Look(pdf="portrait"),
    "pdf: landscape": Look(pdf="landscape"),
    "sentences": Look(sentence=True),
    "mixed: three changes at once": Look(mixed=True),
    "extra: status and collected columns": Look(columns=("name", "when", "value", "flag", "unit", "range", "status")),
    "unit in the name's cell": Look(columns=("unit_name", "value", "range", "flag")),
    "flag in the result's cell": Look(columns=("name", "value_flag", "unit", "range")),
    "pipe-ruled table": Look(sep="pipe"),
    "capitals": Look(upper=True),
    "section headings": Look(sections=True),
    "comment lines": Look(comments=True),
    "page break mid-table": Look(page_break=True),
    "decimal commas": Look(decimal_comma=True),
    "order: units before value": Look(columns=("name", "unit", "value", "range", "flag")),
    "range with its unit, no units column": Look(columns=("name", "value", "range_unit", "flag")),
    "single spaces between cells": Look(sep="single"),
    "one cell a line (copied from a web page)": Look(sep="lines"),
    "numbered rows": Look(sep="numbered"),
    "quoted CSV": Look(sep="csv"),
    "markdown table": Look(sep="markdown"),
    # round 12's looks, none written a rule for before they were measured (see NEW_LOOKS)
    "new: unit joined to the value (140mmol/L)": Look(columns=("name", "value_unit_joined", "range", "flag")),
    "new: a date first on each row": Look(columns=("date_first", "name", "value", "unit", "range", "flag")),
    "new: ranges with ≤ / ≥ signs": Look(signs=True),
    "new: non-breaking spaces (HTML e-mail copy)": Look(chars="nbsp"),
    "new: Windows export (BOM, CRLF)": Look(chars="windows"),
    "new: no heading row": Look(no_headings=True),
    "new: tab stops (tabs to line cells up)": Look(sep="tabstops"),
    "new: headings on two lines": Look(headings_two_lines=True),
    "new: bilingual headings (English / French)": Look(headings=BILINGUAL),
    "new: a test code column before the name": Look(columns=("code", "name", "value", "unit", "range", "flag")),
    "new: a comment column holding numbers": Look(columns=("name", "value", "unit", "range", "flag", "comment")),
    "new: status words (Normal / High / Low)": Look(columns=("name", "value", "unit", "range", "status_word")),
    "new: comparators spaced (< 5, > 90)": Look(spaced_comparators=True),
    "new: units in print's script (×10⁹/L, µmol/L)": Look(script_units=True),
    "mixed: new looks, three at once": Look(mixed=True, mix_new=True),
    # round 13's looks, none written a rule for before they were measured (see the docstring)
    "r13: zero-width characters and soft hyphens": Look(chars="zero-width"),
    "r13: a blank line after every row": Look(blank_rows=True),
    "r13: the flag in a left margin before the name": Look(columns=("margin_flag", "name", "value", "unit", "range")),
    "r13: other heading words (Investigation, Expected Values ...)": Look(synonyms=True),
    "r13: a specimen abbreviation before the name (S. Creatinine)": Look(name_prefix=True),
    "r13: emphasis markup (**Sodium**)": Look(markup=True),
    "r13: emoji markers in the flag cell": Look(emoji=True),
    "r13: a range wrapped onto the next line": Look(wrap_range=True),
    "r13: a panel column before each row": Look(columns=("panel", "name", "value", "unit", "range", "flag")),
    "r13: the table indented under a letter's paragraph": Look(indent=True),
    "r13: ranges right-aligned at both ends": Look(aligned_ranges=True),
    "r13: names in lower case": Look(lower_names=True),
    "mixed: r13 looks, three at once": Look(mixed=True, mix_r13=True),
}


_ORDERS = [("name", "value", "unit", "range", "flag"), ("name", "flag", "value", "unit", "range"),
           ("name", "range", "value", "unit", "flag"), ("name", "value", "flag", "range", "unit")]
_EXTRAS = ["loinc", "specimen", "site", "previous"]


def _mixed(rng: random.Random) -> Look:
    """Three of the single changes drawn together: a column order (maybe with an extra column), and
    two of headings, flags, ranges, separators, wrapping, a page."""
    columns = list(rng.choice(_ORDERS))
    if rng.random() < 0.6:
        extra = rng.choice(_EXTRAS)
        columns.insert(1 if extra in ("loinc", "specimen") else columns.index("value") + 1 if extra == "previous"
                       else len(columns), extra)
    changes = {}
    for kind in rng.sample(["headings", "flags", "range", "sep", "wrap", "pdf"], 2):
        if kind == "headings":
            changes["headings"] = rng.choice([{"value": "Your Value", "range": "Normal Range"},
                                              {"name": "Analyte", "value": "Value", "range": "Ref. Interval"}])
        elif kind == "flags":
            changes["flags"] = rng.choice([FLAG_ARROWS, FLAG_PARENS])
        elif kind == "range":
            changes[rng.choice(["range_style", "range_label"])] = "to"
            if "range_label" in changes:
                changes["range_label"] = "Ref Range: "
        elif kind == "sep":
            changes["sep"] = rng.choice(["tab", "semicolon", "dots"])
        elif kind == "wrap":
            changes["wrap"] = rng.choice(["end", "start"])
        else:
            changes["pdf"] = rng.choice(["portrait", "landscape"])
    if changes.get("sep") in ("tab", "semicolon"):
        changes.pop("wrap", None)
        changes.pop("pdf", None)
    return Look(columns=tuple(columns), **changes)


_NEW_EXTRAS = ["date_first", "code", "comment", "status_word", "value_unit_joined"]
_NEW_CHANGES = {"no_headings": True, "headings_two_lines": True, "signs": True, "spaced_comparators": True,
                "script_units": True, "chars": "nbsp", "windows": "windows", "tabstops": "tabstops",
                "bilingual": BILINGUAL}


def _mixed_new(rng: random.Random) -> Look:
    """Round 12's looks mixed with the older ones: an older draw (`_mixed`), then one of the new
    columns and two of the new changes on top where they can go together."""
    look = _mixed(rng)
    columns = list(look.columns)
    extra = rng.choice(_NEW_EXTRAS)
    if extra == "date_first" or extra == "code":
        columns.insert(0, extra)
    elif extra == "status_word":
        columns = [c for c in columns if c != "flag"] + ["status_word"]
    elif extra == "value_unit_joined":
        columns = [c for c in columns if c != "unit"]
        columns[columns.index("value")] = "value_unit_joined"
    else:
        columns.append(extra)
    changes: dict = {"columns": tuple(columns)}
    for kind in rng.sample(sorted(_NEW_CHANGES), 2):
        if kind == "windows":
            changes["chars"] = "windows"
        elif kind == "tabstops":
            changes["sep"] = "tabstops"
        elif kind == "bilingual":
            changes["headings"] = {**(look.headings or {}), **BILINGUAL}
        else:
            changes[kind] = _NEW_CHANGES[kind]
    if changes.get("sep") == "tabstops" or look.sep in ("tab", "semicolon"):
        changes["wrap"] = ""
        changes["pdf"] = ""
    if look.pdf or look.sep == "dots":  # a page or dot leaders have no characters of a paste
        changes.pop("chars", None)
    if changes.get("pdf", look.pdf):  # the truth's unit is the page's as printed, told from pasted text only
        changes.pop("script_units", None)
    if changes.get("no_headings") and [c for c in columns if c not in _NEW_EXTRAS] != list(_ORDERS[0]):
        changes.pop("no_headings")  # rows without headings are read in the plain order only
    if changes.get("no_headings") or changes.get("headings_two_lines") or columns[0] != "name":
        changes["wrap"] = ""
    return replace(look, **changes)


_R13_CHANGES = ["zero-width", "blank_rows", "margin_flag", "synonyms", "name_prefix", "markup", "emoji",
                "wrap_range", "panel", "indent", "aligned_ranges", "lower_names"]


def _mixed_r13(rng: random.Random) -> Look:
    """Round 13's looks mixed with the older ones: an older draw (`_mixed`), then two of round 13's
    changes on top where they can go together."""
    look = _mixed(rng)
    changes: dict = {}
    columns = list(look.columns)
    for kind in rng.sample(_R13_CHANGES, 2):
        if kind == "zero-width":
            changes["chars"] = "zero-width"
        elif kind == "margin_flag" and "flag" in columns and look.sep != "dots":  # a leader follows the name
            columns = ["margin_flag", *(c for c in columns if c != "flag")]
        elif kind == "panel" and look.sep != "dots":
            columns = ["panel", *columns]
        elif kind not in ("margin_flag", "panel"):
            changes[kind] = True
    changes["columns"] = tuple(columns)
    if columns[0] != "name" or changes.get("wrap_range") or changes.get("blank_rows"):
        changes["wrap"] = ""
    if look.pdf or look.sep == "dots":
        changes.pop("chars", None)
    if look.sep in ("tab", "semicolon", "dots"):  # cells a delimiter parts have no alignment to wrap a range in
        changes.pop("wrap_range", None)
        changes.pop("aligned_ranges", None)
    if changes.get("markup") and look.sep == "semicolon":
        changes.pop("markup")
    return replace(look, **changes)


def _prefixed(name: str) -> str:
    """A serum test's name with an Indian LIS's specimen abbreviation before it ("S. Creatinine")."""
    if NOT_SERUM.search(name) or name.lower().startswith(("serum", "plasma", "s.", "sr.")):
        return name
    return ("Sr. " if len(name) % 2 else "S. ") + name


def _truths(seeds: int, skip: int = 0) -> list[Report]:
    """The corpus's text reports whose results are printed again (the truth only, never their page)."""
    return [make_report(layout, first + k, variant) for variant, first in SETS for layout in TEXT_LAYOUTS
            for k in range(skip, skip + seeds)]


def _range(t: Truth, look: Look) -> str:
    text = _range_text(t, look.range_style)
    if look.aligned_ranges and t.range_low is not None and t.range_high is not None and not t.range_text:
        text = re.sub(r"^(\S+)\s*-\s*(\S+)$", lambda m: f"{m.group(1):>6} - {m.group(2):>6}", text)
    if look.signs and not t.range_text:
        text = re.sub(r"^\(?\s*(<=?|>=?|> OR =)\s*(\d[\d.]*)\)?$",
                      lambda m: ("≤" if m.group(1).startswith("<") else "≥") + m.group(2), text)
    if look.spaced_comparators:
        text = _spaced(text)
    return f"{look.range_label}{text}" if text else ""


def _printed_unit(unit: str | None, page: bytes) -> str | None:
    """The unit as the page prints it: in print's own script when the look set it so."""
    script = _script_unit(unit or "")
    return script if unit and script != unit and script.encode() in page else unit


def _printed_name(name: str, page: bytes) -> str:
    """The name as the page prints it: with its specimen abbreviation when the look set one."""
    prefixed = _prefixed(name)
    text = page.decode("utf-8", "replace").replace("\u00ad", "").lower()
    return prefixed if prefixed != name and re.search(r"(?<![\w.])" + re.escape(prefixed.lower()), text) else name


def _spaced(text: str) -> str:
    return re.sub(r"([<>]=?)(?=\d)", r"\1 ", text)


SCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _script_unit(unit: str) -> str:
    """A unit as a typeset report prints it: "×10⁹/L", "×10³/µL", "µmol/L"."""
    unit = re.sub(r"^x10(?:\^|E|e|\*)(\d+)", lambda m: "×10" + m.group(1).translate(SCRIPT), unit)
    return re.sub(r"^u(?=[a-zA-Z]+/)|(?<=/)u(?=[lL]$)", "µ", unit)


def _cells(t: Truth, look: Look, rng: random.Random) -> dict[str, str]:
    unit = _script_unit(t.unit or "") if look.script_units else t.unit or ""
    value = _spaced(t.value_text) if look.spaced_comparators else t.value_text
    flag = (look.flags or {}).get(t.flag or "", t.flag or "")
    if t.flag and t.flag not in "HLHHLLA":  # a flag in words (portal text: "High")
        flag = t.flag
    previous = _previous(t, rng)
    if look.emoji:
        flag = EMOJI.get(t.flag or "", f"⚠️ {t.flag}" if t.flag else "✅")
    value = f"**{value}**" if look.markup and t.flag else value
    name = _prefixed(t.printed_name) if look.name_prefix else t.printed_name
    name = name.lower() if look.lower_names else name
    if look.markup:
        name = f"**{name}**" if len(name) % 3 else f"*{name}*"
    return {"name": name, "margin_flag": flag, "value": value, "unit": unit, "range": _range(t, look),
            "flag": flag, "loinc": f"{rng.randint(1000, 99999)}-{rng.randint(0, 9)}",
            "specimen": rng.choice(["Serum", "Plasma", "Whole blood", "Urine"]),
            "site": rng.choice(["LabCorp BN", "Quest SJC", "01", "MAIN LAB"]),
            "previous": f"{previous}{rng.choice([' ', '  '])}{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}/2023" if previous else "",
            "value_unit": f"{value} {unit}".strip(), "value_unit_joined": f"{value}{unit}",
            "value_flag": f"{value} {flag}".strip(),
            "range_unit": f"{_range(t, look)} {unit}".strip(), "unit_name": f"{name} ({unit})" if unit else name,
            "status": rng.choice(["Final", "Final", "Corrected"]), "when": "03/14/2024 08:15",
            "date_first": "14-Mar-2024", "code": re.sub(r"[^A-Za-z0-9]", "", t.printed_name)[:4].upper(),
            "comment": rng.choice(COMMENTS),
            "status_word": STATUS_WORDS.get(t.flag or "", t.flag or "Normal") if t.flag or t.range_low is not None
            or t.range_high is not None or t.range_text else ""}


def _previous(t: Truth, rng: random.Random) -> str:
    """A previous result near this one, printed as the lab would (same decimals), or none."""
    number = re.fullmatch(r"(\d+)(?:\.(\d+))?", t.value_text)
    if number is None or rng.random() < 0.2:
        return ""
    decimals = len(number.group(2) or "")
    return f"{float(t.value_text) * rng.uniform(0.8, 1.2):.{decimals}f}"


def _rows(report: Report, look: Look, rng: random.Random) -> list[list[str]]:
    headings = {**HEAD, **(rng.choice(SYNONYMS) if look.synonyms else {}), **(look.headings or {})}
    rows = [[headings[c] for c in look.columns]]
    if look.headings_two_lines:  # the last word under the others, a one-word heading on the lower line
        rows = [[" ".join(h.split()[:-1]) for h in rows[0]], [h.split()[-1] for h in rows[0]]]
    if look.no_headings:
        rows = []
    for k, t in enumerate(report.truth):
        cells = _cells(t, look, rng)
        cells["panel"] = PANELS[k // 5 % len(PANELS)]
        row = [cells[c] for c in look.columns]
        wrapped = re.fullmatch(r"(.*\S)\s*-\s*(\S+)", cells["range"]) if look.wrap_range and "range" in look.columns else None
        if wrapped and not t.range_text:  # the high end under the range's column on the next line
            row[look.columns.index("range")] = wrapped.group(1) + " -"
            rows.append(row)
            rows.append(["" if c != "range" else wrapped.group(2) for c in look.columns])
        else:
            rows.append(row)
    return rows


def _as_text(rows: list[list[str]], look: Look) -> list[str]:
    if look.sep == "tab":
        return ["\t".join(r) for r in rows]
    if look.sep == "tabstops":  # as a word processor lines cells up: tabs to the next 8-wide stop
        widths = [(max(len(r[i]) for r in rows) // 8 + 1) * 8 for i in range(len(rows[0]))]
        return ["".join(c + "\t" * -(-(w - len(c)) // 8) for c, w in zip(r, widths, strict=True)).rstrip("\t")
                for r in rows]
    if look.sep == "semicolon":
        return [";".join(r) for r in rows]
    if look.sep == "single":
        return [" ".join(c for c in r if c) for r in rows]
    if look.sep == "lines":  # each cell on a line of its own, a blank line after each row
        return [line for r in rows for line in (*r, "")]
    if look.sep == "csv":
        return [",".join(f'"{c}"' for c in r) for r in rows]
    if look.sep == "markdown":
        return ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0]),
                *("| " + " | ".join(r) + " |" for r in rows[1:])]
    if look.sep == "numbered":
        widths = [max(len(r[i]) for r in rows) + 3 for i in range(len(rows[0]))]
        return [(f"{k}. " if k else "   ") + "".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
                for k, r in enumerate(rows)]
    if look.sep == "pipe":
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        return ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in rows]
    widths = [max(len(r[i]) for r in rows) + 3 for i in range(len(rows[0]))]
    out = []
    for k, r in enumerate(rows):
        if look.sep == "dots" and k:
            first = (r[0] + " ").ljust(widths[0] + 4, ".") + " "
            out.append((first + "".join(c.ljust(w) for c, w in zip(r[1:], widths[1:], strict=True))).rstrip())
        else:
            pad = 5 if look.sep == "dots" else 1
            out.append("".join(c.ljust(w + (pad if i == 0 else 0)) for i, (c, w) in enumerate(zip(r, widths, strict=True)))
                       .rstrip())
    return out


def _wrapped(lines: list[str], report: Report, way: str, heads: int = 1) -> list[str]:
    """Names of two or more words wrapped in a narrow name column: the last word on the next line,
    or the first words on a line above the row."""
    out = lines[:heads]
    for line, t in zip(lines[heads:], report.truth, strict=True):
        words = t.printed_name.split()
        if len(words) < 2:
            out.append(line)
            continue
        head, tail = " ".join(words[:-1]), words[-1]
        if way == "end":
            out += [head + " " * (len(t.printed_name) - len(head)) + line[len(t.printed_name):], tail]
        else:
            out += [head, tail + " " * (len(t.printed_name) - len(tail)) + line[len(t.printed_name):]]
    return out


def _interleaved(lines: list[str], look: Look, rng: random.Random) -> list[str]:
    """Section headings, comment lines or a page break between the table's rows."""
    out = [lines[0]]
    sections = iter(["CHEMISTRY", "HAEMATOLOGY", "LIPID PANEL", "ENDOCRINOLOGY", "OTHER TESTS"])
    for k, line in enumerate(lines[1:]):
        if look.sections and k % 5 == 0:
            out += ["", next(sections, "MISCELLANEOUS")]
        if look.page_break and k == len(lines) // 2:
            out += ["", "Page 1 of 2", "", "LABORATORY RESULTS (continued)", lines[0]]
        out.append(line)
        if look.comments and rng.random() < 0.25:
            out.append(rng.choice(["  Comment: sample slightly haemolysed.", "  Note: fasting status not given.",
                                   "  Please interpret with the clinical picture.", "  Repeat advised in 3 months."]))
    return out


def _sentence(t: Truth, look: Look) -> str:
    name = t.printed_name if t.printed_name.isupper() or len(t.printed_name) <= 4 else t.printed_name.lower()
    value = f"{t.value_text} {t.unit}" if t.unit else t.value_text
    normal = _range(t, look)
    return f"Your {name} was {value} (normal {normal})." if normal else f"Your {name} was {value}."


def render(report: Report, look: Look, rng: random.Random) -> bytes:
    if look.mixed:
        look = _mixed_new(rng) if look.mix_new else _mixed_r13(rng) if look.mix_r13 else _mixed(rng)
    person = report.person
    header = [h.format(name=person.name, dob=person.dob, mrn=person.mrn) for h in HEADER]
    if look.sentence:
        return "\n".join([*header, "Dear patient, here are your results.", "",
                          *(_sentence(t, look) for t in report.truth)]).encode()
    lines = _as_text(_rows(report, look, rng), look)
    if look.blank_rows:
        lines = [x for line in lines for x in (line, "")]
    if look.wrap:
        lines = _wrapped(lines, report, look.wrap, 0 if look.no_headings else 2 if look.headings_two_lines else 1)
    if look.sections or look.comments or look.page_break:
        lines = _interleaved(lines, look, rng)
    if look.decimal_comma:
        lines = [re.sub(r"(?<=\d)\.(?=\d)", ",", line) for line in lines]
    if look.upper:
        lines = [line.upper() for line in lines]
    if look.pdf:
        return _pdf([*header, "LABORATORY RESULTS", "", *lines], landscape_page=look.pdf == "landscape")
    if look.chars == "nbsp":  # a browser's copy of "&nbsp; &nbsp;" runs: no-break and plain spaces by turns
        lines = [re.sub(r" {2,}", lambda m: "".join("\u00a0 "[k % 2] for k in range(len(m.group(0)))), line)
                 for line in lines]
    if look.chars == "zero-width":  # invisible characters a web page's copy carries
        lines = [re.sub(r"(?<=\S)(\s{2,}|\t|;)", lambda m: "\u200b" + m.group(1) + "\u2060", line) for line in lines]
        lines = [re.sub(r"([A-Za-z]{4})([a-z]{3,})", "\\1\u00ad\\2", line) for line in lines]
    if look.indent:
        lines = ["Dear Dr Patel,", "", "Thank you for seeing this patient. Her recent bloods are below:", "",
                 *(("\t" if len(report.truth) % 2 else "    ") + line if line else line for line in lines), "",
                 "Kind regards,", "Dr A. Smith"]
    if look.chars == "windows":
        return ("\ufeff" + "\r\n".join([*header, *lines]) + "\r\n").encode()
    return "\n".join([*header, *lines]).encode()


def _pdf(lines: list[str], *, landscape_page: bool) -> bytes:
    """The lines drawn on a page, each cell where its column starts (2+ spaces part cells)."""
    from reportlab.lib.pagesizes import landscape, letter
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    size = landscape(letter) if landscape_page else letter
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=size)
    font = _font("DejaVuSans")  # a font with the arrows some flags are
    c.setFont(font, 9)
    y = size[1] - 50
    char = stringWidth("0", "Courier", 9) * (1.5 if landscape_page else 1.1)  # a column per monospace cell
    for line in lines:
        for m in re.finditer(r"\S+(?: \S+)*", line):
            c.drawString(40 + m.start() * char, y, m.group(0))
        y -= 13
        if y < 40:
            c.showPage()
            c.setFont(font, 9)
            y = size[1] - 50
    c.save()
    return buf.getvalue()


def measure(looks: dict[str, Look], reports: list[Report], verbose: bool = False,
            out: Callable[[str], None] = print, read_seconds: int = READ_SECONDS) -> dict[str, tuple[int, int, int]]:
    figures = {}
    for title, look in looks.items():
        total = exact = wrong = hung = 0
        for report in reports:
            rng = random.Random(f"{title}/{report.variant}/{report.layout}/{report.seed}")
            data = render(report, look, rng)
            read = _read(data, f"{report.variant}-{report.layout}", read_seconds)
            if read is None:
                hung += 1
                read = ReadReport()
            truth = report.truth if not look.upper else [  # a result in words is right as printed
                replace(t, value_text=t.value_text.upper(), range_text=t.range_text and t.range_text.upper())
                for t in report.truth]
            if look.script_units or look.mix_new:  # the unit is the one printed (the corpus's rule)
                truth = [replace(t, unit=_printed_unit(t.unit, data)) for t in truth]
            if look.name_prefix or look.mix_r13:  # the name is the one printed
                truth = [replace(t, printed_name=_printed_name(t.printed_name, data)) for t in truth]
            s = score(replace(report, data=data, truth=truth), read)
            total, exact, wrong = total + s.total, exact + s.exact, wrong + s.wrong
            assert not s.leaked, s.leaked
            if verbose and s.misses:
                out(f"  [{title}] {report.variant} {report.layout}: " + "; ".join(s.misses))
        figures[title] = (exact, wrong, total)
        out(f"{title:40s} {exact:4d}/{total} = {100 * exact / total:5.1f} %   wrong {wrong}"
            + (f"   hung {hung} (> {read_seconds} s)" if hung else ""))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=1, help="reports per set and layout")
    parser.add_argument("--skip", type=int, default=0, help="seeds passed over first (other reports and draws)")
    parser.add_argument("--only", default="", help="perturbations to run, comma-separated (part of a title)")
    parser.add_argument("-v", action="store_true", help="print each miss")
    parser.add_argument("--read-seconds", type=int, default=READ_SECONDS, help="a read taking longer has hung")
    args = parser.parse_args()
    looks = {t: look for t, look in LOOKS.items()
             if not args.only or any(part in t for part in args.only.split(","))}
    reports = _truths(args.seeds, args.skip)
    figures = measure(looks, reports, args.v, read_seconds=args.read_seconds)
    exact = sum(f[0] for f in figures.values())
    wrong = sum(f[1] for f in figures.values())
    total = sum(f[2] for f in figures.values())
    print(f"{'all':40s} {exact:4d}/{total} = {100 * exact / total:5.1f} %   wrong {wrong}")


if __name__ == "__main__":
    main()
