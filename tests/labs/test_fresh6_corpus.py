"""The sixth held-out set's generator (tests/labs/fresh6.py): every layout is drawn, prints each true
result as the scorer expects it (comma decimals and thousands separators folded back to the truth's
number), and keeps normal reports unflagged. The readers are not run here."""

import re

import pytest

from tests.labs.corpus import LAYOUTS, make_report


def _page_text(data: bytes) -> str:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


def _as_printed_numbers(text: str) -> str:
    """The text with "5,4" read as 5.4 and "1,250" as 1250, as the truth holds them."""
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)  # thousands separators
    return re.sub(r"(?<=\d),(?=\d)", ".", text)  # a comma decimal mark


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_fresh6_layout_is_drawn_with_its_kind_and_the_patient_on_it(layout):
    report = make_report(layout, 41000, "fresh6")
    assert report.kind == {"phone-photo": "image", "portal-text": "text"}.get(layout, "pdf")
    assert len(report.truth) == {"clinic-slip": 8, "two-column": 18, "phone-photo": 14}.get(layout, 16)
    if layout in ("us-table", "uk-fixed", "clinic-slip", "two-column"):
        assert report.person.name in _page_text(report.data)
    if layout == "scanned-pdf":
        assert _page_text(report.data).strip() == ""  # images only, no text layer


@pytest.mark.parametrize("layout", ["us-table", "uk-fixed", "clinic-slip", "two-column", "portal-text"])
def test_every_fresh6_truth_is_printed(layout):
    for seed in range(45000, 45006):
        report = make_report(layout, seed, "fresh6-tune")
        raw = report.data.decode() if report.kind == "text" else _page_text(report.data)
        text = _as_printed_numbers(raw)
        folded = " ".join(text.split()).lower()
        for t in report.truth:
            assert t.printed_name.lower() in folded, t.printed_name
            assert t.value_text in text, (t.printed_name, t.value_text)
            if t.unit:
                assert t.unit.lower() in folded, (t.printed_name, t.unit)
            if t.range_text:
                assert t.range_text in text, (t.printed_name, t.range_text)
            if t.range_high is not None:
                assert f"{t.range_high:g}" in text, (t.printed_name, t.range_high)
            if t.flag:
                assert t.flag in raw, (t.printed_name, t.flag)


def test_fresh6_prints_european_comma_decimals_and_us_thousands_separators():
    seen = set()
    for seed in range(45000, 45012):
        for layout in ("us-table", "two-column", "uk-fixed"):
            raw = _page_text(make_report(layout, seed, "fresh6-tune").data)
            seen |= {"comma" for _ in re.finditer(r"\d,\d (?:mmol|g/l|umol)", raw)}
            seen |= {"thousands" for _ in re.finditer(r"\d{1,3},\d{3}\b", raw)}
    assert seen == {"comma", "thousands"}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh6_normal_reports_hold_no_flag(layout):
    report = make_report(layout, 45500, "fresh6-tune", normal=True)
    assert not any(t.flag for t in report.truth)
