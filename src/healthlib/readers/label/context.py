"""What every fact reader shares: citations (one source per label section used) and the context
that puts label text into our reading form.

Every fact cites the label section it came from: source id `spl-<setid>-s<LOINC code>`, with the
set id, version and effective date read from the label itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from healthlib.model.monograph import Fact, Source, display_name
from healthlib.readers import loinc
from healthlib.readers.glossary import plain
from healthlib.readers.label.document import Label, Section
from healthlib.readers.label.text import clean, sentence_case, shorter_sentences


class Cites:
    def __init__(self, label: Label) -> None:
        self.label = label
        self.sources: dict[str, Source] = {}
        self.brand = label.brand or display_name(label.generic_name)

    def label_source(self) -> list[str]:
        source = label_source(self.label)
        self.sources.setdefault(source.id, source)
        return [source.id]

    def of(self, section: Section | None, code: str | None = None) -> list[str]:
        if section is None:
            return self.label_source()
        code = code or section.code or loinc.UNCLASSIFIED
        sid = f"spl-{self.label.set_id}-s{code}"
        if sid not in self.sources:
            name = loinc.title_of(code)
            if section.title and self.label.rx_status == "otc":
                name = sentence_case(section.title.rstrip(".:"))  # Drug Facts: "Uses", "Directions"
            where = f" (section {section.number})" if section.number else ""
            self.sources[sid] = _source(self.label, sid, f"{self.brand} label — {name}{where}")
        return [sid]


def label_source(label: Label) -> Source:
    """The label as a whole: listed as a source of every guide made from it."""
    brand = label.brand or display_name(label.generic_name)
    by = f" ({label.manufacturer})" if label.manufacturer else ""
    version = f", version {label.version}" if label.version else ""
    kind = "prescribing information" if label.rx_status == "prescription" else "Drug Facts label"
    return _source(label, f"spl-{label.set_id}", f"{brand} {kind}{by}{version}")


def _source(label: Label, sid: str, title: str) -> Source:
    via = "DailyMed (U.S. National Library of Medicine)" if label.fmt == "spl" else \
        "openFDA (U.S. Food and Drug Administration)"
    publisher = f"{label.manufacturer}, via {via}" if label.manufacturer else f"Manufacturer's label, via {via}"
    return Source(
        id=sid, title=title, publisher=publisher,
        # the set id was read from this very label, so the address is known to exist
        url=f"https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid={label.set_id}",
        date=label.effective, set_id=label.set_id, version=label.version,
        effective_date=label.effective,
    )


@dataclass
class Context:
    label: Label
    cites: Cites
    name: str  # display name of the medicine: "Atorvastatin"
    names: dict[str, str]  # SHOUTED brand -> brand, so "LIPITOR" reads "Lipitor"

    def say(self, text: str, *, explain: bool = False) -> str:
        """Label text in our reading form: cross-references gone, glossary applied."""
        text = clean(text)
        for shouted, brand in self.names.items():
            text = re.sub(rf"\b{re.escape(shouted)}\b", brand, text)
        # Glossary first, so a sentence is split in its everyday words ("e.g." is "for example").
        return shorter_sentences(plain(text, explain=explain)).strip()


def make_fact(ctx: Context, text: str, section: Section | None, *, why: str | None = None) -> Fact | None:
    """A fact from raw label text (cleaned and put in everyday words here, once)."""
    said = ctx.say(text)
    if len(said) < 3:
        return None
    return Fact(text=said, why=ctx.say(why) if why else None, cite=ctx.cites.of(section))
