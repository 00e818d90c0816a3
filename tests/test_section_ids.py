"""Section ids are listed once, in the model: every other place that names one must use a real id."""

from healthlib.ask.answering import FOCUS_SECTIONS, RESPONDERS
from healthlib.compose.render import OPEN_SECTIONS
from healthlib.model.article import SECTION_IDS, SECTION_LABELS, section_rank


def test_section_ids_named_elsewhere_are_real():
    named = set(FOCUS_SECTIONS) | set(OPEN_SECTIONS)
    for responder in RESPONDERS.values():
        named |= set(responder.sections) | set(responder.lead_warnings)
    assert named <= set(SECTION_IDS), named - set(SECTION_IDS)


def test_comparison_sections_share_one_place_in_order():
    assert section_rank("vs-ibuprofen") == section_rank("vs-naproxen") == SECTION_IDS.index("vs-")
    assert section_rank("alternatives") < section_rank("vs-ibuprofen") < section_rank("interactions")
    assert "vs-ibuprofen" not in SECTION_LABELS  # its contents label names the other medicine
