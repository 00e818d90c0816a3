"""Label sections -> Monograph facts, shared by the SPL and openFDA readers.

Both readers turn a label into the same shape (`Label`: products, and sections found by LOINC
code, each holding paragraphs, list items and tables), and this module reads the facts out.

The rules, in the order that matters:
- Never guess. A fact is taken only where the label states it in a form we can read without
  doubt: a list item, a table row with a percentage, a sentence that matches a known pattern.
  Doses are structured only from sentences such as "recommended starting dose ... is 10 mg once
  daily"; anything else about dosing is shown as a marked, cited excerpt of the label.
- Every fact cites the label section it came from: source id `spl-<setid>-s<LOINC code>`, with
  the set id, version and effective date read from the label itself.
- What is read is put into everyday words with the glossary; excerpts stay verbatim.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from pydantic import ValidationError

from healthlib.model.dose import Amount
from healthlib.model.errors import HealthlibError
from healthlib.model.monograph import (
    BrandName,
    Dose,
    Fact,
    Form,
    HowToTake,
    Interaction,
    LabelExcerpt,
    Monograph,
    Overdose,
    SideEffect,
    SideEffects,
    Source,
    Use,
    display_name,
)
from healthlib.readers import loinc
from healthlib.readers.glossary import plain

# ---------------------------------------------------------------------------------------------
# The shape both readers produce


@dataclass
class Table:
    caption: str
    header: list[list[str]]  # header rows (thead, or the first row when there is no thead)
    rows: list[list[str]]  # body rows, colspans expanded so columns line up


Part = str | list[str] | Table  # a paragraph, a list's items, or a table


@dataclass
class Section:
    code: str | None
    title: str | None = None  # without its number: "Indications and Usage"
    number: str | None = None  # "1", "2.1"
    parts: list[Part] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    highlight: list[Part] = field(default_factory=list)  # PLR Highlights text for this section

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()

    def texts(self) -> Iterator[str]:
        """Paragraphs and list items, this section's then its children's, in label order."""
        for section in self.walk():
            for part in section.parts:
                if isinstance(part, str):
                    yield part
                elif isinstance(part, list):
                    yield from part

    def text(self) -> str:
        return " ".join(self.texts())

    def items(self) -> list[str]:
        """List items of this section and its children; bullets written inline count too. A
        lead-in ending in a colon ("... in patients with:") is not an item."""
        return [i for i in self.items_with_leads() if not i.endswith(":")]

    def items_with_leads(self) -> list[str]:
        found: list[str] = []
        for section in self.walk():
            for part in section.parts:
                if isinstance(part, list):
                    for item in part:
                        found.extend(split_bullets(item) if "•" in item else [item])
                elif isinstance(part, str) and part.count("•") >= 1:
                    found.extend(split_bullets(part))
        return [i for i in found if i]

    def tables(self) -> list[Table]:
        return [p for s in self.walk() for p in s.parts if isinstance(p, Table)]


@dataclass
class Product:
    name: str | None  # brand or product name as the label gives it
    form: str | None  # "TABLET, FILM COATED"
    route: str | None  # "ORAL"
    strengths: list[str] = field(default_factory=list)  # "10 mg", "6.25 mg per 5 mL"
    ingredients: list[str] = field(default_factory=list)  # active moieties, lower case
    appearance: str | None = None  # "white, oval, 10 mm, imprint PD;155;10"


@dataclass
class Label:
    fmt: Literal["spl", "openfda"]
    where: str  # file, and member or record: for messages
    set_id: str
    version: str | None
    effective: dt.date | None
    rx_status: Literal["prescription", "otc"]
    manufacturer: str | None
    products: list[Product]
    ingredients: list[str]  # the label's active ingredients (moieties), lower case, label order
    sections: dict[str, list[Section]]  # LOINC code -> sections, label order (see index_sections)
    approval: str | None = None  # "NDA020702", "ANDA070278", "part341"
    repackaged: bool = False  # relabelled or repackaged from another firm's product
    pharm_class: list[str] = field(default_factory=list)  # FDA established pharmacologic class
    brand_hint: str | None = None  # openFDA brand_name when there are no products
    # A light label is a first pass: identity and products only, no sections. Its reader can
    # load the full label again from `location` for the one label a guide is written from.
    light: bool = False
    location: object = None

    @cached_property
    def brand(self) -> str | None:
        """The product's brand name, when it is more than the generic name."""
        generic = {normal_name(i) for i in self.ingredients} | {normal_name(self.generic_name)}
        for name in [*(p.name for p in self.products), self.brand_hint]:
            if name and not _is_generic_name(name, generic):
                return tidy_name(name)
        return None

    @property
    def generic_name(self) -> str:
        return " and ".join(self.ingredients)

    def first(self, *codes: str) -> Section | None:
        for code in codes:
            if self.sections.get(code):
                return self.sections[code][0]
        return None

    def all(self, *codes: str) -> list[Section]:
        return [s for code in codes for s in self.sections.get(code, [])]


def index_sections(top: Iterable[Section]) -> dict[str, list[Section]]:
    """Sections by LOINC code. Top-level sections always count; a coded subsection counts on its
    own only inside a container section (see loinc.CONTAINERS), and a boxed warning only at
    the top. Top-level unclassified sections are kept (OTC "Other information" holds storage)."""
    found: dict[str, list[Section]] = {}

    def visit(section: Section, nested: bool) -> None:
        code = section.code
        if not code:
            return
        if nested and (code == loinc.UNCLASSIFIED or code in loinc.TOP_LEVEL_ONLY):
            return
        found.setdefault(code, []).append(section)
        if code in loinc.CONTAINERS:
            for child in section.children:
                visit(child, True)

    for section in top:
        visit(section, False)
    return found


def _local(el: object) -> str:
    tag = getattr(el, "tag", None)
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def inline_text(el: object) -> str:
    """The words of an XML/HTML element: footnotes left out, line breaks as spaces."""
    out: list[str] = []

    def visit(node: object) -> None:
        if getattr(node, "text", None) and isinstance(node.tag, str):  # type: ignore[attr-defined]
            out.append(node.text)  # type: ignore[attr-defined]
        for child in node:  # type: ignore[attr-defined]
            tag = _local(child)
            if tag == "br":
                out.append(" ")
            elif tag in {"list", "ul", "ol"}:
                out.append(" " + " ".join(inline_text(i) for i in child) + " ")
            elif tag not in {"footnote", "caption"} and tag:
                visit(child)
            if child.tail:
                out.append(child.tail)

    visit(el)
    return " ".join("".join(out).split())


def table_from_element(el: object) -> Table:
    """An SPL <table> or an HTML one (openFDA's *_table fields): caption, header rows and body
    rows, with colspans expanded so that columns line up."""
    caption = ""
    header: list[list[str]] = []
    body: list[list[str]] = []
    for child in el:  # type: ignore[attr-defined]
        tag = _local(child)
        if tag == "caption":
            caption = inline_text(child)
        elif tag in {"thead", "tbody", "tfoot", "tr"}:
            rows = [child] if tag == "tr" else [r for r in child if _local(r) == "tr"]
            for row in rows:
                cells: list[str] = []
                for cell in row:
                    if _local(cell) not in {"td", "th"}:
                        continue
                    text = inline_text(cell)
                    try:
                        span = max(1, min(int(cell.get("colspan") or 1), 50))
                    except ValueError:
                        span = 1
                    cells.extend([text] * span if tag == "thead" else [text] + [""] * (span - 1))
                (header if tag == "thead" else body).append(cells)
    if not header and len(body) >= 2:
        header, body = [body[0]], body[1:]
    return Table(caption, header, body)


# ---------------------------------------------------------------------------------------------
# Text helpers

_REFS = re.compile(  # no leading \s*: a pattern that starts with "[" or "(" is found fast
    r"\[\s*see [^\]]*\]"  # [see Warnings and Precautions (5.1)]
    r"|\(\s*(?:see [^)]*|\d+(?:\.\d+)*(?:\s*,\s*\d+(?:\.\d+)*)*)\s*\)",  # (5.1, 8.5), (see WARNINGS)
    re.IGNORECASE,
)
_ABBREVIATIONS = re.compile(r"(?:\b(?:e\.g|i\.e|etc|vs|approx|Dr|No|Fig|U\.S|b\.i\.d|t\.i\.d|q\.i\.d|St)\.|\b[A-Z]\.)$")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9•])")


def clean(text: str) -> str:
    """Whitespace folded, cross-references ("(5.1)", "[see ...]") and bullets removed."""
    text = _REFS.sub("", text)
    text = text.replace("•", " ")
    text = " ".join(text.split())
    return re.sub(r"\s+([.,;:)])", r"\1", text).strip()


def sentences(text: str) -> list[str]:
    pieces = _SENTENCE_BREAK.split(" ".join(text.split()))
    merged: list[str] = []
    for piece in pieces:
        if merged and _ABBREVIATIONS.search(merged[-1]):
            merged[-1] += " " + piece
        else:
            merged.append(piece)
    return [p.strip() for p in merged if p.strip()]


def section_sentences(section: Section) -> list[str]:
    """Sentences of a section, each paragraph and list item split on its own (list items
    often lack a full stop, so joining them first would run them together)."""
    return [s for t in section.texts() for s in sentences(clean(t))]


def split_bullets(text: str) -> list[str]:
    return [clean(p).strip(" -–;,") for p in text.split("•") if clean(p).strip(" -–;,:")]


def normal_name(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def tidy_name(name: str) -> str:
    """'LIPITOR' -> 'Lipitor', 'TRIAMINIC Childrens' -> 'Triaminic Childrens'; short capitals
    (PM, XR, HCT) are kept, as are words the label writes in mixed case."""
    words = name.replace("®", "").replace("™", "").split()
    return " ".join(w.capitalize() if w.isupper() and len(w) > 4 else w for w in words)


def name_case(name: str) -> str:
    """A table's 'Muscle Spasms' -> 'muscle spasms'; capitals of abbreviations stay."""
    return " ".join(w if (w.isupper() and len(w) > 1) or re.search(r"[A-Z].*[A-Z]", w) else w.lower()
                    for w in name.split())


def _is_generic_name(name: str, generic: set[str]) -> bool:
    from healthlib.readers.grouping import base_ingredient  # the one salt-stripping rule

    norm = normal_name(name)
    if norm in generic:
        return True
    parts = [base_ingredient(p) for p in re.split(r",|\band\b", norm) if p.strip()]
    return bool(parts) and all(p in generic or normal_name(p) in generic for p in parts)


def sentence_case(title: str) -> str:
    """'Increased Mortality in Elderly Patients' -> 'Increased mortality in elderly patients';
    short all-capital words (QT, NMS, HIV) keep their capitals."""
    words = title.split()
    shouting = title.isupper()
    out = []
    for i, word in enumerate(words):
        bare = re.sub(r"[^A-Za-z]", "", word)
        keep = bare.isupper() and len(bare) <= 4 and (not shouting or bare.lower() not in _SMALL_WORDS)
        if shouting and len(bare) > 4:
            keep = False
        out.append(word if keep or (i == 0 and not shouting) else word.lower())
    text = " ".join(out)
    return text[:1].upper() + text[1:]


_SMALL_WORDS = {"and", "or", "the", "of", "in", "with", "for", "to", "a", "an", "on", "at", "by",
                "use", "not", "may", "can", "be", "is", "are", "risk", "new", "all", "if", "do"}


def a_or_an(phrase: str) -> str:
    first = phrase.split()[0] if phrase.split() else ""
    if first.isupper() and len(first) > 1:
        vowel = first[0] in "AEFHILMNORSX"
    else:
        vowel = first[:1].lower() in "aeiou" and not first.lower().startswith(("one", "us", "uni"))
    return ("an " if vowel else "a ") + phrase


def excerpt_of(texts: Iterable[str], limit: int = 1500) -> str:
    """Whole sentences of label text up to `limit` characters, marked where it was cut."""
    out: list[str] = []
    size = 0
    for text in texts:
        for s in sentences(" ".join(text.split())):
            if size + len(s) > limit and out:
                return " ".join(out) + " […]"
            out.append(s)
            size += len(s) + 1
    return " ".join(out)


# ---------------------------------------------------------------------------------------------
# Citations: one source per label section used


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


# ---------------------------------------------------------------------------------------------
# Label -> Monograph


def label_monograph(label: Label, slug: str) -> Monograph:
    """Every fact the label states reliably, each citing its section; HealthlibError when the
    label lacks what a guide needs (its active ingredients, or any labelled use)."""
    if not label.ingredients:
        raise HealthlibError("the label names no active ingredient", file=label.where)
    cites = Cites(label)
    name = display_name(label.generic_name)
    uses = _uses(label, cites)
    if not uses:
        raise HealthlibError("the label states no use (no Indications or Uses section)",
                             file=label.where)
    drug_class, class_name = _drug_class(label, cites)
    brand = label.brand
    names = {label.brand.upper(): label.brand} if brand else {}
    ctx = _Context(label, cites, name, names)
    how, dose_excerpt = _how_to_take(ctx)
    excerpts: dict[str, LabelExcerpt] = {}
    if dose_excerpt:
        excerpts["how-to-take"] = dose_excerpt
    boxed, boxed_excerpt = _boxed_warnings(ctx)
    if boxed_excerpt:
        excerpts["what-is"] = boxed_excerpt
    side_effects, se_excerpt = _side_effects(ctx)
    if se_excerpt:
        excerpts["side-effects"] = se_excerpt
    summary = Fact(text=f"{name} is {drug_class.text}. {_uses_sentence(uses)}",
                   cite=_merge(drug_class.cite, uses[0].cite))
    data = dict(
        slug=slug, origin="label", generic_name=label.generic_name,
        ingredients=list(label.ingredients) if len(label.ingredients) > 1 else [],
        drug_class=drug_class, class_name=class_name, rx_status=label.rx_status,
        updated=label.effective or dt.date.today(), summary=summary,
        brand_names=_brand_names(label, cites), forms=_forms(label, cites), uses=uses,
        mechanism=_mechanism(ctx), how_to_take=how, boxed_warnings=boxed,
        side_effects=side_effects, contraindications=_contraindications(ctx),
        cautions=_cautions(ctx), interactions=_interactions(ctx), overdose=_overdose(ctx),
        missed_dose=_missed_dose(ctx), driving=_driving(ctx), storage=_storage(ctx),
        label_excerpts=excerpts, **_populations(ctx),
    )
    try:
        return Monograph(sources=list(cites.sources.values()), **data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise HealthlibError(f"could not make a guide from this label: {where}: {err['msg']}",
                             file=label.where) from None


@dataclass
class _Context:
    label: Label
    cites: Cites
    name: str  # display name of the medicine: "Atorvastatin"
    names: dict[str, str]  # SHOUTED brand -> brand, so "LIPITOR" reads "Lipitor"

    def say(self, text: str, *, explain: bool = False) -> str:
        """Label text in our reading form: cross-references gone, glossary applied."""
        text = clean(text)
        for shouted, brand in self.names.items():
            text = re.sub(rf"\b{re.escape(shouted)}\b", brand, text)
        return plain(text, explain=explain).strip()


def _merge(*groups: list[str]) -> list[str]:
    return list(dict.fromkeys(x for g in groups for x in g))


def _lower_first(text: str) -> str:
    return text if len(text) > 1 and text[1].isupper() else text[:1].lower() + text[1:]


def _fact(ctx: _Context, text: str, section: Section | None, *, why: str | None = None) -> Fact | None:
    """A fact from raw label text (cleaned and put in everyday words here, once)."""
    said = ctx.say(text)
    if len(said) < 3:
        return None
    return Fact(text=said, why=ctx.say(why) if why else None, cite=ctx.cites.of(section))


# --- identity ----------------------------------------------------------------------------------

_FORM_WORDS = {
    "TABLET, FILM COATED": "film-coated tablet", "TABLET, EXTENDED RELEASE": "extended-release tablet",
    "TABLET, DELAYED RELEASE": "delayed-release tablet", "CAPSULE, EXTENDED RELEASE": "extended-release capsule",
    "CAPSULE, DELAYED RELEASE": "delayed-release capsule", "TABLET, CHEWABLE": "chewable tablet",
    "TABLET, ORALLY DISINTEGRATING": "tablet that melts in the mouth",
}
_ROUTE_WORDS = {
    "ORAL": "by mouth", "TOPICAL": "on the skin", "INTRAVENOUS": "injection into a vein",
    "INTRAMUSCULAR": "injection into a muscle", "SUBCUTANEOUS": "injection under the skin",
    "RESPIRATORY (INHALATION)": "inhaled", "NASAL": "in the nose", "OPHTHALMIC": "in the eye",
    "OTIC": "in the ear", "RECTAL": "in the rectum", "VAGINAL": "in the vagina",
    "SUBLINGUAL": "under the tongue", "TRANSDERMAL": "through the skin (patch)",
    "INTRATHECAL": "into the fluid around the spine", "BUCCAL": "inside the cheek",
}


def plain_form(form: str | None) -> str | None:
    if not form:
        return None
    if form.upper() in _FORM_WORDS:
        return _FORM_WORDS[form.upper()]
    base, _, kind = form.partition(",")
    return (f"{kind.strip().lower()} {base.strip().lower()}" if kind else base.strip().lower())


def plain_route(route: str | None) -> str | None:
    return _ROUTE_WORDS.get(route.upper(), route.lower()) if route else None


def _forms(label: Label, cites: Cites) -> list[Form]:
    forms: dict[tuple[str, str | None], Form] = {}
    for p in label.products:
        form = plain_form(p.form)
        if not form:
            continue
        key = (form, plain_route(p.route))
        data = label.first(loinc.PRODUCT_DATA)
        entry = forms.setdefault(key, Form(form=form, route=key[1], cite=cites.of(data, loinc.PRODUCT_DATA)
                                           if data else cites.label_source()))
        for s in p.strengths:
            if s not in entry.strengths:
                entry.strengths.append(s)
        if p.appearance:
            strength = f"{' and '.join(p.strengths)}: " if p.strengths and len(label.products) > 1 else ""
            text = f"{strength}{p.appearance}"
            entry.appearance = f"{entry.appearance}; {text}" if entry.appearance else text
    return list(forms.values())


def _brand_names(label: Label, cites: Cites) -> list[BrandName]:
    brand = label.brand
    if not brand:
        return []
    form = next((plain_form(p.form) for p in label.products if p.form), None)
    data = label.first(loinc.PRODUCT_DATA)  # SPL names its products there; openFDA in its own block
    cite = cites.of(data, loinc.PRODUCT_DATA) if data else cites.label_source()
    return [BrandName(name=brand, form=form, note=f"made by {label.manufacturer}" if label.manufacturer else None,
                      cite=cite)]


def _drug_class(label: Label, cites: Cites) -> tuple[Fact, str | None]:
    if label.pharm_class:  # openFDA's established pharmacologic class, e.g. "HMG-CoA Reductase Inhibitor [EPC]"
        names = [re.sub(r"\s*\[EPC\]\s*$", "", c).strip() for c in label.pharm_class]
        names = list(dict.fromkeys(n for n in names if n))
        text = " and ".join(plain(name_case(n)) for n in names)
        class_name = names[0] if names[0].endswith("s") else names[0] + "s"
        return Fact(text=a_or_an(_lower_first(text)), cite=cites.label_source()), class_name
    indications = label.first(loinc.INDICATIONS)
    if indications:
        lead = " ".join(p for p in indications.highlight if isinstance(p, str)) or indications.text()[:600]
        m = re.search(r"\bis an? ([^.;:]{3,120}?)\s+(?:that is\s+)?indicated\b", clean(lead))
        if m:
            phrase = m.group(1).strip(" ,")
            short = re.search(r"\(([a-z][a-z\- ]{2,30})\)", phrase)
            class_name = (short.group(1).capitalize() + "s") if short else None
            return Fact(text=a_or_an(plain(phrase)), cite=cites.of(indications)), class_name
    purpose = label.first(loinc.PURPOSE)
    if purpose:
        lines = [clean(t) for t in purpose.texts() if clean(t)]
        kinds = list(dict.fromkeys(k.strip().lower() for line in lines for k in re.split(r"/|,", line) if k.strip()))
        if kinds:
            text = plain(_join(kinds))
            return Fact(text=a_or_an(text), cite=cites.of(purpose)), None
    # Old labels name the class in passing: "As with all antipsychotic drugs, ..."
    counts: Counter[str] = Counter()
    where: dict[str, Section] = {}
    for section in label.all(loinc.BOXED_WARNING, loinc.DOSAGE, loinc.WARNINGS, loinc.ADVERSE_REACTIONS):
        for m in re.finditer(r"\b(?:as with|like) (?:all|other) ([a-z][a-z\-]+(?: [a-z\-]+)?) "
                             r"(?:drugs|agents|medications)\b", section.text(), re.IGNORECASE):
            kind = m.group(1).lower()
            if kind not in {"other", "these", "such", "similar", "the"}:
                counts[kind] += 1
                where.setdefault(kind, section)
    if counts:
        kind = counts.most_common(1)[0][0]
        return Fact(text=a_or_an(f"{plain(kind)} medicine"), cite=cites.of(where[kind])), None
    text = "a prescription medicine" if label.rx_status == "prescription" else \
        "a medicine sold without a prescription"
    return Fact(text=text, cite=cites.label_source()), None


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# --- uses ---------------------------------------------------------------------------------------


def _uses(label: Label, cites: Cites) -> list[Use]:
    section = label.first(loinc.INDICATIONS)
    if section is None:
        return []
    cite = cites.of(section)
    ctx = _Context(label, cites, "", {label.brand.upper(): label.brand} if label.brand else {})
    found: list[str] = []
    for part in section.highlight:  # PLR Highlights: one bullet per use
        if isinstance(part, list):
            found.extend(part)
    if not found:
        found = _indicated_clauses(section.text())
    if not found:
        found = _with_lead(section.items_with_leads())
    if not found:
        first = sentences(section.text())
        found = first[:1]
    conditions = []
    for text in found:
        said = ctx.say(text).rstrip(".;: ")
        said = re.sub(r"^(?:to|for)\s+", "", said)
        if len(said) >= 3 and said.lower() not in {c.lower() for c in conditions}:
            conditions.append(said)
    return [Use(condition=_lower_first(c), cite=cite) for c in conditions[:12]]


_LEAD_VERB = re.compile(r"(?i)^(?:temporarily |helps? (?:to )?)?(?:relieves?|reduces?|treats?|prevents?|"
                        r"controls?|helps?)\b\s*")


def _with_lead(items: list[str]) -> list[str]:
    """Drug Facts uses: "temporarily relieves minor aches and pains due to: • headache •
    toothache" -> "minor aches and pains due to headache", "... due to toothache". A bare verb
    lead ("temporarily relieves • sneezing") is dropped."""
    if len(items) < 2:
        return items
    lead = clean(items[0]).rstrip(":")
    rest = _LEAD_VERB.sub("", lead)
    looks_like_lead = items[0].rstrip().endswith(":") or bool(_LEAD_VERB.match(lead)) and len(lead.split()) <= 12
    if not looks_like_lead:
        return items
    return [i if _LEAD_VERB.match(i) or not rest else f"{rest} {i}" for i in items[1:]]


def _uses_sentence(uses: list[Use]) -> str:
    """'The label says it is used for sneezing, runny nose and itchy eyes.'"""
    picked = [uses[0].condition.rstrip(".")]
    for use in uses[1:3]:
        if len(" ".join([*picked, use.condition]).split()) > 24:
            break
        picked.append(use.condition.rstrip("."))
    shared = _shared_words(picked)
    if len(picked) > 1 and len(shared.split()) >= 2:  # "aches due to headache, toothache and backache"
        picked = [shared + " " + _join([p[len(shared):].strip() for p in picked])]
    verb = "to" if re.match(r"(?i)(reduce|lower|treat|relieve|control|prevent|improve|help|increase|"
                            r"manage|ease|decrease|slow|stop)\b", picked[0]) else "for"
    return f"The label says it is used {verb} {_join(picked)}."


def _shared_words(texts: list[str]) -> str:
    words = [t.split() for t in texts]
    shared: list[str] = []
    for column in zip(*words, strict=False):
        if len(set(column)) != 1:
            break
        shared.append(column[0])
    if any(len(w) <= len(shared) for w in words):
        return ""  # one text is all prefix: nothing left to list
    return " ".join(shared)


def _indicated_clauses(text: str) -> list[str]:
    """'X is indicated for the treatment of Y.' -> 'the treatment of Y'; '...indicated: A; B' -> A, B."""
    found: list[str] = []
    for s in sentences(clean(text)):
        m = re.search(r"\b(?:indicated|effective)\b(?:\s+for use)?\s*(?:(?:for|in|to|as)\b)?\s*:?\s*(.+)$", s,
                      re.IGNORECASE)
        if not m or re.search(r"\bnot (?:indicated|effective)\b|\bnot been\b", s, re.IGNORECASE):
            continue
        for clause in re.split(r";\s*|\s•\s*", m.group(1)):
            clause = re.sub(r"^(?:the\s+)?(?:use in\s+)?", "", clause.strip(" .,:")).strip()
            if len(clause.split()) >= 2:
                found.append(clause)
    return found


# --- how to take --------------------------------------------------------------------------------

_NUM = r"\d+(?:\.\d+)?"
_RANGE = rf"{_NUM}(?:\s*(?:to|-|–|or)\s*{_NUM})?"
_UNIT = r"(mg/kg|mcg/kg|mg|mcg|µg|g|mL|ml|units?|tablets?|capsules?)"
_AMOUNT = re.compile(rf"^({_NUM})(?:\s*(to|or|-|–)\s*({_NUM}))?\s*{_UNIT}(?![\w])")
_FREQUENCIES = [
    (re.compile(r"^(?:once (?:a |per )?day|once daily|once-daily|q\.?d\.?)\b", re.I), "once a day"),
    (re.compile(r"^(?:twice (?:a |per )?day|twice daily|two times (?:a |per )?day|b\.i\.d\.?)", re.I), "twice a day"),
    (re.compile(r"^(?:three times (?:a |per )?day|three times daily|t\.i\.d\.?)", re.I), "three times a day"),
    (re.compile(r"^(?:four times (?:a |per )?day|four times daily|q\.i\.d\.?)", re.I), "four times a day"),
    (re.compile(r"^(?:once (?:a |per )?week|once weekly)\b", re.I), "once a week"),
    (re.compile(r"^at bedtime\b", re.I), "at bedtime"),
]
_EVERY = re.compile(r"every (\d+)(?:\s*(?:to|-|–)\s*(\d+))? hours\b", re.I)
_PER_DAY = re.compile(r"^(?:/\s*day|per day|a day|daily|each day|in 24 hours|/24 hours)\b", re.I)
_SUBGROUP = re.compile(r"\bpatients (?:who|requiring|with|taking|on)\b|\brenal\b|\bhepatic\b|\bimpairment\b|"
                       r"\bdialysis\b|\bdebilitated\b|\bmay (?:be )?start", re.I)
_DOSE_KEYS = [
    ("start", re.compile(r"\b(?:recommended |usual |suggested )?(?:adult )?(?:starting|start|initial)"
                         r"(?: oral)? (?:dose|dosage)\b[^.;]{0,40}?(?=\d)", re.I)),
    ("range", re.compile(r"\b(?:dose|dosage) range\b[^.;]{0,30}?(?=\d)", re.I)),
    ("usual", re.compile(r"\busual (?:adult )?(?:maintenance )?(?:daily )?(?:dose|dosage)\b[^.;]{0,30}?(?=\d)", re.I)),
    ("max", re.compile(r"\bmaximum (?:recommended )?(?:daily )?(?:dose|dosage)\b[^.;]{0,30}?(?=\d)", re.I)),
    ("max", re.compile(r"\b(?:do not|should not|not to) exceed\s+(?=\d)", re.I)),
]
_INCREASE = re.compile(
    rf"\bincrease[sd]?\b[^.;]{{0,40}}?\b(?:by|in increments of|(?:an )?increments? of)\s+({_NUM})\s*{_UNIT}"
    r"(?:[^.;]{0,30}?\b(?:every|at|intervals? of)\s+(\d+)(?:\s*(?:to|-|–)\s*(\d+))?[\s-]*(day|week)s?)?", re.I)


@dataclass
class _Read:
    amount: Amount
    frequency: str | None  # a FrequencyText, or None
    per_day: bool  # the amount is a day's total ("10 mg/day", "10 to 80 mg daily")
    either: bool  # "10 or 20 mg": one of two doses, not a range


def read_amount(text: str) -> _Read | None:
    """An amount at the start of `text`, with the frequency written right after it."""
    # "0.5 mg to 2 mg" -> "0.5 to 2 mg", only when both sides have the same unit
    text = re.sub(rf"({_NUM})\s*(mg|mcg|g|mL)\s+(to|or)\s+(?={_NUM}\s*\2\b)", r"\1 \3 ", text.strip())
    m = _AMOUNT.match(text)
    if not m:
        return None
    if re.match(rf"^(?:\s*/\s*[a-z]+)*\s*(?:to|or|-|–)\s*{_NUM}", text[m.end():], re.I):
        return None  # "0.05 mg/kg/day to 0.15 mg/kg/day": a range this reading would cut short
    unit = m.group(4).lower()
    unit = {"ml": "mL", "µg": "mcg", "unit": "units"}.get(unit, unit)
    unit = unit.rstrip("s") if unit in {"tablets", "capsules"} else unit
    low, high = float(m.group(1)), float(m.group(3)) if m.group(3) else None
    try:
        amount = Amount(amount=low, amount_high=high, unit=unit)
    except ValidationError:
        return None
    rest = text[m.end():].lstrip(" ,")
    frequency, per_day = None, False
    if _PER_DAY.match(rest):
        per_day = True
    for pattern, words in _FREQUENCIES:
        hit = pattern.match(rest)
        if hit:
            frequency = words
            # "b.i.d. or t.i.d.": two schedules, so no single frequency can be stated
            if re.match(r"^\s*or\s+(?:\w+ times|t\.i\.d|b\.i\.d|q\.i\.d|once|twice)", rest[hit.end():], re.I):
                return _Read(amount, None, False, m.group(2) == "or")
    every = _EVERY.match(rest)
    if every:
        frequency = f"every {every.group(1)}" + (f" to {every.group(2)}" if every.group(2) else "") + " hours"
    return _Read(amount, frequency, per_day or frequency == "once a day", m.group(2) == "or")


@dataclass
class _DoseDraft:
    population: str
    indication: str | None
    cite: list[str]
    start: _Read | None = None
    usual: _Read | None = None
    max: _Read | None = None
    increase: str | None = None
    notes: list[str] = field(default_factory=list)

    def build(self) -> Dose | None:
        data: dict = {"population": self.population, "indication": self.indication, "cite": self.cite}
        notes = list(self.notes)
        if self.start and self.start.frequency:
            start = self.start.amount
            if self.start.either:
                # "10 or 20 mg": two doses, not a range. Show the first; name both in words.
                notes.append(f"The label gives two starting doses: {start.amount:g} {start.unit} or "
                             f"{start.amount_high:g} {start.unit} {self.start.frequency}.")
                start = Amount(amount=start.amount, unit=start.unit)
            data["start"], data["start_frequency"] = start, self.start.frequency
        elif self.start and self.start.per_day and not self.start.either:
            notes.append(f"The label's starting dose is {self.start.amount.render()} a day.")
        if self.usual and self.usual.per_day and not self.usual.either:
            data["usual"], data["usual_per"] = self.usual.amount, "day"
        if self.max and not self.max.either and self.max.amount.amount_high is None:
            if self.max.per_day:
                data["max"], data["max_per"] = self.max.amount, "day"
            elif self.max.frequency:
                data["max"], data["max_per"] = self.max.amount, "dose"
        if self.increase:
            data["increase"] = self.increase
        if notes:
            data["note"] = " ".join(notes)
        if not any(k in data for k in ("start", "usual", "max")):
            return None  # an increase or a note alone is not a dose
        try:
            return Dose(**data)
        except ValidationError:
            return None  # inconsistent numbers: leave it to the quoted label text


def _population(text: str) -> str:
    t = text.lower()
    if re.search(r"pediatric|\bchild|adolescent|infant|neonat|\bboys\b|\bgirls\b", t):
        m = re.search(r"(\d+)\s*(?:to|–|-)\s*(?:less than |under )?(\d+)\s*years", t)
        if m:
            return f"children {m.group(1)} to {m.group(2)} years"
        m = re.search(r"(\d+) years (?:of age )?(?:and|or) (?:older|over)", t)
        return f"children {m.group(1)} years and older" if m else "children"
    if re.search(r"geriatric|elderly|older (?:adults|patients)", t):
        return "older adults"
    return "adults"


def _indication(ctx: _Context, title: str | None) -> str | None:
    if not title:
        return None
    text = re.sub(r"\([^)]*\)", "", title)
    text = re.sub(r"\b(?:in|for) (?:adult|pediatric|geriatric|elderly)? ?(?:patients|children|adults)\b.*$", "",
                  text, flags=re.I)
    text = re.sub(r"^(?:usual |recommended )?(?:adult |pediatric )?(?:dosage|dose|dosing)"
                  r"(?: and administration)?(?: for)?\b", "", text, flags=re.I).strip(" ,:-")
    if not text or re.fullmatch(r"(?i)(adults?|children|pediatric(?: patients)?|general|important .*|"
                                r"oral administration|administration.*|.*(?:impairment|dosage forms?).*)", text):
        return None
    return _lower_first(ctx.say(sentence_case(text)))


def _dose_statements(section: Section) -> Iterator[tuple[str, str | None, str | None]]:
    """(sentence, context, subsection title): from Highlights when the label has them (they
    cite their subsection, e.g. "(2.2)"), otherwise from the section's text. The context says
    who the sentence is about; the title, when the label gives one, names the use."""
    titles = {s.number: s.title for s in section.walk() if s.number}
    if section.highlight:
        for part in section.highlight:
            for text in ([part] if isinstance(part, str) else part if isinstance(part, list) else []):
                refs = re.findall(r"\((\d+\.\d+)\)", text)
                title = titles.get(refs[-1]) if refs else None
                yield text, title, title
        return
    for sub in section.walk():
        title = sub.title if sub is not section else None  # "DOSAGE AND ADMINISTRATION" names no use
        context = title
        for part in sub.parts:
            for text in ([part] if isinstance(part, str) else part if isinstance(part, list) else []):
                for s in sentences(text):
                    # openFDA runs a subsection's heading into its first sentence ("2.2 Pediatric
                    # Patients The recommended ..."): where the heading ends is unknown, so it
                    # tells who the dose is for, but is not used as the name of a use.
                    m = re.match(r"^(\d+\.\d+)\s+(.*)$", s)
                    if m and not title:
                        context = m.group(2)[:160]
                    yield s, context, title


# A subsection about some patients ("Dosage in Patients Taking Cyclosporine", "Dose Adjustment
# in Asian Patients"), not the usual adult or child dose: left to the quoted label text.
_SUBGROUP_TITLE = re.compile(r"(?i)adjust|modif|switch|conver|concomitant|taking")
_WHO = re.compile(r"(?i)\b(?:pediatric|adult|geriatric|elderly|children)\b")


def about_some_patients(title: str | None) -> bool:
    if not title:
        return False
    return bool(_SUBGROUP_TITLE.search(title) or _SUBGROUP.search(title)
                or (re.search(r"(?i)\bpatients\b", title) and not _WHO.search(title)))


def _structured_doses(ctx: _Context, section: Section) -> list[Dose]:
    drafts: dict[tuple[str, str | None], _DoseDraft] = {}
    cite = ctx.cites.of(section)
    for statement, context, title in _dose_statements(section):
        population = _population(f"{context or ''} {statement}")
        indication = _indication(ctx, title)
        if about_some_patients(title) or (context and _SUBGROUP.search(context)):
            continue
        for clause in re.split(r";\s*", clean(statement)):
            if _SUBGROUP.search(clause):
                continue
            draft = drafts.setdefault((population, indication), _DoseDraft(population, indication, cite))
            for kind, key in _DOSE_KEYS:
                m = key.search(clause)
                if not m:
                    continue
                read = read_amount(clause[m.end():])
                if read is None:
                    continue
                if kind == "range":
                    if read.amount.amount_high is None or read.either:
                        continue
                    draft.usual = draft.usual or read
                    top = Amount(amount=read.amount.amount_high, unit=read.amount.unit)
                    draft.max = draft.max or _Read(top, read.frequency, read.per_day, False)
                elif kind == "max" and "exceed" in m.group(0).lower() and not read.per_day:
                    continue  # "do not exceed 20 mg" without "a day" is too loose to state
                elif getattr(draft, kind) is None:
                    setattr(draft, kind, read)
            inc = _INCREASE.search(clause)
            if inc and not draft.increase:
                step = read_amount(f"{inc.group(1)} {inc.group(2)}")
                if step:
                    text = f"The label raises the dose by {step.amount.render()} at a time"
                    if inc.group(3):
                        span = inc.group(3) + (f" to {inc.group(4)}" if inc.group(4) else "")
                        text += f", every {span} {inc.group(5)}s"
                    draft.increase = text + "."
    doses = [d for draft in drafts.values() if (d := draft.build())]
    # adults first, then children, the way a reader looks for them
    return sorted(doses, key=lambda d: (d.population != "adults", d.population))


def _otc_doses(ctx: _Context, section: Section) -> list[Dose]:
    """Drug Facts directions: an age | dose table, with one dosing interval stated above it."""
    text = section.text()
    intervals = {m.group(0).lower() for m in re.finditer(r"every \d+(?:\s*(?:to|-)\s*\d+)? hours", text, re.I)}
    frequency = None
    if len(intervals) == 1:
        every = _EVERY.match(intervals.pop().replace("-", " to "))
        if every:
            frequency = f"every {every.group(1)}" + (f" to {every.group(2)}" if every.group(2) else "") + " hours"
    limit = re.search(r"(?:do not|not to) (?:give|take|use) more than (\d+) (?:doses|times) in (?:any )?24 hours",
                      text, re.I)
    cite = ctx.cites.of(section)
    doses: list[Dose] = []
    rows = [[clean(c) for c in row if clean(c)] for table in section.tables()
            for row in [*table.header, *table.rows]]
    if not rows:  # "adults and children 12 years and over: take 1 tablet every 4 to 6 hours"
        rows = [[who, what] for item in section.items()
                if (m := re.match(r"^((?:adults|children|teens|babies|infants)[^:]{0,80}):\s*(.+)$", item, re.I))
                for who, what in [m.groups()]]
    for cells in rows:
        if len(cells) != 2 or re.match(r"(?i)^(age|who)\b", cells[0]):
            continue
        who, what = cells
        population = re.sub(r"\s+of age\b", "", who, flags=re.I).strip()
        # "2 teaspoonfuls (10 mL)": the metric amount; "1 to 2 tablets": the whole range
        amount = re.search(rf"\(({_RANGE}\s*mL)\)", what) or \
            re.search(rf"(?<![\d.])({_RANGE}\s*(?:mL|tablets?|capsules?))\b", what)
        read = read_amount(amount.group(1)) if amount else None
        own = _EVERY.search(what) if read else None
        this_frequency = (f"every {own.group(1)}" + (f" to {own.group(2)}" if own.group(2) else "")
                          + " hours") if own else frequency
        note = None
        if read is None:
            note = ctx.say(what)
        elif limit:
            note = f"Do not give more than {limit.group(1)} doses in 24 hours."
        try:
            if read and this_frequency:
                doses.append(Dose(population=population, start=read.amount, start_frequency=this_frequency,
                                  note=note, cite=cite))
            elif note and read is None:
                doses.append(Dose(population=population, note=note[:1].upper() + note[1:], cite=cite))
        except ValidationError:
            continue
    return doses


def _how_to_take(ctx: _Context) -> tuple[HowToTake, LabelExcerpt | None]:
    section = ctx.label.first(loinc.DOSAGE)
    if section is None:
        return HowToTake(), None
    doses = _otc_doses(ctx, section) if ctx.label.rx_status == "otc" else []
    if not doses:
        doses = _structured_doses(ctx, section)
    text = section.text() + " " + " ".join(t for p in section.highlight for t in ([p] if isinstance(p, str) else []))
    cite = ctx.cites.of(section)
    food = None
    if re.search(r"with or without food", text, re.I):
        food = Fact(text="You can take it with or without food.", cite=cite)
    elif re.search(r"\b(?:should be )?taken with (?:food|meals)\b", text, re.I):
        food = Fact(text="The label says to take it with food.", cite=cite)
    frequency = None
    adult = [d for d in doses if d.population == "adults" and d.start_frequency]
    if adult and len({d.start_frequency for d in adult}) == 1:
        words = f"It is usually taken {adult[0].start_frequency}"
        if re.search(r"at any time of (?:the )?day", text, re.I):
            words += ", at any time of day"
        frequency = Fact(text=words + ".", cite=cite)
    tips: list[Fact] = []
    when_using = ctx.label.first(loinc.WHEN_USING)
    if when_using and when_using.items():
        items = [ctx.say(i).rstrip(".") for i in when_using.items()]
        tips.append(Fact(text="When using this product: " + "; ".join(i for i in items if i) + ".",
                         cite=ctx.cites.of(when_using)))
    excerpt = None
    if not doses or section.highlight:
        if not doses:
            individual = re.search(r"\bindividuali[sz]ed\b", text, re.I)
            tips.append(Fact(text=("The label says the dose is set for each person by their doctor."
                                   if individual else
                                   "The label's dosing directions are quoted below. Your doctor sets your dose."),
                             cite=cite))
        source = [t for p in section.highlight for t in ([p] if isinstance(p, str) else p if isinstance(p, list) else [])]
        if not source:
            source = _titled_texts(section)
        quoted = excerpt_of(source, 3000)
        if quoted:
            excerpt = LabelExcerpt(text=quoted, cite=cite)
    return HowToTake(frequency=frequency, food=food, doses=doses, tips=tips), excerpt


def _titled_texts(root: Section) -> list[str]:
    """The text of a section and its subsections, each subsection's heading kept in front of its
    first words ("Children: The following recommendations apply to ...")."""
    out: list[str] = []
    pending: list[str] = []
    for s in root.walk():
        if s is not root and s.title:
            pending.append(s.title.rstrip(".:"))
        for t in _own_texts(s):
            out.append(f"{' — '.join(pending)}: {t}" if pending else t)
            pending = []
    return out


def _own_texts(section: Section) -> list[str]:
    out: list[str] = []
    for part in section.parts:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, list):
            out.extend(part)
        else:
            out.extend(" | ".join(c for c in row if c) for row in [*part.header, *part.rows])
    return out


# --- safety ---------------------------------------------------------------------------------------


def _boxed_warnings(ctx: _Context) -> tuple[list[Fact], LabelExcerpt | None]:
    facts: list[Fact] = []
    quoted: list[str] = []
    cites: list[str] = []
    for section in ctx.label.all(loinc.BOXED_WARNING):
        texts = [t for t in section.texts() if clean(t)]
        quoted.extend(texts)
        cite = ctx.cites.of(section)
        cites = _merge(cites, cite)
        body = [t for t in texts if not re.fullmatch(r"(?i)\s*(boxed\s+)?warnings?:?\s*", clean(t))]
        heading = re.sub(r"(?i)^\s*warnings?\s*:?\s*", "", section.title or "").strip()
        if not heading and body and len(clean(body[0]).split()) <= 15:
            heading = body.pop(0)
        first = sentences(clean(" ".join(body)))
        if not heading and not first:
            continue
        text = ""
        if heading:
            text = ctx.say(sentence_case(clean(heading).rstrip(".:"))) + "."
        if first:
            text += " " + ctx.say(first[0])
        facts.append(Fact(text=text.strip(), cite=cite))
    excerpt = LabelExcerpt(text=excerpt_of(quoted, 2500), cite=cites) if quoted else None
    return facts, excerpt


_WARNING_SKIP = re.compile(r"(?i)^(general|usage in pregnancy|pregnancy|nursing|lactation|information for "
                           r"patients|laboratory tests|drug interactions|use in|carcinogenesis|pediatric|"
                           r"geriatric|(?:combined|concomitant) use)\b")


def _topics(section: Section) -> list[tuple[str, str]]:
    """(topic, detail) pairs from a warnings section: Highlights bullets "Topic: detail (5.1)",
    else each subsection's title and text."""
    found: list[tuple[str, str]] = []
    for part in section.highlight:
        for text in ([part] if isinstance(part, str) else part if isinstance(part, list) else []):
            topic, sep, detail = clean(text).partition(":")
            if sep and len(topic.split()) <= 12:
                found.append((topic, detail))
            elif clean(text):
                found.append(("", clean(text)))
    if found:
        return found
    for part in section.parts:  # OTC: "Liver warning: ...", "Allergy alert: ..."
        if isinstance(part, str):
            m = re.match(r"^([A-Z][\w ,'\-]{2,60}?(?:warning|alert))\s*:\s*(.+)$", clean(part), re.I)
            if m:
                found.append((m.group(1), m.group(2)))
    for child in section.children:
        if child.code in _OTC_WARNING_PARTS:
            continue
        if child.title:
            found.append((child.title, child.text()))
        elif child.number:  # openFDA: "5.1 Abrupt Cessation of Therapy Do not stop ..."
            found.append(("", re.sub(r"^\d+(?:\.\d+)*\s+", "", child.text())))
    if not found and section.code == loinc.WARNINGS_AND_PRECAUTIONS:
        own = [t for t in section.parts if isinstance(t, str)]
        found = [("", s) for s in sentences(clean(" ".join(own)))[:3]]
    return found


# Drug Facts warnings read on their own (contraindications, cautions, stop use ...)
_OTC_WARNING_PARTS = frozenset({
    loinc.DO_NOT_USE, loinc.ASK_DOCTOR, loinc.ASK_DOCTOR_PHARMACIST, loinc.WHEN_USING, loinc.STOP_USE,
    loinc.KEEP_OUT_OF_REACH, loinc.PREGNANCY_OR_BREASTFEEDING,
})


def _side_effects(ctx: _Context) -> tuple[SideEffects, LabelExcerpt | None]:
    label = ctx.label
    common: list[SideEffect] = []
    ar = label.first(loinc.ADVERSE_REACTIONS)
    if ar:
        cite = ctx.cites.of(ar)
        common = _table_effects(ctx, ar, cite) or _sentence_effects(ctx, ar, cite)
    serious: list[Fact] = []
    boxed = [ctx.say(sentence_case(clean(s.title or ""))).lower()[:40] for s in label.all(loinc.BOXED_WARNING)]
    boxed += [ctx.say(sentence_case(t)).lower()[:40] for s in label.all(loinc.BOXED_WARNING)
              for t in list(s.texts())[:3] if len(t.split()) <= 15]
    for section in label.all(loinc.WARNINGS_AND_PRECAUTIONS, loinc.WARNINGS):
        for topic, detail in _topics(section):
            if topic and _WARNING_SKIP.match(topic):
                continue
            first = sentences(clean(detail))
            if not topic and not first:
                continue
            text = sentence_case(topic) if topic else first.pop(0)
            if ctx.say(text).lower()[:40] in boxed:
                continue  # already shown, first, as the boxed warning
            fact = _fact(ctx, text, section, why=first[0] if first else None)
            if fact:
                serious.append(fact)
    stop = label.first(loinc.STOP_USE)
    if stop:
        items = stop.items() or section_sentences(stop)
        for item in items:
            fact = _fact(ctx, f"Stop use and ask a doctor if {clean(item).rstrip('.')}", stop)
            if fact:
                serious.append(fact)
    excerpt = None
    if not common and ar:
        quoted = excerpt_of(_titled_texts(ar))
        if quoted:
            excerpt = LabelExcerpt(text=quoted, cite=ctx.cites.of(ar))
            if not serious:
                serious.append(Fact(text="The label lists the side effects quoted below.", cite=ctx.cites.of(ar)))
    return SideEffects(common=common[:15], serious=serious[:10]), excerpt


_PERCENT_CELL = re.compile(rf"^\(?({_NUM})\s*%?\)?$")
_COUNT_PERCENT_CELL = re.compile(rf"^\d+\s*\(\s*({_NUM})\s*%?\s*\)$")
_LESS_THAN_CELL = re.compile(rf"^(?:<|less than)\s*({_NUM})\s*%?$", re.I)
_NOT_A_REACTION = re.compile(r"(?i)^(any|total|all|overall|patients|subjects|number|percent|body as a whole$|"
                             r"system organ class|n\b|n\s*=)")


def _cell_percent(cell: str) -> tuple[float, str] | None:
    cell = cell.strip().replace(" ", "") if re.fullmatch(r"[\d.\s%()<]+", cell.strip()) else cell.strip()
    for pattern, less in ((_PERCENT_CELL, False), (_COUNT_PERCENT_CELL, False), (_LESS_THAN_CELL, True)):
        m = pattern.match(cell)
        if m:
            value = float(m.group(1))
            if value > 100:
                return None
            return value, (f"less than {value:g}" if less else f"{value:g}")
    return None


def _table_effects(ctx: _Context, section: Section, cite: list[str]) -> list[SideEffect]:
    """Side effects with frequencies from the first adverse-reaction table that gives
    percentages: the medicine's column (all doses, or the range over dose columns) and the
    placebo column beside it."""
    names = {n.lower() for n in (ctx.label.brand, *ctx.label.ingredients) if n}
    for table in section.tables():
        width = max((len(r) for r in [*table.header, *table.rows]), default=0)
        if width < 2 or not table.rows:
            continue
        heads = [" ".join(row[i] for row in table.header if i < len(row)).strip() for i in range(width)]
        says_percent = "%" in table.caption or "percent" in table.caption.lower() or \
            any("%" in h for h in heads) or any("%" in c for r in table.rows for c in r[1:])
        if not says_percent:
            continue
        placebo = [i for i in range(1, width) if re.search(r"(?i)placebo|vehicle", heads[i])]
        drug = [i for i in range(1, width) if i not in placebo and
                not re.search(r"(?i)comparator|control|active|total\s*$", heads[i])]
        overall = [i for i in drug if re.search(r"(?i)any dose|all doses|overall|combined", heads[i])]
        named = [i for i in drug if any(n in heads[i].lower() for n in names)]
        columns = overall[:1] or (named if named else drug)
        if not columns:
            continue
        effects: list[SideEffect] = []
        for row in table.rows:
            if len(row) < width or not row[0].strip():
                continue
            name = re.sub(r"[*†‡§¶#]+|\s+[a-d]$", "", clean(row[0])).strip(" :")
            if not name or _NOT_A_REACTION.match(name) or len(name.split()) > 8:
                continue
            values = [v for i in columns if (v := _cell_percent(row[i]))]
            if not values:
                continue
            lows = [v[0] for v in values]
            if len(values) == 1:
                frequency = f"{values[0][1]} in 100 people"
            else:
                frequency = f"{min(lows):g} to {max(lows):g} in 100 people"
            pv = _cell_percent(row[placebo[0]]) if placebo else None
            if pv:
                frequency += f" ({pv[1]} with placebo)"
            effects.append(SideEffect(name=ctx.say(name_case(name), explain=True), frequency=frequency,
                                      percent=max(lows), cite=cite))
        if len(effects) >= 2:
            effects.sort(key=lambda e: -(e.percent or 0))
            return effects
    return []


def _sentence_effects(ctx: _Context, section: Section, cite: list[str]) -> list[SideEffect]:
    """'most common adverse reactions ... were: nasopharyngitis (8.3%), arthralgia (6.9%)'
    or '(incidence ≥ 2%) ... are: a, b, c'."""
    texts = [t for p in section.highlight for t in ([p] if isinstance(p, str) else p if isinstance(p, list) else [])]
    for text in [*texts, *section.texts()]:
        for s in sentences(clean(text)):
            if not re.search(r"(?i)most common(?:ly reported)? (?:adverse reactions|side effects)", s):
                continue
            pairs = re.findall(rf"([A-Za-z][A-Za-z ,'\-]{{2,60}}?)\s*\(\s*({_NUM})\s*%\s*\)", s.split(":", 1)[-1])
            if len(pairs) >= 2:
                return [SideEffect(name=ctx.say(name_case(n.strip(" ,").removeprefix("and ").strip()), explain=True),
                                   frequency=f"{float(p):g} in 100 people", percent=float(p), cite=cite)
                        for n, p in pairs]
            m = re.search(rf"(?:≥|>=|>|at least|greater than)\s*({_NUM})\s*%", s)
            if m and ":" in s:
                names = [n.strip(" .") for n in re.split(r",\s*|\s+and\s+", s.split(":", 1)[1]) if n.strip(" .")]
                names = [n for n in names if 0 < len(n.split()) <= 6]
                if len(names) >= 2:
                    return [SideEffect(name=ctx.say(name_case(n), explain=True),
                                       frequency=f"{m.group(1)} or more in 100 people", cite=cite)
                            for n in names]
    return []


def _contraindications(ctx: _Context) -> list[Fact]:
    label = ctx.label
    found: list[Fact] = []
    section = label.first(loinc.CONTRAINDICATIONS)
    if section:
        texts = [t for p in section.highlight for t in ([p] if isinstance(p, str) else p if isinstance(p, list) else [])]
        if not texts:
            texts = [c.title for c in section.children if c.title] or section.items()
        if not texts:
            texts = []
            for s in section_sentences(section):
                m = re.search(r"\bcontraindicated\b(?:\s+(?:in|for|with))?\s*(.*)$", s, re.I)
                if m and m.group(1).strip(" ."):
                    # "... in severe CNS depression and in individuals who are allergic ..."
                    texts.extend(re.split(r",?\s+and in (?=individuals|patients|people|those|women|children)",
                                          m.group(1)))
        for text in texts:
            if re.fullmatch(r"(?i)\s*none\.?\s*", clean(text)):
                continue
            fact = _fact(ctx, clean(text).rstrip("."), section)
            if fact:
                found.append(fact)
    do_not_use = label.first(loinc.DO_NOT_USE)
    if do_not_use:
        for item in do_not_use.items() or section_sentences(do_not_use):
            fact = _fact(ctx, clean(item).rstrip("."), do_not_use)
            if fact:
                found.append(fact)
    return found[:12]


def _cautions(ctx: _Context) -> list[Fact]:
    label = ctx.label
    found: list[Fact] = []
    for section in label.all(loinc.ASK_DOCTOR, loinc.ASK_DOCTOR_PHARMACIST):
        lead = clean(section.title or "Ask a doctor before use if you have").rstrip(":")
        items = [clean(i).rstrip(".") for raw in (section.items() or [section.text()])
                 for i in split_bullets(raw) or [raw]]
        fact = _fact(ctx, f"{lead}: {', '.join(i for i in items if i)}", section)
        if fact:
            found.append(fact)
    for section in label.all(loinc.PRECAUTIONS, loinc.GENERAL_PRECAUTIONS):
        text = clean(" ".join(p for p in section.parts if isinstance(p, str)))
        m = re.search(r"should be (?:administered|used|given) (?:cautiously|with caution) (?:to|in) patients:?\s*(.*)",
                      text, re.I)
        if m:
            for item in re.split(r"\s-\s*(?=[a-z])|^-\s*", m.group(1)):
                item = re.split(r",\s*(?:because|since)\b|;", item)[0].strip(" .-")
                if 2 <= len(item.split()) <= 25:
                    who = "People " if re.match(r"(?i)(with|receiving|taking|who)\b", item) else ""
                    fact = _fact(ctx, who + item, section)
                    if fact:
                        found.append(fact)
    return found[:12]


_KEY_SENTENCE = re.compile(
    r"contraindicated|should not|must not|do not|not recommended|avoid|not known|unknown|may cause|can cause|"
    r"(?:has|have) not been established|no (?:overall )?differences|not necessary|lower dose|reduc|adjust|"
    r"caution|discontinu|breast|excreted|pass(?:es)? into|ask a (?:doctor|health)|risk|harm|not been studied",
    re.I)
_ANIMAL = re.compile(r"\b(?:rats?|mice|rabbits?|dogs?|animals?|rodents?|pups?)\b", re.I)


def _key_sentences(texts: Iterable[str], limit: int = 2) -> list[str]:
    all_s = []
    for text in texts:
        text = re.sub(r"(?i)^\s*(?:\d+(?:\.\d+)*\s+)?pregnancy category [A-DX]\s*[.:]?\s*", "", clean(text))
        all_s += [re.sub(r"^(?:Also|However|Therefore|Thus|In addition),\s*", "", s)
                  for s in sentences(text) if len(s.split()) >= 4]
    all_s = [s[:1].upper() + s[1:] for s in all_s]
    human = [s for s in all_s if not _ANIMAL.search(s)]
    picks = [s for s in human if _KEY_SENTENCE.search(s)][:limit]
    return picks or human[:1] or all_s[:1]


def _populations(ctx: _Context) -> dict[str, Fact | None]:
    label = ctx.label

    def from_sections(sections: list[Section]) -> Fact | None:
        for section in sections:
            picks = _key_sentences(section.texts())
            if picks:
                return Fact(text=" ".join(ctx.say(s) for s in picks), cite=ctx.cites.of(section))
        return None

    def titled(pattern: str) -> list[Section]:
        roots = label.all(loinc.SPECIFIC_POPULATIONS, loinc.WARNINGS, loinc.PRECAUTIONS, loinc.DOSAGE,
                          loinc.CLINICAL_PHARMACOLOGY)
        out = []
        for root in roots:
            for s in root.walk():
                if s is not root and s.title and re.search(pattern, s.title, re.I):
                    out.append(_as_cited(s, root))
        return out

    def mentioned(pattern: str) -> list[Section]:
        """openFDA runs subsections together: find the sentences about it instead."""
        out = []
        for root in label.all(loinc.SPECIFIC_POPULATIONS):
            hits = [s for s in section_sentences(root) if re.search(pattern, s, re.I)]
            if hits and not any(c.title for c in root.children):
                out.append(Section(code=root.code, number=root.number, parts=hits[:2]))
        return out

    return {
        "pregnancy": from_sections([*label.all(loinc.PREGNANCY, loinc.TERATOGENIC),
                                    *titled(r"^(?:usage in )?pregnancy"), *label.all(loinc.PREGNANCY_OR_BREASTFEEDING)]),
        "breastfeeding": from_sections([*label.all(loinc.LACTATION, loinc.NURSING_MOTHERS),
                                        *label.all(loinc.PREGNANCY_OR_BREASTFEEDING)]),
        "children": from_sections(label.all(loinc.PEDIATRIC_USE)),
        "older_adults": from_sections(label.all(loinc.GERIATRIC_USE)),
        "kidney": from_sections([*titled(r"renal|kidney"), *mentioned(r"renal impairment|kidney")]),
        "liver": from_sections([*titled(r"hepatic|liver"), *mentioned(r"hepatic impairment|liver disease")]),
    }


def _as_cited(sub: Section, root: Section) -> Section:
    """A subsection read on its own but cited as the coded section it belongs to."""
    return Section(code=root.code, title=root.title, number=root.number,  # one source per coded section
                   parts=list(sub.parts), children=list(sub.children))


def _interaction(ctx: _Context, agent: str, text: str, section: Section) -> Interaction | None:
    agent = ctx.say(clean(agent).strip(" .:"))
    said = ctx.say(clean(text))
    if len(agent) < 3 or len(said) < 3 or len(agent.split()) > 20:
        return None
    both = f"{agent} {said}".lower()
    kind = "alcohol" if re.search(r"alcohol|ethanol", both) else \
        "food" if re.search(r"grapefruit|\bfood\b|juice|\bmilk\b", agent.lower()) else \
        "supplement" if re.search(r"st\.? john|herbal|supplement", agent.lower()) else "medicine"
    severity = "major" if re.search(r"avoid|contraindicat|do not|should not|must not|not recommended|fatal|"
                                    r"irreversible|serious", said, re.I) else \
        "minor" if re.search(r"no clinically significant|not clinically (?:significant|important)", said, re.I) else "moderate"
    return Interaction(**{"with": agent}, kind=kind, severity=severity, text=said, cite=ctx.cites.of(section))


def _interactions(ctx: _Context) -> list[Interaction]:
    label = ctx.label
    found: list[Interaction | None] = []
    section = label.first(loinc.DRUG_INTERACTIONS)
    if section:
        for part in section.highlight:
            if isinstance(part, Table):
                for row in part.rows:
                    cells = [c for c in row if clean(c)]
                    if len(cells) == 2:
                        found.append(_interaction(ctx, cells[0], cells[1], section))
            else:
                for text in [part] if isinstance(part, str) else part:
                    agent, sep, rest = clean(text).partition(":")
                    if sep and len(agent.split()) <= 6:
                        found.append(_interaction(ctx, agent, rest, section))
        if not any(found):
            for child in section.children:
                first = section_sentences(child)
                if child.title and first:
                    found.append(_interaction(ctx, child.title, first[0], section))
        if not any(found):
            for s in sentences(section.text()):
                agent, sep, rest = s.partition(":")
                if sep and 1 <= len(agent.split()) <= 5 and rest.strip():
                    found.append(_interaction(ctx, agent, sentences(rest)[0] if sentences(rest) else rest, section))
    for warnings in label.all(loinc.WARNINGS, loinc.WARNINGS_AND_PRECAUTIONS):
        for child in warnings.children:
            m = re.search(r"(?i)(?:combined|concomitant) use (?:of \w+ )?(?:and|with) (.+)$", child.title or "")
            first = section_sentences(child)
            if m and first:
                found.append(_interaction(ctx, m.group(1), first[0], warnings))
    for section in label.all(loinc.ASK_DOCTOR_PHARMACIST):
        for item in section.items() or [section.text()]:
            m = re.search(r"(?i)\btaking\s+(.+)$", clean(item))
            if m:
                found.append(_interaction(ctx, m.group(1).rstrip("."), "Ask a doctor or pharmacist before use.",
                                          section))
    when_using = label.first(loinc.WHEN_USING)
    for item in (when_using.items() if when_using else []):
        if re.search(r"(?i)alcohol", item):
            found.append(_interaction(ctx, "alcohol", item, when_using))
    seen: set[str] = set()
    unique = []
    for i in found:
        if i and i.with_.lower() not in seen:
            seen.add(i.with_.lower())
            unique.append(i)
    return unique[:15]


_EMERGENCY = ("If someone may have taken too much, get help now: call 911 or your local emergency "
              "number, or Poison Control at 1-800-222-1222 (in the US).")


def _overdose(ctx: _Context) -> Overdose | None:
    label = ctx.label
    section = label.first(loinc.OVERDOSAGE)
    if section:
        text = clean(section.text())
        signs: list[str] = []
        about = next((s for s in sentences(text) if re.search(
            r"(?i)(?:symptoms|signs|manifestations) of (?:acute )?over ?dos(?:e|age)", s)), None)
        m = None
        if about:
            m = re.search(r":\s*([^:]+?)\.?$", about) or re.search(
                r"(?i)\b(?:include|are|were|would be|may include)\s+([^.]+)", about)
        if m:
            body = re.sub(r"\b\d\)\s*", "", m.group(1))
            for sign in re.split(r",\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+", body):
                sign = sign.strip(" .;")
                if 1 <= len(sign.split()) <= 6:
                    signs.append(ctx.say(sign))
        lead = [s for s in sentences(text) if re.search(r"(?i)no specific (?:antidote|treatment)|no known antidote|"
                                                          r"fatal|death|deaths", s)][:1]
        said = " ".join(ctx.say(s) for s in lead)
        return Overdose(signs=signs[:8], text=f"{said} {_EMERGENCY}".strip(), cite=ctx.cites.of(section))
    keep = label.first(loinc.KEEP_OUT_OF_REACH)
    if keep:
        over = [s for s in section_sentences(keep) if re.search(r"(?i)overdose|swallowed", s)]
        if over:
            return Overdose(text=f"{ctx.say(over[0])} {_EMERGENCY}", cite=ctx.cites.of(keep))
    return None


def _first_sentence_matching(ctx: _Context, sections: list[Section], pattern: str, *, following: int = 0,
                             transform: Callable[[str], str] | None = None) -> Fact | None:
    for section in sections:
        found = section_sentences(section)
        for i, s in enumerate(found):
            if re.search(pattern, s, re.I):
                picked = [s]
                for nxt in found[i + 1:i + 1 + following]:
                    if re.match(r"(?i)(do not|wait|take|skip|if you|never|don't)\b", nxt):
                        picked.append(nxt)
                    else:
                        break
                text = " ".join(ctx.say(p) for p in picked)
                return Fact(text=transform(text) if transform else text, cite=ctx.cites.of(section))
    return None


_PATIENT_SECTIONS = (loinc.PATIENT_INFO, loinc.MEDGUIDE, loinc.PATIENT_MEDICATION_INFO, loinc.INFO_FOR_PATIENTS)


def _missed_dose(ctx: _Context) -> Fact | None:
    return _first_sentence_matching(ctx, ctx.label.all(*_PATIENT_SECTIONS, loinc.DOSAGE),
                                    r"\bif (?:you )?miss(?:ed)? (?:a )?dose\b|\bmissed dose\b", following=3)


def _driving(ctx: _Context) -> Fact | None:
    return _first_sentence_matching(
        ctx, ctx.label.all(loinc.WHEN_USING, loinc.WARNINGS_AND_PRECAUTIONS, loinc.WARNINGS, loinc.PRECAUTIONS,
                           loinc.INFO_FOR_PATIENTS, *_PATIENT_SECTIONS),
        r"\bdriv(?:e|ing)\b|operat(?:e|ing) (?:heavy |hazardous )?machinery|hazardous (?:tasks|activities)")


def _storage(ctx: _Context) -> Fact | None:
    label = ctx.label
    store = re.compile(r"(?i)\b(?:store|protect from|keep (?:tightly|in a dry))\b")
    for section in label.all(loinc.STORAGE, loinc.HOW_SUPPLIED, loinc.UNCLASSIFIED):
        picks = [s[m.start():] for s in section_sentences(section) if (m := store.search(s))]
        if picks:
            text = " ".join(ctx.say(re.sub(r"\s*\[see USP[^\]]*\]", "", p)) for p in picks[:2])
            cite_section = section if section.code != loinc.HOW_SUPPLIED else section
            return Fact(text=text[:1].upper() + text[1:], cite=ctx.cites.of(cite_section))
    return None


def _mechanism(ctx: _Context) -> Fact | None:
    for section in ctx.label.all(loinc.MECHANISM, loinc.CLINICAL_PHARMACOLOGY):
        own = sentences(clean(" ".join(p for p in section.parts if isinstance(p, str))))
        if own and len(own[0].split()) <= 30 and (section.code == loinc.MECHANISM or len(own) <= 2):
            return Fact(text=ctx.say(own[0]), cite=ctx.cites.of(section))
    return None
