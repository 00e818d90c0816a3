"""Text looks first met in the twelfth blind set, each read by a general rule: a table ruled with
box-drawing characters (a lab system's screen print), a C-CDA document (a portal's "download my
record" XML), a "Result (Reference)" column whose cells hold the value and its range in brackets
beside a LOINC code column, and a sidebar's vital sign printed on a result's line. On the code
before, every row of the first three was "not read" and the whole line of the fourth."""

from __future__ import annotations

from healthlib.readers.labs.report import read_report_bytes, read_report_text
from tests.labs.test_text_looks_fresh11 import _got


def test_a_table_ruled_with_box_drawing_characters_is_read_cell_by_cell():
    read = read_report_text(
        "┌────────────────┬────────┬─────────┬───────────────┐\n"
        "│Test            │Result  │Units    │Reference range│\n"
        "├────────────────┼────────┼─────────┼───────────────┤\n"
        "│ Serum potassium │   4.8 │ mmol/L  │ 3.5 - 5.3 │\n"
        "│ HDL cholesterol │   1.8 │ mmol/l  │ >1      │\n"
        "│ Urine protein   │Negative │       │ Negative │\n"
        "└────────────────┴────────┴─────────┴───────────────┘\n")
    assert _got(read) == {"Serum potassium": ("4.8", "mmol/L", 3.5, 5.3, None),
                          "HDL cholesterol": ("1.8", "mmol/l", 1.0, None, None),
                          "Urine protein": ("Negative", None, None, None, None)}
    assert read.not_read == []


def test_a_border_line_is_nothing_and_a_lone_dash_or_plus_is_left_as_it_is():
    from healthlib.readers.labs.columns import ruled_as_pipes

    assert ruled_as_pipes("├──────┼──────┤") == ""
    assert ruled_as_pipes("+--------+-------+") == ""
    assert ruled_as_pipes("│ Sodium │ 140 │") == "| Sodium | 140 |"
    assert ruled_as_pipes("Sodium  140  mmol/L  -") == "Sodium  140  mmol/L  -"


CDA = """<?xml version="1.0" encoding="UTF-8"?>
<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <recordTarget><patientRole><id extension="81050251"/>
    <patient><name>Jane Placeholder</name><birthTime value="19700202"/></patient></patientRole></recordTarget>
  <component><section><title>Results</title>
    <entry><observation classCode="OBS" moodCode="EVN">
      <code displayName="Hemoglobin"/><effectiveTime value="20240312081500"/>
      <value xsi:type="PQ" value="9.2" unit="g/dL"/><interpretationCode code="L"/>
      <referenceRange><observationRange><value xsi:type="IVL_PQ"><low value="13.2" unit="g/dL"/>
        <high value="17.1" unit="g/dL"/></value></observationRange></referenceRange>
    </observation></entry>
    <entry><observation classCode="OBS" moodCode="EVN">
      <code displayName="Hemoglobin"/><effectiveTime value="20230101090000"/>
      <value xsi:type="PQ" value="14.0" unit="g/dL"/>
    </observation></entry>
    <entry><observation classCode="OBS" moodCode="EVN">
      <code displayName="PSA, Total"/><effectiveTime value="20240312081500"/>
      <value xsi:type="ST" unit="ng/mL"><![CDATA[<0.1]]></value>
      <referenceRange><observationRange><value xsi:type="IVL_PQ"><high value="4" unit="ng/mL"/></value>
      </observationRange></referenceRange>
    </observation></entry>
    <entry><observation classCode="OBS" moodCode="EVN">
      <code displayName="Urine Protein"/><effectiveTime value="20240312081500"/>
      <value xsi:type="ST">Negative</value>
      <referenceRange><observationRange><text>Negative</text></observationRange></referenceRange>
    </observation></entry>
    <entry><observation classCode="OBS" moodCode="EVN">
      <code displayName="Ferritin"/><effectiveTime value="20240312081500"/>
      <value xsi:type="IVL_PQ"><low value="10" unit="ng/mL"/></value>
    </observation></entry>
  </section></component>
</ClinicalDocument>
"""


def test_a_c_cda_documents_results_are_read_the_newest_of_each_test_and_nothing_of_the_person():
    read = read_report_bytes(CDA.encode("utf-8"), name="record.xml")
    assert _got(read) == {"Hemoglobin": ("9.2", "g/dL", 13.2, 17.1, "L"),
                          "PSA, Total": ("<0.1", "ng/mL", None, 4.0, None),
                          "Urine Protein": ("Negative", None, None, None, None)}
    assert read.not_read == ["Ferritin"]  # a value given as an interval: not one plain result
    text = repr(read.model_dump())
    assert "Placeholder" not in text and "81050251" not in text and "1970" not in text


def test_a_c_cda_document_declaring_entities_expands_none_of_them():
    bomb = ('<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n'
            '<ClinicalDocument xmlns="urn:hl7-org:v3"><component><observation><code displayName="&c;"/>'
            '</observation></component></ClinicalDocument>\n')
    read = read_report_text(bomb)
    assert read.lines == [] and "aaaaaaaaaa" not in repr(read.not_read)


def test_a_value_with_its_range_in_brackets_under_a_result_reference_heading_beside_a_code_column():
    read = read_report_text(
        "Test   LOINC   Result (Reference)   Units   Abn\n"
        "PSA, Total   67132-5   6.3 (<4)   ng/mL   H\n"
        "White Blood Cell Count   76792-6   6.1 (3.8-10.8)   x10E3/uL\n"
        "HDL Cholesterol   31318-2   73 (>40)   mg/dL\n")
    assert _got(read) == {"PSA, Total": ("6.3", "ng/mL", None, 4.0, "H"),
                          "White Blood Cell Count": ("6.1", "x10E3/uL", 3.8, 10.8, None),
                          "HDL Cholesterol": ("73", "mg/dL", 40.0, None, None)}


def test_a_sidebars_vital_sign_on_a_results_line_goes_to_not_read_and_the_result_is_read():
    read = read_report_text(
        "Test   Result   Units   Reference range\n"
        "Sodium   140   mmol/L   133 - 146\n"
        "Potassium   4.1   mmol/L   3.5 - 5.3\n"
        "Magnesium   0.97   mmol/L   0.7 - 1          SpO2 99 %\n"
        "Chloride   101   mmol/L   95 - 108\n")
    assert _got(read)["Magnesium"] == ("0.97", "mmol/L", 0.7, 1.0, None)
    assert "SpO2 99 %" in read.not_read and "SpO2" not in _got(read)


DIALYSIS = """RENAL UNIT - MONTHLY BLOODS
Test     Pre   Post   Units     Range     Flag
Urea     21.4  6.1    mmol/L    2.5-7.8   H
K        5.9   3.9    mmol/L    3.5-5.3   H
Albumin  36    -      g/L       35-50
Creat    612   241    umol/L    59-104    H
Phos     1.1   0.9    mmol/L    0.8-1.5
"""


def test_a_pre_and_post_table_is_read_from_the_column_its_flags_describe():
    """A dialysis sheet's two results of one day: the pre-dialysis column is the one whose values
    agree with every printed flag (post-dialysis urea 6.1 is inside its range, yet flagged H)."""
    read = read_report_text(DIALYSIS)
    assert _got(read) == {"Urea": ("21.4", "mmol/L", 2.5, 7.8, "H"), "K": ("5.9", "mmol/L", 3.5, 5.3, "H"),
                          "Albumin": ("36", "g/L", 35.0, 50.0, None), "Creat": ("612", "umol/L", 59.0, 104.0, "H"),
                          "Phos": ("1.1", "mmol/L", 0.8, 1.5, None)}


def test_a_pre_and_post_table_whose_flags_fit_both_columns_is_not_read():
    read = read_report_text("Test     Pre   Post   Units     Range     Flag\n"
                            "K        5.9   5.7    mmol/L    3.5-5.3   H\n"
                            "Albumin  36    38     g/L       35-50\n")
    assert read.lines == [] and len(read.not_read) == 2


def test_a_lone_timed_column_beside_the_result_holds_no_part_of_it():
    read = read_report_text("Test   Result   Post   Units   Range\nSodium   140   138   mmol/L   135-145\n")
    assert _got(read) == {"Sodium": ("140", "mmol/L", 135.0, 145.0, None)}
