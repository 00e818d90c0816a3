"""Reader for DailyMed SPL XML: single .xml files, folders of them, and DailyMed's zip
archives (a zip of per-label zips, each holding one label's XML and its images).

Zips are read member by member and never unpacked to disk, so a multi-gigabyte DailyMed
release is read with the memory of one label. Each label becomes a `Label` (products from the
SPL product data elements, sections by LOINC code with their Highlights, paragraphs, lists and
tables); `label.facts` turns it into facts and `grouping` into guides.

Problems are yielded, not raised, as HealthlibError values naming the file and member, so the
caller can stop or skip and carry on (`--skip-bad`).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from lxml import etree

from healthlib.model.errors import HealthlibError
from healthlib.model.monograph import Monograph
from healthlib.model.names import base_ingredient
from healthlib.readers import loinc
from healthlib.readers.grouping import Grouper
from healthlib.readers.hl7v3 import NS, SAFE_PARSER, V
from healthlib.readers.input_files import error_words, is_regular_file, open_zip, unreadable_input
from healthlib.readers.label.document import (
    Label,
    Part,
    Product,
    Section,
    index_sections,
    inline_text,
    table_from_element,
)

_NSMAP = {"v": NS}
_KEEP = loinc.USED | loinc.CONTAINERS | {loinc.UNCLASSIFIED}
_ACTIVE = {"ACTIB", "ACTIM", "ACTIR"}  # active ingredient by base, by moiety, by reference
_MAX_MEMBER = 256 * 1024 * 1024  # a single label XML larger than this is not a label
_NDC_SYSTEM = "2.16.840.1.113883.6.69"  # the NDC code system
_NDC = re.compile(r"\d{4,5}-\d{3,4}")  # an NDC product code: labeller-product


class NotADrugLabel(HealthlibError):
    """An SPL document that is not a human prescription or OTC drug label (an indexing file,
    a device or veterinary label): skipped and reported, never an error."""


def iter_labels(paths: Iterable[Path], on_total: Callable[[int], None] | None = None, *,
                light: bool = False) -> Iterator[Label | HealthlibError]:
    """Every label in `paths`, in order; problems come as HealthlibError values. `light`
    labels carry identity and products only (the XML is still parsed whole, so any broken
    file is caught); `reload` reads the chosen ones in full."""
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in {".xml", ".zip"}
                                and is_regular_file(p)))
        else:
            files.append(path)
    if on_total:
        on_total(sum(_count(p) for p in files))
    for path in files:
        problem = unreadable_input(path, None if path.suffix.lower() == ".zip" else _MAX_MEMBER)
        if problem is not None:
            yield problem
        elif path.suffix.lower() == ".zip":
            yield from _read_zip(path, light)
        else:
            try:
                data = path.read_bytes()
            except OSError as exc:
                yield HealthlibError(f"cannot read file ({exc.strerror or exc})", file=str(path))
                continue
            yield _parse_or_error(data, str(path), (str(path), None, None), light)


def reload(labels: list[Label]) -> Iterator[tuple[Label, Label | HealthlibError]]:
    """Each light label read again in full; every zip is opened once for all its labels."""
    by_file: dict[str, list[Label]] = {}
    for label in labels:
        by_file.setdefault(label.location[0], []).append(label)  # type: ignore[index]
    for name, wanted in by_file.items():
        if wanted[0].location[1] is None:  # type: ignore[index]
            for label in wanted:
                try:
                    data = Path(name).read_bytes()
                except OSError as exc:
                    yield label, HealthlibError(f"cannot read file ({exc.strerror or exc})", file=name)
                    continue
                yield label, _parse_or_error(data, label.where, label.location, False)
            continue
        archive = open_zip(name, name)
        if isinstance(archive, HealthlibError):
            for label in wanted:
                yield label, archive
            continue
        with archive:
            for label in wanted:
                _, member, inner_member = label.location  # type: ignore[misc]
                data = _member_bytes(archive, archive.getinfo(member), label.where)
                if not isinstance(data, HealthlibError) and inner_member is not None:
                    data = _inner_member(data, inner_member, label.where)
                yield label, data if isinstance(data, HealthlibError) else \
                    _parse_or_error(data, label.where, label.location, False)


def read_spl(paths: Iterable[Path]) -> list[Monograph]:
    """The guides in `paths`, grouped by medicine; raises HealthlibError on the first problem."""
    labels = (item for item in iter_labels(paths, light=True) if not isinstance(item, NotADrugLabel))
    return Grouper(reload=reload).add_all(labels).monographs()


def _count(path: Path) -> int:
    """Labels in a file, for the progress bar: cheap (zip directories only)."""
    if path.suffix.lower() != ".zip" or not is_regular_file(path):
        return 1
    try:
        with zipfile.ZipFile(path) as outer:
            names = outer.namelist()
    except (zipfile.BadZipFile, OSError):
        return 1
    return sum(1 for n in names if n.lower().endswith((".xml", ".zip"))) or 1


def _read_zip(path: Path, light: bool) -> Iterator[Label | HealthlibError]:
    outer = open_zip(path, str(path))
    if isinstance(outer, HealthlibError):
        yield outer
        return
    with outer:
        members = [i for i in outer.infolist() if not i.is_dir()]
        if not any(i.filename.lower().endswith((".xml", ".zip")) for i in members):
            yield HealthlibError("the zip archive holds no SPL .xml files or label zips", file=str(path))
            return
        for info in members:
            name = info.filename
            lower = name.lower()
            if not lower.endswith((".xml", ".zip")):
                continue  # images and other files that travel with a label
            where = f"{path} [{name}]"
            data = _member_bytes(outer, info, where)
            if isinstance(data, HealthlibError):
                yield data
            elif lower.endswith(".xml"):
                yield _parse_or_error(data, where, (str(path), name, None), light)
            else:
                yield from _read_inner_zip(data, where, (str(path), name), light)


def _inner_member(data: bytes, name: str, where: str) -> bytes | HealthlibError:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as inner:
            return _member_bytes(inner, inner.getinfo(name), where)
    except (zipfile.BadZipFile, KeyError) as exc:
        return HealthlibError(f"not a readable zip archive ({error_words(exc)})", file=where)


def _read_inner_zip(data: bytes, where: str, outer: tuple[str, str], light: bool
                    ) -> Iterator[Label | HealthlibError]:
    """One label's zip inside a DailyMed release: its XML (images are skipped)."""
    inner = open_zip(io.BytesIO(data), where)
    if isinstance(inner, HealthlibError):
        yield inner
        return
    with inner:
        xmls = [i for i in inner.infolist() if i.filename.lower().endswith(".xml")]
        if not xmls:
            yield HealthlibError("the label zip holds no .xml file", file=where)
        for info in xmls:
            here = f"{where[:-1]}/{info.filename}]"
            content = _member_bytes(inner, info, here)
            yield content if isinstance(content, HealthlibError) else \
                _parse_or_error(content, here, (*outer, info.filename), light)


def _member_bytes(archive: zipfile.ZipFile, info: zipfile.ZipInfo, where: str) -> bytes | HealthlibError:
    if info.file_size > _MAX_MEMBER:
        return HealthlibError(f"member is too large to be one label ({info.file_size} bytes)", file=where)
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
        return HealthlibError(f"corrupt or truncated zip member ({error_words(exc)})", file=where)


def _parse_or_error(data: bytes, where: str, location: object, light: bool) -> Label | HealthlibError:
    try:
        return parse_spl(data, where, location=location, light=light)
    except HealthlibError as exc:
        return exc


def parse_spl(data: bytes, where: str, *, location: object = None, light: bool = False) -> Label:
    """One SPL document -> Label; HealthlibError (naming `where`) when it is not usable."""
    try:
        root = etree.fromstring(data, SAFE_PARSER)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if getattr(exc, "lineno", None) else None
        raise HealthlibError(f"invalid XML: {exc.msg}", file=where, line=line) from None
    if root.tag != f"{V}document":
        raise HealthlibError(f"not an SPL document (root element <{etree.QName(root).localname}>)", file=where)
    doc_code = _attr(root, "v:code", "code")
    if doc_code not in {loinc.RX_LABEL, loinc.OTC_LABEL}:
        kind = _attr(root, "v:code", "displayName") or doc_code or "unknown"
        raise NotADrugLabel(f"not a human prescription or OTC drug label ({kind})", file=where)
    set_id = _attr(root, "v:setId", "root")
    if not set_id:
        raise HealthlibError("the label has no set id (<setId root=...>)", file=where)
    if not re.fullmatch(r"[0-9A-Fa-f][0-9A-Fa-f\-]{7,63}", set_id):
        # it goes into the DailyMed address of every source: only a real id may
        raise HealthlibError(f"the label's set id is not a valid id ({set_id[:40]!r})", file=where)
    body = root.find("v:component/v:structuredBody", _NSMAP)
    top = body.findall("v:component/v:section", _NSMAP) if body is not None else []
    coded = [(_code(s), s) for s in top]
    products: list[Product] = []
    approvals: list[str] = []
    repackaged = False
    for code, section in coded:
        if code == loinc.PRODUCT_DATA:
            for product, approval, equivalent in _products(section, light):
                products.append(product)
                repackaged = repackaged or equivalent
                if approval:
                    approvals.append(approval)
    if light and not any(code == loinc.INDICATIONS for code, _ in coded):
        raise HealthlibError("the label states no use (no Indications or Uses section)", file=where)
    # The product data section is kept (empty: its products are read above) so facts read
    # from it can cite it.
    sections = [] if light else [Section(code=code) if code == loinc.PRODUCT_DATA else _section(s)
                                 for code, s in coded if code in _KEEP or code == loinc.PRODUCT_DATA]
    ingredients = list(dict.fromkeys(i for p in products for i in p.ingredients))
    return Label(
        fmt="spl", where=where, set_id=set_id.lower(),
        version=_attr(root, "v:versionNumber", "value"),
        effective=_date(_attr(root, "v:effectiveTime", "value")),
        rx_status="prescription" if doc_code == loinc.RX_LABEL else "otc",
        manufacturer=_text(root.find("v:author/v:assignedEntity/v:representedOrganization/v:name", _NSMAP)),
        products=products, ingredients=ingredients, sections=index_sections(sections),
        approval=approvals[0] if approvals else None, repackaged=repackaged,
        light=light, location=location,
    )


def _code(el: etree._Element) -> str | None:
    """The LOINC code of a section: its first <code> child (faster than a path search)."""
    for child in el.iterchildren(f"{V}code"):
        return child.get("code")
    return None


def _attr(el: etree._Element, path: str, name: str) -> str | None:
    found = el.find(path, _NSMAP)
    value = found.get(name) if found is not None else None
    return value.strip() if value else None


def _text(el: etree._Element | None) -> str | None:
    if el is None:
        return None
    text = " ".join("".join(el.itertext()).split())
    return text or None


def _date(value: str | None) -> dt.date | None:
    if not value or len(value) < 8:
        return None
    try:
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        return None


def _section(el: etree._Element) -> Section:
    title = _text(el.find("v:title", _NSMAP))
    number = None
    if title:
        head, _, rest = title.partition(" ")
        if rest and head.replace(".", "").isdigit():
            number, title = head.rstrip("."), rest.strip()
    text = el.find("v:text", _NSMAP)
    highlight = el.find("v:excerpt/v:highlight/v:text", _NSMAP)
    return Section(
        code=_code(el), title=title or None, number=number,
        parts=_parts(text) if text is not None else [],
        children=[_section(c) for c in el.findall("v:component/v:section", _NSMAP)],
        highlight=_parts(highlight) if highlight is not None else [],
    )


def _parts(text: etree._Element) -> list[Part]:
    parts: list[Part] = []
    loose: list[str] = [text.text or ""]

    def flush() -> None:
        words = " ".join("".join(loose).split())
        if words:
            parts.append(words)
        loose.clear()

    for child in text:
        tag = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if tag == "paragraph":
            flush()
            words = inline_text(child)
            if words:
                parts.append(words)
        elif tag == "list":
            flush()
            items = [inline_text(i) for i in child if isinstance(i.tag, str)]
            items = [i for i in items if i]
            if items:
                parts.append(items)
        elif tag == "table":
            flush()
            parts.append(table_from_element(child))
        elif tag in {"renderMultiMedia", "footnote"}:
            pass
        elif tag:
            loose.append(" " + inline_text(child) + " ")
        loose.append(child.tail or "")
    flush()
    return parts


def _products(section: etree._Element, light: bool = False) -> Iterator[tuple[Product, str | None, bool]]:
    """Each product the label covers, with its approval id and whether it is a repackaged copy.
    A light reading skips what only the guide needs (the route); strengths and appearance are
    read from every label, for the pill finder."""
    for outer in section.findall("v:subject/v:manufacturedProduct", _NSMAP):
        inner = outer.find("v:manufacturedProduct", _NSMAP)
        if inner is None:
            inner = outer.find("v:manufacturedMedicine", _NSMAP)  # older SPL
        if inner is None:
            continue
        ingredients, strengths = _ingredients(inner)
        if not ingredients:  # a kit: the active ingredients are in its parts
            for part in inner.findall("v:part/v:partProduct", _NSMAP):
                more, _ = _ingredients(part, light)
                ingredients.extend(i for i in more if i not in ingredients)
        approval = outer.find("v:subjectOf/v:approval/v:id", _NSMAP)
        name = inner.find("v:name", _NSMAP)
        looks = _looks(outer)
        ndc = inner.find("v:code", _NSMAP)
        if ndc is not None and ndc.get("codeSystem") == _NDC_SYSTEM and \
                _NDC.fullmatch(ndc.get("code") or ""):
            looks["ndc"] = ndc.get("code")
        yield Product(
            # <name>TRIAMINIC<suffix>Childrens Night Time ...</suffix></name>: words, not glued
            name=" ".join(" ".join(t.split()) for t in name.itertext() if t.strip()) or None
            if name is not None else None,
            form=_attr(inner, "v:formCode", "displayName"),
            route=None if light else _attr(outer, "v:consumedIn/v:substanceAdministration/v:routeCode", "displayName"),
            strengths=strengths, ingredients=ingredients, **looks,
        ), approval.get("extension") if approval is not None else None, \
            inner.find("v:asEquivalentEntity", _NSMAP) is not None


def _ingredients(product: etree._Element, light: bool = False) -> tuple[list[str], list[str]]:
    names: list[str] = []
    strengths: list[str] = []
    for ing in [*product.findall("v:ingredient", _NSMAP), *product.findall("v:activeIngredient", _NSMAP)]:
        if ing.tag == f"{V}ingredient" and ing.get("classCode") not in _ACTIVE:
            continue
        substance = ing.find("v:ingredientSubstance", _NSMAP)
        if substance is None:
            substance = ing.find("v:activeIngredientSubstance", _NSMAP)
        if substance is None:
            continue
        moiety = _text(substance.find("v:activeMoiety/v:activeMoiety/v:name", _NSMAP))
        name = base_ingredient(moiety or _text(substance.find("v:name", _NSMAP)) or "")
        if name and name not in names:
            names.append(name)
        strength = None if light else _strength(ing)
        if strength and strength not in strengths:
            strengths.append(strength)
    return names, strengths


def _strength(ing: etree._Element) -> str | None:
    num = ing.find("v:quantity/v:numerator", _NSMAP)
    den = ing.find("v:quantity/v:denominator", _NSMAP)
    if num is None or not num.get("value"):
        return None
    value, unit = _number(num.get("value")), num.get("unit") or ""
    if unit in {"", "1"}:
        return None
    text = f"{value} {unit}"
    if den is not None and den.get("value") and (den.get("unit") or "1") != "1":
        per = _number(den.get("value"))
        text += f" per {'' if per == '1' else per + ' '}{den.get('unit')}"
    return text


def _number(value: str) -> str:
    try:
        return f"{float(value):g}"
    except ValueError:
        return value


def _looks(outer: etree._Element) -> dict:
    """A product's appearance from its SPL characteristics, as Product fields. Values outside
    what the SPL rules allow are left out, never guessed."""
    found: dict = {}
    for char in outer.findall("v:subjectOf/v:characteristic", _NSMAP):
        code = _attr(char, "v:code", "code")
        value = char.find("v:value", _NSMAP)
        if code is None or value is None:
            continue
        if code == "SPLCOLOR":
            # a two-coloured capsule has one SPLCOLOR per colour
            color = " ".join((value.get("displayName") or "").lower().split())
            if color and color not in found.setdefault("colors", []):
                found["colors"].append(color)
        elif code == "SPLSHAPE" and value.get("displayName"):
            found["shape"] = " ".join(value.get("displayName", "").lower().split())
        elif code == "SPLIMPRINT" and _text(value):
            sides = [p.strip() for p in (_text(value) or "").split(";") if p.strip()]
            if sides:
                found["imprint"] = ";".join(sides)[:120]
        elif code == "SPLSIZE" and (value.get("unit") or "mm") == "mm":
            size = _float(value.get("value"))
            if size is not None and 0 < size <= 100:
                found["size_mm"] = size
        elif code == "SPLSCORE":
            pieces = _float(value.get("value"))
            if pieces is not None and 1 <= pieces <= 8 and pieces == int(pieces):
                found["score"] = int(pieces)
    return found


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None
