"""The fifth held-out set's generator (tests/labs/fresh5.py): every layout is drawn, prints each true
result as the scorer expects it, and keeps normal reports unflagged. The readers are not run here."""

import pytest

from tests.labs.corpus import LAYOUTS, make_report


def _page_text(data: bytes) -> str:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_fresh5_layout_is_drawn_with_its_kind_and_the_patient_on_it(layout):
    report = make_report(layout, 31000, "fresh5")
    assert report.kind == {"phone-photo": "image", "portal-text": "text"}.get(layout, "pdf")
    assert len(report.truth) == {"clinic-slip": 8, "two-column": 18, "phone-photo": 14}.get(layout, 16)
    if layout in ("us-table", "uk-fixed", "clinic-slip", "two-column"):
        assert report.person.name in _page_text(report.data)
    if layout == "scanned-pdf":
        assert _page_text(report.data).strip() == ""  # images only, no text layer


@pytest.mark.parametrize("layout", ["us-table", "uk-fixed", "clinic-slip", "two-column", "portal-text"])
def test_every_fresh5_truth_is_printed(layout):
    for seed in range(35000, 35004):
        report = make_report(layout, seed, "fresh5-tune")
        text = report.data.decode() if report.kind == "text" else _page_text(report.data)
        folded = " ".join(text.split()).lower()
        for t in report.truth:
            assert t.printed_name.lower() in folded, t.printed_name
            assert t.value_text in text, (t.printed_name, t.value_text)
            if t.unit:
                assert t.unit.lower() in folded, (t.printed_name, t.unit)
            if t.range_high is not None:
                assert f"{t.range_high:g}" in text, (t.printed_name, t.range_high)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh5_normal_reports_hold_no_flag(layout):
    report = make_report(layout, 35500, "fresh5-tune", normal=True)
    assert not any(t.flag for t in report.truth)
