"""Import official labels into a library: read, group, merge with what is there, rebuild.

    run_import("spl", [Path("dm_spl_release_human_rx_part1.zip")], db_path)

Labels are read one at a time (DailyMed SPL XML or openFDA JSON), grouped into one guide per
medicine, and merged with the guides already in the library:
- a curated (hand-written) guide for the same ingredient(s) keeps its text and gains the
  label as a dated source; with `replace=True` the label's guide takes its place instead;
- a guide imported earlier is replaced by the new import, and the labels it listed stay listed;
- anything else is a new guide.
The library is then rebuilt into a new file and swapped in (build_library), so a failed import
leaves the old library serving. A bad file or record stops the import with a message naming
it, unless `skip_bad`, which skips and reports it.
"""

from __future__ import annotations

import sqlite3
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TextIO

from healthlib.library.build import build_library, stored_monographs
from healthlib.model.errors import HealthlibError
from healthlib.model.monograph import Monograph, Source
from healthlib.readers import openfda, spl
from healthlib.readers.grouping import Grouper, ingredient_key, settle_brands
from healthlib.readers.label_identity import attach_pills

Kind = Literal["spl", "openfda"]


@dataclass(frozen=True)
class Skipped:
    where: str  # file, and member or record
    reason: str


@dataclass(frozen=True)
class GuideReport:
    slug: str
    title: str
    action: Literal["new", "updated", "replaced curated", "source added to curated"]
    labels: int  # labels behind this guide in this import
    fk_grade: float | None = None
    words: int | None = None


@dataclass
class ImportSummary:
    kind: Kind
    db_path: Path
    labels_read: int = 0
    guides_made: int = 0  # guides written from labels (new, updated or replacing curated)
    sources_added: int = 0  # curated guides that gained label sources
    skipped: list[Skipped] = field(default_factory=list)
    guides: list[GuideReport] = field(default_factory=list)
    seconds: float = 0.0

    def as_text(self) -> str:
        rate = f" ({self.labels_read / self.seconds:,.0f} labels/s)" if self.seconds > 0 else ""
        lines = [f"Imported {self.labels_read:,} label(s) ({self.kind}) into {self.db_path} "
                 f"in {self.seconds:.1f} s{rate}.",
                 f"Guides made from labels: {self.guides_made:,}. "
                 f"Curated guides given label sources: {self.sources_added:,}."]
        for g in self.guides[:50]:
            grade = f", reading grade {g.fk_grade:.1f} ({g.words:,} words)" if g.fk_grade is not None else ""
            lines.append(f"  {g.slug}: {g.action} from {g.labels} label(s){grade}")
        if len(self.guides) > 50:
            lines.append(f"  ... and {len(self.guides) - 50:,} more")
        if self.skipped:
            lines.append(f"Skipped: {len(self.skipped):,}")
            for s in self.skipped[:50]:
                lines.append(f"  {s.where}: {s.reason}")
            if len(self.skipped) > 50:
                lines.append(f"  ... and {len(self.skipped) - 50:,} more")
        else:
            lines.append("Skipped: none.")
        return "\n".join(lines)

    __str__ = as_text


def run_import(kind: Kind, paths: list[Path], db_path: Path, *, replace: bool = False,
               skip_bad: bool = False, progress: bool = True) -> ImportSummary:
    """Import labels from `paths` into the library at `db_path` (created when missing).
    Raises HealthlibError, with the library file untouched, on the first bad input unless
    `skip_bad`, and when nothing at all could be imported."""
    if kind not in ("spl", "openfda"):
        raise HealthlibError(f"unknown label format '{kind}' (use spl or openfda)")
    if not paths:
        raise HealthlibError("no files to import")
    started = time.monotonic()
    db_path = Path(db_path)
    summary = ImportSummary(kind, db_path)
    existing = stored_monographs(db_path)
    bar = Progress(kind, enabled=progress)
    module = spl if kind == "spl" else openfda
    # First pass: every label's identity, to group them; the facts are read only from the
    # label each guide is written from (grouping.Grouper), reloaded in full at the end.
    grouper = Grouper(reload=module.reload)
    try:
        for item in module.iter_labels([Path(p) for p in paths], on_total=bar.set_total, light=True):
            if isinstance(item, spl.NotADrugLabel):
                summary.skipped.append(Skipped(item.file or "?", item.message))
            elif isinstance(item, HealthlibError):
                _bad(item, summary, skip_bad)
            else:
                try:
                    grouper.add(item)
                    summary.labels_read += 1
                except HealthlibError as exc:
                    _bad(exc, summary, skip_bad)
            bar.update(summary.labels_read, len(summary.skipped))
    finally:
        bar.close(summary.labels_read, len(summary.skipped))
    imported = grouper.monographs(on_error=lambda exc: _bad(exc, summary, skip_bad))
    if not imported:
        reason = f" ({len(summary.skipped)} skipped)" if summary.skipped else ""
        raise HealthlibError(f"no label could be imported from {', '.join(str(p) for p in paths)}{reason}")
    counts = grouper.label_counts()
    final, reports = merge(existing, imported, replace=replace, counts=counts)
    build_library(db_path, final)
    summary.guides = _with_readability(db_path, reports)
    summary.guides_made = sum(1 for r in reports if r.action != "source added to curated")
    summary.sources_added = sum(1 for r in reports if r.action == "source added to curated")
    summary.seconds = time.monotonic() - started
    return summary


def _bad(error: HealthlibError, summary: ImportSummary, skip_bad: bool) -> None:
    if not skip_bad:
        raise error
    where = error.file or "?"
    if error.line:
        where += f":{error.line}"
    if error.field:
        where += f" {error.field}"
    summary.skipped.append(Skipped(where, error.message))


def _key(m: Monograph) -> tuple[str, ...]:
    return ingredient_key(m.ingredients or [m.generic_name])


def _label_sources(m: Monograph) -> list[Source]:
    """The whole-label sources of an imported guide (one per label, not per section)."""
    return [s for s in m.sources if s.set_id and s.id == f"spl-{s.set_id}"]


def merge(existing: list[Monograph], imported: list[Monograph], *, replace: bool = False,
          counts: dict[str, int] | None = None) -> tuple[list[Monograph], list[GuideReport]]:
    """The library's monographs after an import, and what happened to each imported guide."""
    counts = counts or {}
    by_key = {_key(m): m for m in existing}
    out: dict[str, Monograph] = {m.slug: m for m in existing}
    reports: list[GuideReport] = []
    for new in imported:
        old = by_key.get(_key(new))
        labels = counts.get(new.slug, 1)
        if old is not None and old.origin == "curated" and not replace:
            known = {s.id for s in old.sources}
            added = [s for s in _label_sources(new) if s.id not in known]
            kept = _revalidate(old, sources=[*old.sources, *added]) if added else out[old.slug]
            # the labels' pills join the curated guide, for the pill finder
            out[old.slug] = attach_pills(kept, [p for f in new.forms for p in f.pills])
            reports.append(GuideReport(old.slug, old.title, "source added to curated", labels))
            continue
        if old is not None:
            carried = {}
            if old.origin == "label":  # labels listed before stay listed
                ids = {s.id for s in new.sources}
                carried = {"sources": [*new.sources, *(s for s in _label_sources(old) if s.id not in ids)]}
            else:  # a curated guide's search words still find the guide that replaced it
                carried = {"misspellings": old.misspellings, "conditions": old.conditions}
            out[old.slug] = attach_pills(_revalidate(new, slug=old.slug, **carried),
                                         [p for f in old.forms for p in f.pills])  # earlier labels' pills
            action = "updated" if old.origin == "label" else "replaced curated"
            reports.append(GuideReport(old.slug, new.title, action, labels))
            continue
        slug = new.slug
        n = 2
        while slug in out:  # same name, different ingredients
            slug, n = f"{new.slug}-{n}", n + 1
        out[slug] = _revalidate(new, slug=slug) if slug != new.slug else new
        reports.append(GuideReport(slug, new.title, "new", labels))
    ordered = [*(m for m in out.values() if m.origin == "curated"), *(m for m in out.values() if m.origin != "curated")]
    taken = {b.name.lower(): m.slug for m in ordered if m.origin == "curated" for b in m.brand_names}
    return settle_brands(ordered, taken), reports


def _revalidate(m: Monograph, **changes: object) -> Monograph:
    data = m.model_dump(by_alias=True)
    for name, value in changes.items():
        data[name] = [v.model_dump(by_alias=True) if hasattr(v, "model_dump") else v for v in value] \
            if isinstance(value, list) else value
    return Monograph.model_validate(data)


def _with_readability(db_path: Path, reports: list[GuideReport]) -> list[GuideReport]:
    """Each guide's reading grade, as the build scored it."""
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            rows = dict((slug, (grade, words)) for slug, grade, words in
                        conn.execute("SELECT slug, fk_grade, words FROM articles"))
        finally:
            conn.close()
    except sqlite3.Error:
        return reports
    return [GuideReport(r.slug, r.title, r.action, r.labels, *rows.get(r.slug, (None, None))) for r in reports]


class Progress:
    """A one-line progress bar on stderr: labels read, total when known, rate, skipped."""

    def __init__(self, kind: str, *, enabled: bool = True, stream: TextIO | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.kind = kind
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.clock = clock
        self.total: int | None = None
        self.started = clock()
        self.last = 0.0
        self.shown = False

    def set_total(self, total: int) -> None:
        self.total = total

    def line(self, done: int, skipped: int) -> str:
        elapsed = max(self.clock() - self.started, 1e-9)
        rate = done / elapsed
        if self.total:
            share = min(1.0, (done + skipped) / self.total)
            bar = "#" * int(share * 24)
            head = f"[{bar:<24}] {done + skipped:,}/{self.total:,}"
        else:
            head = f"{done + skipped:,}"
        tail = f", {skipped:,} skipped" if skipped else ""
        return f"{self.kind}: {head} labels, {rate:,.0f}/s{tail}"

    def update(self, done: int, skipped: int) -> None:
        now = self.clock()
        if self.enabled and now - self.last >= 0.2:
            self.last = now
            self.stream.write("\r" + self.line(done, skipped).ljust(78))
            self.stream.flush()
            self.shown = True

    def close(self, done: int, skipped: int) -> None:
        if self.enabled:
            self.stream.write("\r" + self.line(done, skipped).ljust(78) + "\n")
            self.stream.flush()
