"""The label glossary: label words -> everyday words, whole words only, case kept."""

from __future__ import annotations

from importlib import resources

import pytest

from healthlib.readers import glossary as glossary_module
from healthlib.readers.glossary import glossary, plain, terms_in


def test_glossary_has_at_least_300_real_entries():
    terms = glossary().terms
    changed = {t: p for t, p in terms.items() if t != p}  # entries that only guard a phrase don't count
    assert len(changed) >= 300
    for term, words in [("somnolence", "sleepiness"), ("pruritus", "itching"),
                        ("hypotension", "low blood pressure"), ("myalgia", "muscle pain")]:
        assert terms[term] == words


def test_the_file_is_term_tab_words_with_no_duplicates():
    text = (resources.files("healthlib") / "data" / "glossary.tsv").read_text(encoding="utf-8")
    seen = set()
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        term, sep, words = line.partition("\t")
        assert sep and term.strip() and words.strip(), line
        assert term not in seen, f"{term} listed twice"
        seen.add(term)


def test_duplicates_in_the_file_are_refused(monkeypatch):
    class Fake:
        def read_text(self, encoding: str) -> str:
            return "somnolence\tsleepiness\nsomnolence\tdrowsiness\n"

        def __truediv__(self, other: str) -> Fake:
            return self

    monkeypatch.setattr(glossary_module.resources, "files", lambda _: Fake())
    with pytest.raises(ValueError, match="listed twice"):
        glossary_module._read()


def test_whole_words_only():
    assert plain("Somnolence was reported.") == "Sleepiness was reported."
    # "rash" inside "brash", "edema" inside "myxedema": untouched
    assert plain("a brash remark") == "a brash remark"
    assert plain("myxedema coma") == "myxedema deep unconsciousness (coma)"


def test_case_is_kept():
    assert plain("Pruritus and pruritus") == "Itching and itching"
    assert plain("HYPOTENSION") == "LOW BLOOD PRESSURE"
    # Title Case mid-sentence is a term, not a sentence start
    assert plain("cases of Neuroleptic Malignant Syndrome").startswith("cases of a rare, dangerous")


def test_longest_term_wins_and_no_double_replacement():
    assert plain("orthostatic hypotension") == "dizziness or fainting on standing up"
    # "low blood pressure" is not then fed back through the glossary
    assert plain("hypotension") == "low blood pressure"


def test_abbreviations_match_only_in_capitals():
    assert plain("after an MI") == "after a heart attack"
    assert plain("mi casa") == "mi casa"


def test_a_phrase_mapped_to_itself_guards_it():
    assert plain("hepatitis C protease inhibitor") == "hepatitis C protease inhibitor"
    assert plain("hepatitis") == "liver inflammation (hepatitis)"


def test_articles_follow_the_new_words():
    assert plain("An encephalopathic syndrome") == "A brain disorder"
    assert plain("an anticoagulant") == "a blood thinner"


def test_explain_keeps_the_label_word_once():
    text = plain("Somnolence, then more somnolence.", explain=True)
    assert text == "Sleepiness (somnolence), then more sleepiness."
    assert plain("pain in extremity", explain=True) == "pain in the arms or legs"


def test_terms_in_lists_what_was_found():
    assert terms_in("Somnolence and MI and somnolence") == [("somnolence", "sleepiness"), ("mi", "heart attack")]


def test_latin_shorthand_is_written_out_and_keeps_the_full_stop():
    assert plain("Take 5 mg b.i.d.") == "Take 5 mg twice a day."
    assert plain("Take 5 mg b.i.d. with food") == "Take 5 mg twice a day with food"
    assert plain("Report pain and/or weakness (e.g., cramps).") == "Report pain or weakness (for example, cramps)."


def test_names_that_hold_a_glossary_word_are_kept():
    # "hepatitis" alone is explained, but not inside the name of a kind of medicine
    assert plain("Hepatitis C protease inhibitor") == "Hepatitis C protease inhibitor"
    assert plain("See the Medication Guide.") == "See the Medication Guide."
    assert plain("muscle stiffness from multiple sclerosis") == "muscle stiffness from multiple sclerosis"
