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
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Literal

from healthlib.library.build import build_library, iter_stored_monographs
from healthlib.library.lock import holding_write_lock
from healthlib.library.staging import Staging, guide_key
from healthlib.library.storage import reading
from healthlib.model.errors import HealthlibError
from healthlib.model.monograph import Monograph, Pill, Source
from healthlib.readers import openfda, spl
from healthlib.readers.grouping import Grouper, settle_brands
from healthlib.readers.label.identity import attach_pills

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


@dataclass(frozen=True)
class ImportProgress:
    """How far an import is, for a progress bar (the CLI draws it)."""

    stage: Literal["reading", "writing"]  # reading labels; composing and writing guides
    done: int  # labels read (and skipped) / guides written
    total: int | None  # labels in the files when the reader can tell; guides to write
    skipped: int = 0


ProgressCallback = Callable[[ImportProgress], None]


@holding_write_lock  # from reading the library as it is to swapping in the new one
def run_import(kind: Kind, paths: list[Path], db_path: Path, *, replace: bool = False,
               skip_bad: bool = False, progress: ProgressCallback | None = None) -> ImportSummary:
    """Import labels from `paths` into the library at `db_path` (created when missing).
    Raises HealthlibError, with the library file untouched, on the first bad input unless
    `skip_bad`, and when nothing at all could be imported. `progress` is told how far it is.

    Memory stays bounded by the number of guides, not labels: labels' sources and the guides
    made from them wait in a scratch database (staging.Staging) until the library is built."""
    if kind not in ("spl", "openfda"):
        raise HealthlibError(f"unknown label format '{kind}' (use spl or openfda)")
    if not paths:
        raise HealthlibError("no files to import")
    started = time.monotonic()
    db_path = Path(db_path)
    summary = ImportSummary(kind, db_path)
    existing = Existing.read(db_path)
    module = spl if kind == "spl" else openfda
    total: list[int | None] = [None]

    def tell(stage: Literal["reading", "writing"], done: int, count: int | None) -> None:
        if progress:
            progress(ImportProgress(stage, done, count, len(summary.skipped)))

    def set_total(n: int) -> None:
        total[0] = n

    with Staging() as staging:
        # First pass: every label's identity, to group them; the facts are read only from the
        # label each guide is written from (grouping.Grouper), reloaded in full at the end.
        grouper = Grouper(reload=module.reload, refs=staging.refs)

        def skip_or_bad(item: HealthlibError) -> None:
            if isinstance(item, spl.NotADrugLabel):  # reported, never an error
                summary.skipped.append(Skipped(item.file or "?", item.message))
            else:
                _bad(item, summary, skip_bad)

        grouper.add_all(module.iter_labels([Path(p) for p in paths], on_total=set_total, light=True),
                        on_error=skip_or_bad,
                        after_each=lambda: tell("reading", grouper.labels + len(summary.skipped), total[0]))
        summary.labels_read = grouper.labels
        for n, m in grouper.iter_monographs(on_error=lambda exc: _bad(exc, summary, skip_bad)):
            staging.add_guide(n, m)
        if not staging.count:
            reason = f" ({len(summary.skipped)} skipped)" if summary.skipped else ""
            raise HealthlibError(f"no label could be imported from {', '.join(str(p) for p in paths)}{reason}")
        plan = Plan.make(existing, staging, replace=replace, counts=grouper.label_counts())
        build_library(db_path, plan.monographs(existing, staging, db_path),
                      progress=lambda done, count: tell("writing", done, count))
    reports = plan.reports
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


def _label_sources(m: Monograph) -> list[Source]:
    """The whole-label sources of an imported guide (one per label, not per section)."""
    return [s for s in m.sources if s.set_id and s.id == f"spl-{s.set_id}"]


@dataclass
class Existing:
    """What the library holds before the import, kept small: each guide's slug, origin and
    medicine; curated guides (hand-written, a few hundred at most) in full."""

    order: list[str] = field(default_factory=list)  # slugs, in stored (slug) order
    origin: dict[str, str] = field(default_factory=dict)
    by_key: dict[tuple[str, ...], str] = field(default_factory=dict)  # medicine -> slug (last wins)
    curated: dict[str, Monograph] = field(default_factory=dict)

    @classmethod
    def read(cls, db_path: Path) -> Existing:
        found = cls()
        for m in iter_stored_monographs(db_path):
            found.order.append(m.slug)
            found.origin[m.slug] = m.origin
            found.by_key[guide_key(m)] = m.slug
            if m.origin == "curated":
                found.curated[m.slug] = m
        return found


@dataclass
class Plan:
    """What happens to each imported guide, decided from slugs and keys alone:
    - a curated guide for the same medicine keeps its text and gains the label sources
      (with `replace`, the imported guide takes its place);
    - a guide imported earlier is replaced, and the labels it listed stay listed;
    - anything else is a new guide, its slug made unique ("name-2")."""

    replacing: dict[str, int] = field(default_factory=dict)  # existing slug -> staged guide
    new: list[tuple[str, int]] = field(default_factory=list)  # (slug, staged guide), in order
    added_sources: dict[str, list[Source]] = field(default_factory=dict)  # curated slug -> sources
    added_pills: dict[str, list[Pill]] = field(default_factory=dict)  # curated slug -> labels' pills
    reports: list[GuideReport] = field(default_factory=list)

    @classmethod
    def make(cls, existing: Existing, staging: Staging, *, replace: bool = False,
             counts: dict[str, int] | None = None) -> Plan:
        counts = counts or {}
        plan = cls()
        taken = set(existing.order)
        for new in staging.guides():
            old = existing.by_key.get(new.key)
            labels = counts.get(new.slug, 1)
            if old is not None and existing.origin[old] == "curated" and not replace:
                curated = existing.curated[old]
                known = {s.id for s in curated.sources}
                staged = staging.guide(new.seq)
                added = [s for s in _label_sources(staged) if s.id not in known]
                if added:
                    plan.added_sources[old] = added
                # the labels' pills join the curated guide, for the pill finder
                plan.added_pills[old] = [p for f in staged.forms for p in f.pills]
                plan.reports.append(GuideReport(old, curated.title, "source added to curated", labels))
            elif old is not None:
                plan.replacing[old] = new.seq
                action = "updated" if existing.origin[old] == "label" else "replaced curated"
                plan.reports.append(GuideReport(old, new.title, action, labels))
            else:
                slug, n = new.slug, 2
                while slug in taken:  # same name, different ingredients
                    slug, n = f"{new.slug}-{n}", n + 1
                taken.add(slug)
                plan.new.append((slug, new.seq))
                plan.reports.append(GuideReport(slug, new.title, "new", labels))
        return plan

    def monographs(self, existing: Existing, staging: Staging, db_path: Path) -> Iterator[Monograph]:
        """The library after the import, one guide at a time: curated guides first, then the
        others in stored order with replacements in place, then the new ones; brand names
        settled across them all."""
        curated = []
        for slug in existing.order:
            if existing.origin[slug] == "curated" and slug not in self.replacing:
                m = existing.curated[slug]
                if slug in self.added_sources:
                    m = _revalidate(m, sources=[*m.sources, *self.added_sources[slug]])
                curated.append(attach_pills(m, self.added_pills.get(slug, [])))
        taken = {b.name.lower(): m.slug for m in curated for b in m.brand_names}
        return settle_brands(chain(curated, self._others(existing, staging, db_path)), taken)

    def _others(self, existing: Existing, staging: Staging, db_path: Path) -> Iterator[Monograph]:
        for old in iter_stored_monographs(db_path):
            seq = self.replacing.get(old.slug)
            if seq is not None:
                new = staging.guide(seq)
                if old.origin == "label":  # labels listed before stay listed
                    ids = {s.id for s in new.sources}
                    carried = {"sources": [*new.sources, *(s for s in _label_sources(old) if s.id not in ids)]}
                else:  # a curated guide's search words still find the guide that replaced it
                    carried = {"misspellings": old.misspellings, "conditions": old.conditions}
                yield attach_pills(_revalidate(new, slug=old.slug, **carried),
                                   [p for f in old.forms for p in f.pills])  # earlier labels' pills
            elif old.origin != "curated":
                yield old
        for slug, seq in self.new:
            m = staging.guide(seq)
            yield _revalidate(m, slug=slug) if slug != m.slug else m


def _revalidate(m: Monograph, **changes: object) -> Monograph:
    data = m.model_dump(by_alias=True)
    for name, value in changes.items():
        data[name] = [v.model_dump(by_alias=True) if hasattr(v, "model_dump") else v for v in value] \
            if isinstance(value, list) else value
    return Monograph.model_validate(data)


def _with_readability(db_path: Path, reports: list[GuideReport]) -> list[GuideReport]:
    """Each guide's reading grade, as the build scored it."""
    try:
        with reading(db_path) as conn:
            rows = dict((slug, (grade, words)) for slug, grade, words in
                        conn.execute("SELECT slug, fk_grade, words FROM articles"))
    except sqlite3.Error:
        return reports
    return [GuideReport(r.slug, r.title, r.action, r.labels, *rows.get(r.slug, (None, None))) for r in reports]
