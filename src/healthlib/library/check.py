"""`healthlib check`: validate monographs one by one, then the library as a whole.

Each guide is also composed, so the report can show its sections, sources and reading grade,
and flag any guide above the reading-grade limit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from healthlib.compose.article import compose_article
from healthlib.compose.style import style_problems
from healthlib.library.lab_check import check_lab_catalogue
from healthlib.model.collection import class_problems, library_problems
from healthlib.model.errors import HealthlibError
from healthlib.model.monograph import Monograph
from healthlib.model.rules import content_problems
from healthlib.readers.curated import builtin_paths, read_monograph
from healthlib.readers.drug_classes import drug_classes_path, read_drug_classes

MAX_FK_GRADE = 8.0


@dataclass(frozen=True)
class GuideRow:
    slug: str
    sections: int
    sources: int
    fk_grade: float


@dataclass
class CheckReport:
    rows: list[GuideRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    lab_tests: int = 0  # lab-test catalogue entries checked (a full check only)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_monographs(paths: list[Path] | None = None) -> CheckReport:
    report = CheckReport()
    monographs: list[Monograph] = []
    for path in paths or builtin_paths():
        try:
            monographs.append(read_monograph(path))
        except HealthlibError as exc:
            report.problems.append(str(exc))
    paths_by_slug = {p.stem: p for p in (paths or builtin_paths())}
    # checking a few files: their alternatives may point to any built-in guide
    others = [p.stem for p in builtin_paths()] if paths else []
    try:
        classes = read_drug_classes()
    except HealthlibError as exc:
        report.problems.append(str(exc))
        classes = None
    for slug, field_name, problem in library_problems(monographs, curated=True, other_slugs=others,
                                                      classes=classes):
        report.problems.append(f"{paths_by_slug.get(slug, slug)}: {field_name}: {problem}")
    for m in monographs:
        for field_name, problem in content_problems(m):
            report.problems.append(f"{paths_by_slug.get(m.slug, m.slug)}: {field_name}: {problem}")
    if classes is not None:
        every_slug = {m.slug for m in monographs} | set(others)
        for class_id, field_name, problem in class_problems(classes, every_slug):
            report.problems.append(f"{drug_classes_path()}: {class_id}.{field_name}: {problem}")
    titles = {m.slug: m.title for m in monographs}
    for m in monographs:
        article = compose_article(m, titles)
        grade = article.readability.fk_grade
        report.rows.append(GuideRow(m.slug, len(article.sections), len(m.sources), grade))
        for problem in style_problems(article):
            report.problems.append(f"{paths_by_slug.get(m.slug, m.slug)}: style: {problem.where}: "
                                   f"{problem.rule}: {problem.text[:100]}")
        if grade > MAX_FK_GRADE:
            report.problems.append(
                f"{paths_by_slug.get(m.slug, m.slug)}: readability: Flesch-Kincaid grade {grade} is above {MAX_FK_GRADE:g}")
    if not paths:  # the whole built-in library: check the lab-test catalogue too
        report.lab_tests, lab_problems = check_lab_catalogue()
        report.problems.extend(lab_problems)
    return report
