"""Each validation rule fails on a bad example, with file, line and field in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from healthlib.model.collection import library_problems
from healthlib.model.errors import HealthlibError
from healthlib.readers.curated import read_monograph
from tests.helpers import baclofen_data, write_monograph


def _error(tmp_path: Path, data: dict) -> str:
    path = write_monograph(tmp_path, data)
    with pytest.raises(HealthlibError) as info:
        read_monograph(path)
    message = str(info.value)
    assert "\n" not in message
    assert str(path) in message
    return message


def test_valid_monograph_reads(tmp_path):
    m = read_monograph(write_monograph(tmp_path, baclofen_data()))
    assert m.slug == "baclofen" and len(m.sources) >= 2


def test_unknown_source_id(tmp_path):
    data = baclofen_data()
    data["mechanism"]["cite"] = ["no-such-source"]
    message = _error(tmp_path, data)
    assert "mechanism" in message and "unknown source 'no-such-source'" in message


def test_dose_unit_that_is_not_a_unit(tmp_path):
    data = baclofen_data()
    data["how_to_take"]["doses"][0]["start"]["unit"] = "spoonfuls"
    message = _error(tmp_path, data)
    assert "how_to_take.doses[0].start.unit" in message
    assert "spoonfuls" in message


def test_maximum_below_starting_dose(tmp_path):
    data = baclofen_data()
    data["how_to_take"]["doses"][0]["max"] = {"amount": 10, "unit": "mg"}  # start is 5 mg x3 = 15 mg/day
    message = _error(tmp_path, data)
    assert "below the starting dose" in message and "how_to_take.doses[0]" in message


def test_maximum_below_start_across_mass_units(tmp_path):
    data = baclofen_data()
    dose = data["how_to_take"]["doses"][0]
    dose["start"] = {"amount": 1, "unit": "g"}
    dose["start_frequency"] = "once a day"
    dose["usual"] = None
    dose["max"] = {"amount": 800, "unit": "mg"}
    assert "below the starting dose" in _error(tmp_path, data)


def test_frequency_that_is_not_one(tmp_path):
    data = baclofen_data()
    data["how_to_take"]["doses"][0]["start_frequency"] = "whenever you like"
    message = _error(tmp_path, data)
    assert "is not a frequency" in message and "start_frequency" in message


def test_required_fact_missing_names_line_and_field(tmp_path):
    data = baclofen_data()
    del data["summary"]
    message = _error(tmp_path, data)
    assert "summary" in message and "required field is missing" in message


def test_unknown_field_is_reported_with_its_line(tmp_path):
    data = baclofen_data()
    data["sumary"] = {"text": "typo", "cite": ["nhs-baclofen"]}
    path = write_monograph(tmp_path, data)
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if text.startswith("sumary"))
    with pytest.raises(HealthlibError) as info:
        read_monograph(path)
    assert f"{path}:{line}: sumary: unknown field" in str(info.value)


def test_malformed_yaml_gives_line(tmp_path):
    path = tmp_path / "baclofen.yaml"
    path.write_text("slug: baclofen\ngeneric_name: [unclosed\n")
    with pytest.raises(HealthlibError) as info:
        read_monograph(path)
    assert f"{path}:" in str(info.value) and "malformed YAML" in str(info.value)


def test_slug_must_match_file_name(tmp_path):
    path = write_monograph(tmp_path, baclofen_data(), name="other")
    with pytest.raises(HealthlibError, match="does not match the file name"):
        read_monograph(path)


def test_alternative_not_in_library(tmp_path):
    m = read_monograph(write_monograph(tmp_path, baclofen_data()))
    problems = library_problems([m], curated=False)
    assert ("baclofen", "alternatives[0].slug", "'tizanidine' is not in the library") in problems


def test_brand_under_two_generics(tmp_path):
    first = read_monograph(write_monograph(tmp_path, baclofen_data()))
    data = baclofen_data()
    data["slug"] = "otherdrug"
    data["generic_name"] = "otherdrug"
    second = read_monograph(write_monograph(tmp_path, data))
    problems = library_problems([first, second], curated=False)
    assert any("'Lioresal' is already a brand of baclofen" in p for _, _, p in problems)


def test_curated_guide_needs_two_sources_and_core_facts(tmp_path):
    data = baclofen_data()
    data.pop("overdose")
    m = read_monograph(write_monograph(tmp_path, data))
    problems = library_problems([m], curated=True)
    assert ("baclofen", "overdose", "required fact is missing") in problems


def test_combination_products_are_representable(tmp_path):
    data = baclofen_data()
    data["slug"] = "comboa-combob"
    data["generic_name"] = "comboa and combob"
    data["ingredients"] = ["comboa", "combob"]
    m = read_monograph(write_monograph(tmp_path, data))
    assert m.is_combination and m.ingredients == ["comboa", "combob"]
    data["ingredients"] = ["comboa"]
    assert "two or more" in _error(tmp_path, data)


def test_https_only_source_urls(tmp_path):
    data = baclofen_data()
    data["sources"][0]["url"] = "javascript:alert(1)"
    assert "https://" in _error(tmp_path, data)
