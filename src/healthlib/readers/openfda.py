"""Reader for openFDA drug label JSON: an API response ({"meta": ..., "results": [...]}), the
bulk download files (`drug-label-*.json`, or zipped as `.json.zip`), or a bare JSON array.

The bulk files hold over a hundred thousand labels, so records are streamed one at a time:
`JsonArrayStream` reads the text in chunks and hands each array item to the C JSON decoder
(`raw_decode`), which keeps memory at one chunk plus one record whatever the file size, and
speed close to `json.loads` itself. openFDA names each field after its label section
(`indications_and_usage` is LOINC 34067-9), so records become the same `Label` shape the SPL
reader makes. Problems are yielded as HealthlibError values naming the file and record.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

import lxml.html
from lxml import etree

from healthlib.model.errors import HealthlibError
from healthlib.model.monograph import Monograph
from healthlib.model.names import base_ingredient
from healthlib.readers import loinc
from healthlib.readers.grouping import Grouper
from healthlib.readers.input_files import error_words, is_regular_file, open_zip, unreadable_input
from healthlib.readers.label.document import (
    Label,
    Part,
    Product,
    Section,
    index_sections,
    table_from_element,
)

CHUNK = 1 << 20  # characters read at a time
# Limits that keep memory bounded whatever a file holds. Real openFDA label records are at most
# a few MB, and their longest section well under 1 MB; a record or field past these is an error
# for that record (skipped with --skip-bad), and reading goes on after it.
MAX_RECORD = 8 << 20  # characters in one record
MAX_FIELD = 2 << 20  # characters in one field (a label section)
MAX_UNZIPPED = 4 << 30  # bytes of one .json member of a zip, as declared (zipfile reads no more)
_TABLE_CODES = {loinc.ADVERSE_REACTIONS, loinc.DOSAGE, loinc.DRUG_INTERACTIONS}
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_OUTSIDE_STRINGS = re.compile(r'[^"\[\]{}]*')  # up to the next string or bracket
_STRING_BODY = re.compile(r'[^"\\]*(?:\\.[^"\\]*)*')  # up to the closing quote (or the end)


class RecordError(HealthlibError):
    """One record that cannot be used (too large, nested too deeply): the stream has moved
    past it, so reading goes on with the next record."""
_DECODER = json.JSONDecoder()


class JsonArrayStream:
    """Items of the top-level JSON array, or of the top-level object's "results" array, one at
    a time. A single JSON object that is not such an envelope is one item."""

    def __init__(self, handle: TextIO, name: str, on_total: Callable[[int], None] | None = None) -> None:
        self._handle = handle
        self._name = name
        self._on_total = on_total
        self._buf = ""
        self._pos = 0
        self._dropped = 0  # characters already discarded from the front of the buffer
        self._eof = False
        self._in_array = False
        self._hold = False  # the buffer's start is still needed (an object not yet known as a record)
        self.count = 0  # items read so far
        self.last_size = 0  # characters of the last value read

    # -- buffer

    def _fill(self) -> bool:
        if self._eof:
            return False
        try:
            more = self._handle.read(min(max(CHUNK, len(self._buf) - self._pos), MAX_RECORD))
        except UnicodeDecodeError as exc:
            raise self._error(f"the file is not UTF-8 text ({exc.reason})") from None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            raise self._error(f"corrupt or truncated file ({error_words(exc)})") from None
        if not more:
            self._eof = True
            return False
        self._buf += more
        return True

    def _compact(self) -> None:
        if self._pos > CHUNK:
            self._dropped += self._pos
            self._buf = self._buf[self._pos:]
            self._pos = 0

    def _skip_ws(self) -> str:
        """The next character after whitespace, '' at the end of the input."""
        while True:
            self._pos = _WHITESPACE.match(self._buf, self._pos).end()
            if self._pos < len(self._buf):
                return self._buf[self._pos]
            if not self._hold:  # all of it read: drop it, so a file of spaces never piles up
                self._dropped += len(self._buf)
                self._buf, self._pos = "", 0
            elif len(self._buf) > MAX_RECORD:
                raise self._error(f"a record is larger than {MAX_RECORD >> 20} MB")
            if not self._fill():
                return ""

    def _value(self, record: bool = False) -> object:
        """The next JSON value. For a `record`, one too large or nested too deeply is skipped
        and reported as RecordError."""
        last_error: int | None = None
        too_large = f"the record is larger than {MAX_RECORD >> 20} MB, more than any real label"
        while True:
            try:
                value, end = _DECODER.raw_decode(self._buf, self._pos)
            except RecursionError:
                deep = "the record is nested more deeply than any label could be"
                if record:
                    self._skip_record()
                    raise self._record_error(deep) from None
                raise self._error(deep) from None
            except json.JSONDecodeError as exc:
                # Out of data, or really broken? Read on; an error that stays at the same place
                # after more text arrived is a real one (an unterminated string may just be long).
                broken = exc.pos == last_error and not exc.msg.startswith("Unterminated string")
                if not broken and len(self._buf) - self._pos > MAX_RECORD:
                    if record:
                        self._skip_record()
                        raise self._record_error(too_large) from None
                    raise self._error(f"a record is larger than {MAX_RECORD >> 20} MB") from None
                if not broken and self._fill():
                    last_error = exc.pos
                    continue
                what = "invalid JSON" if broken or exc.pos < len(self._buf.rstrip()) - 1 else \
                    "truncated JSON"
                raise self._error(f"{what}: {exc.msg} (character {self._dropped + exc.pos + 1})") from None
            if end >= len(self._buf) and not isinstance(value, dict | list | str) and self._fill():
                continue  # a number may go on in the next chunk
            if record and end - self._pos > MAX_RECORD:
                self._pos = end
                raise self._record_error(too_large)
            self.last_size = end - self._pos
            self._pos = end
            return value

    def _skip_record(self) -> None:
        """Move past the record (object or array) that starts at the read position, by its
        brackets and strings alone, without building it: memory stays at about one chunk."""
        depth, in_string, pos = 0, False, self._pos
        while True:
            buf = self._buf
            while pos < len(buf):
                if in_string:
                    pos = _STRING_BODY.match(buf, pos).end()
                    if pos < len(buf) and buf[pos] == '"':
                        in_string, pos = False, pos + 1
                        continue
                    break  # the string (or an escape) goes on in the next chunk
                pos = _OUTSIDE_STRINGS.match(buf, pos).end()
                if pos >= len(buf):
                    break
                c = buf[pos]
                pos += 1
                if c == '"':
                    in_string = True
                elif c in "[{":
                    depth += 1
                elif depth <= 1:  # the record's own closing bracket
                    self._pos = pos
                    return
                else:
                    depth -= 1
            self._dropped += pos
            self._buf, self._pos, pos = buf[pos:], 0, 0
            if not self._fill():
                raise self._error("the file ends in the middle of a record (truncated?)")

    def _record_error(self, message: str) -> RecordError:
        return RecordError(message, file=f"{self._name} record {self.count + 1}")

    def _error(self, message: str) -> HealthlibError:
        where = f"{self._name} record {self.count + 1}" if self._in_array else self._name
        return HealthlibError(message, file=where)

    # -- structure

    def __iter__(self) -> Iterator[object]:
        first = self._skip_ws()
        if first == "[":
            yield from self._array()
        elif first == "{":
            yield from self._object()
        elif first == "":
            raise self._error("the file is empty")
        else:
            raise self._error("not JSON: expected an object or an array")
        if self._skip_ws() != "":
            raise self._error("unexpected data after the end of the JSON")

    def _object(self) -> Iterator[object]:
        start = self._pos
        self._pos += 1
        found = False
        self._hold = True  # until the first field shows whether this is an envelope or a record
        while True:
            c = self._skip_ws()
            if c == "}":
                self._pos += 1
                break
            if c != '"':
                raise self._error("invalid JSON: expected a field name")
            key = self._value()
            if self._skip_ws() != ":":
                raise self._error("invalid JSON: expected ':' after a field name")
            self._pos += 1
            c = self._skip_ws()
            self._hold = False
            if key == "results" and c == "[":
                found = True
                yield from self._array()
            elif key in {"meta", "results"} or found:
                value = self._value()
                if key == "meta" and self._on_total and isinstance(value, dict):
                    total = (value.get("results") or {}).get("total")
                    if isinstance(total, int):
                        self._on_total(total)
            else:
                # not an envelope: the object is itself one label record
                self._pos = start
                record = self._value()
                self.count += 1
                yield record
                return
            c = self._skip_ws()
            if c == ",":
                self._pos += 1
            elif c != "}":
                raise self._error("invalid JSON: expected ',' or '}'")
        if not found:
            raise self._error('no "results" array in the JSON object')

    def _array(self) -> Iterator[object]:
        self._pos += 1
        self._in_array = True
        if self._skip_ws() == "]":
            self._pos += 1
            return
        while True:
            self._compact()
            if self._skip_ws() == "":
                raise self._error("the file ends in the middle of the results (truncated?)")
            try:
                item = self._value(record=True)
            except RecordError as exc:
                item = exc
            self.count += 1
            yield item
            c = self._skip_ws()
            if c == ",":
                self._pos += 1
            elif c == "]":
                self._pos += 1
                self._in_array = False
                return
            elif c == "":
                raise self._error("the file ends in the middle of the results (truncated?)")
            else:
                raise self._error(f"invalid JSON: expected ',' or ']' after record {self.count}")


def iter_labels(paths: Iterable[Path], on_total: Callable[[int], None] | None = None, *,
                light: bool = False) -> Iterator[Label | HealthlibError]:
    """Every label record in `paths`; problems come as HealthlibError values. A record that
    cannot be used is reported and reading goes on; broken JSON ends that file. `light` labels
    carry identity only; `reload` reads the chosen ones in full."""
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.name.lower().endswith((".json", ".zip"))
                                and is_regular_file(p)))
        else:
            files.append(path)
    totals: dict[str, int] = {}

    def total(name: str) -> Callable[[int], None]:
        def report(n: int) -> None:
            totals[name] = n
            if on_total:
                on_total(sum(totals.values()))
        return report

    for path in files:
        problem = unreadable_input(path)
        if problem is not None:
            yield problem
            continue
        if path.suffix.lower() == ".zip":
            yield from _read_zip(path, total, light)
            continue
        try:
            handle = open(path, encoding="utf-8", newline="")  # noqa: SIM115 -- closed below
        except OSError as exc:
            yield HealthlibError(f"cannot read file ({exc.strerror or exc})", file=str(path))
            continue
        with handle:
            yield from _read_stream(handle, str(path), total(str(path)), (str(path), None), light)


def reload(labels: list[Label]) -> Iterator[tuple[Label, Label | HealthlibError]]:
    """Each light label read again in full: every file is streamed once more, and only the
    wanted records are turned into labels."""
    by_source: dict[tuple[str, str | None], dict[int, Label]] = {}
    for label in labels:
        source, index = label.location  # type: ignore[misc]
        by_source.setdefault(source, {})[index] = label
    for (path, member), wanted in by_source.items():
        found = 0
        try:
            with _open_source(path, member) as handle:
                stream = JsonArrayStream(handle, path if member is None else f"{path} [{member}]")
                for item in stream:
                    label = wanted.get(stream.count)
                    if label is None:
                        continue
                    try:
                        if isinstance(item, dict) and stream.last_size > MAX_FIELD:
                            _check_field_sizes(item, label.where)
                        yield label, record_label(item, label.where) if isinstance(item, dict) else \
                            HealthlibError("a label record must be a JSON object", file=label.where)
                    except HealthlibError as exc:
                        yield label, exc
                    found += 1
                    if found == len(wanted):
                        break
        except (HealthlibError, OSError, zipfile.BadZipFile, KeyError) as exc:
            error = exc if isinstance(exc, HealthlibError) else HealthlibError(
                f"cannot read the file again ({error_words(exc)})", file=path)
            for label in wanted.values():
                yield label, error


@contextmanager
def _open_source(path: str, member: str | None) -> Iterator[TextIO]:
    """A bulk file, or one .json member of a zip, as text."""
    if member is None:
        with open(path, encoding="utf-8", newline="") as handle:
            yield handle
        return
    with zipfile.ZipFile(path) as archive, archive.open(member) as raw, \
            io.TextIOWrapper(raw, encoding="utf-8", newline="") as handle:
        yield handle


def read_openfda(paths: Iterable[Path]) -> list[Monograph]:
    """The guides in `paths`, grouped by medicine; raises HealthlibError on the first problem."""
    return Grouper(reload=reload).add_all(iter_labels(paths, light=True)).monographs()


def _read_zip(path: Path, total: Callable[[str], Callable[[int], None]], light: bool
              ) -> Iterator[Label | HealthlibError]:
    archive = open_zip(path, str(path))
    if isinstance(archive, HealthlibError):
        yield archive
        return
    with archive:
        members = [i for i in archive.infolist() if i.filename.lower().endswith(".json")]
        if not members:
            yield HealthlibError("the zip archive holds no .json file", file=str(path))
        for info in members:
            name = f"{path} [{info.filename}]"
            if info.file_size > MAX_UNZIPPED:
                yield HealthlibError(f"the member unzips to {info.file_size / (1 << 30):,.1f} GB, more than "
                                     f"any openFDA file (limit {MAX_UNZIPPED >> 30} GB)", file=name)
                continue
            try:
                raw = archive.open(info)
            except (zipfile.BadZipFile, OSError, NotImplementedError) as exc:
                yield HealthlibError(f"corrupt zip member ({error_words(exc)})", file=name)
                continue
            with raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as handle:
                yield from _read_stream(handle, name, total(name), (str(path), info.filename), light)


def _read_stream(handle: TextIO, name: str, on_total: Callable[[int], None], source: tuple[str, str | None],
                 light: bool) -> Iterator[Label | HealthlibError]:
    stream = JsonArrayStream(handle, name, on_total)
    try:
        for item in stream:
            where = f"{name} record {stream.count}"
            if isinstance(item, RecordError):
                yield item
                continue
            if not isinstance(item, dict):
                yield HealthlibError("a label record must be a JSON object", file=where)
                continue
            try:
                if stream.last_size > MAX_FIELD:  # only a record this large can hold a field too long
                    _check_field_sizes(item, where)
                yield record_label(item, where, light=light, location=(source, stream.count))
            except HealthlibError as exc:
                yield exc
    except HealthlibError as exc:
        yield exc  # broken JSON: nothing after it in this file can be trusted


# ---------------------------------------------------------------------------------------------
# One record -> Label


def _first(value: object) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str) and v.strip()]
    return []


_OTC_ONLY = {"purpose", "keep_out_of_reach_of_children", "do_not_use", "stop_use", "ask_doctor",
             "when_using", "active_ingredient"}
_RX_ONLY = {"contraindications", "adverse_reactions", "clinical_pharmacology", "overdosage",
            "warnings_and_cautions", "use_in_specific_populations"}


def record_label(record: dict, where: str, *, light: bool = False, location: object = None) -> Label:
    """One openFDA label record -> Label; HealthlibError when it lacks what a guide needs."""
    of = record.get("openfda") if isinstance(record.get("openfda"), dict) else {}
    set_id = _first(record.get("set_id")) or _first(of.get("spl_set_id"))
    if not set_id or not re.fullmatch(r"[0-9A-Fa-f\-]{8,64}", set_id):
        raise HealthlibError("the record has no valid set_id", file=where)
    substances = _strings(of.get("substance_name"))
    if not substances:
        generic = _first(of.get("generic_name"))
        substances = [p for p in re.split(r",\s*|\s+and\s+", generic, flags=re.I) if p.strip()] if generic else []
    ingredients = list(dict.fromkeys(b for s in substances if (b := base_ingredient(s))))
    if not ingredients:
        raise HealthlibError("the record names no active ingredient (openfda.substance_name and "
                             "openfda.generic_name are missing)", file=where)
    product_type = (_first(of.get("product_type")) or "").upper()
    if "OTC" in product_type:
        status = "otc"
    elif "PRESCRIPTION" in product_type:
        status = "prescription"
    elif any(record.get(f) for f in _OTC_ONLY):
        status = "otc"  # Drug Facts sections appear only on OTC labels
    elif any(record.get(f) for f in _RX_ONLY):
        status = "prescription"
    else:
        raise HealthlibError("cannot tell whether this is a prescription or OTC label "
                             "(no openfda.product_type)", file=where)
    if light and not _strings(record.get("indications_and_usage")):
        raise HealthlibError("the label states no use (no Indications or Uses section)", file=where)
    top: list[Section] = []
    for field_name, code in () if light else loinc.openfda_fields().items():
        if code not in loinc.USED and code != loinc.UNCLASSIFIED:
            continue
        texts = _strings(record.get(field_name))
        tables = _strings(record.get(f"{field_name}_table")) if code in _TABLE_CODES else []
        if texts or tables:
            top.append(_section(code, texts, tables))
    original = of.get("is_original_packager")
    product = Product(
        name=_first(of.get("brand_name")), form=_first(of.get("dosage_form")), route=_first(of.get("route")),
        strengths=_strengths(_strings(of.get("rxstring")), ingredients), ingredients=ingredients,
    )
    return Label(
        fmt="openfda", where=where, set_id=set_id.lower(), version=_first(record.get("version")),
        effective=_date(_first(record.get("effective_time"))), rx_status=status,
        manufacturer=_first(of.get("manufacturer_name")), products=[product], ingredients=ingredients,
        sections=index_sections(top), approval=_first(of.get("application_number")),
        repackaged=isinstance(original, list) and original[:1] == [False],
        pharm_class=_strings(of.get("pharm_class_epc")), brand_hint=_first(of.get("brand_name")),
        light=light, location=location,
    )


def _check_field_sizes(record: dict, where: str) -> None:
    """A field longer than any real label section is an error for the record, not a guide page
    hundreds of MB long."""
    of = record.get("openfda")
    fields = [*record.items(), *(of.items() if isinstance(of, dict) else ())]
    for name, value in fields:
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and len(text) > MAX_FIELD:
                raise HealthlibError(f"the field is {len(text):,} characters long, longer than any real "
                                     f"label section (limit {MAX_FIELD:,})", file=where, field=name)


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    digits = re.sub(r"\D", "", value)
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8])) if len(digits) >= 8 else None
    except ValueError:
        return None


def _strengths(rxstrings: list[str], ingredients: list[str]) -> list[str]:
    """'atorvastatin calcium 10 MG Oral Tablet [Lipitor]' -> '10 mg' (single-ingredient only:
    for a mix, which figure belongs to which ingredient is not stated reliably)."""
    if len(ingredients) != 1:
        return []
    found: list[str] = []
    for text in rxstrings:
        m = re.search(r"(\d+(?:\.\d+)?)\s*(MG|MCG|G|UNT|MEQ)(?:/(\d*\.?\d*)\s*(ML))?\b", text, re.I)
        if m:
            unit = {"UNT": "units", "MEQ": "mEq"}.get(m.group(2).upper(), m.group(2).lower())
            strength = f"{float(m.group(1)):g} {unit}"
            if m.group(4):
                strength += f" per {m.group(3) + ' ' if m.group(3) not in {'', '1'} else ''}mL"
            if strength not in found:
                found.append(strength)
    return found


# Headings as labels print them, tried before the LOINC name (Drug Facts says "Directions").
_HEADINGS = {
    loinc.INDICATIONS: r"indications?(?: and| &) usage|uses?",
    loinc.DOSAGE: r"dosage(?: and| &) administration|directions",
    loinc.PURPOSE: r"purposes?",
    loinc.ACTIVE_INGREDIENT: r"active ingredients?(?:\s*\([^)]*\))?",
    loinc.WARNINGS: r"warnings?",
    loinc.DO_NOT_USE: r"do not use",
    loinc.ASK_DOCTOR: r"ask a doctor before use if (?:you have|the child has|you are)",
    loinc.ASK_DOCTOR_PHARMACIST: r"ask a doctor or pharmacist before use if (?:you are|the child is)",
    loinc.STOP_USE: r"stop use and ask a doctor if",
    loinc.WHEN_USING: r"when using this product",
    loinc.STORAGE: r"other information|storage(?: and handling)?",
    loinc.BOXED_WARNING: r"(?:boxed )?warning",
}


def _strip_heading(code: str, text: str) -> tuple[str | None, str]:
    """openFDA text starts with the section's heading ("1 INDICATIONS AND USAGE LIPITOR is ...",
    "Directions • ..."): (the heading as printed, the text after it)."""
    known = loinc.codes().get(code)
    names = [_HEADINGS[code]] if code in _HEADINGS else []
    if known:
        names.append(re.escape(known.name).replace(r"\ \&\ ", r"\s*(?:&|and)\s*").replace(r"\ ", r"\s+"))
    for name in names:
        m = re.match(rf"^\s*(?:\d+(?:\.\d+)?\s+)?({name})(?:\s+section)?\s*:?\s+(?=\S)", text, re.I)
        if m:
            return m.group(1), text[m.end():]
    return None, text


# "... once daily. 2.2 Heterozygous Familial ..." -> a new numbered subsection starts
_SUBSECTION = re.compile(r"\s(?=\d{1,2}\.\d{1,2}\s+[A-Z][a-z])")


def _section(code: str, texts: list[str], tables: list[str]) -> Section:
    parts: list[Part] = []
    children: list[Section] = []
    title = None
    for n, text in enumerate(texts):
        text = " ".join(text.split())
        if n == 0:
            title, text = _strip_heading(code, text)
        pieces = _SUBSECTION.split(text)
        if pieces[0].strip():
            parts.append(pieces[0].strip())
        for piece in pieces[1:]:
            number = piece.split(" ", 1)[0]
            children.append(Section(code=None, number=number, parts=[piece.strip()]))
    for html in tables:
        table = _table(html)
        if table is not None:
            parts.append(table)
    return Section(code=code, title=title, parts=parts, children=children)


def _table(html: str) -> object | None:
    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    table = root if root.tag == "table" else root.find(".//table")
    return table_from_element(table) if table is not None else None
