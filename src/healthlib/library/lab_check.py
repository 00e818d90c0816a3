"""`healthlib check` for the lab-test catalogue: each file, the catalogue as a whole, and what
needs the library (related guides that exist) or the composer (reading grade).

Every problem is one line naming the file, the line and the field.
"""

from __future__ import annotations

from pathlib import Path

from healthlib.compose.readability import readability
from healthlib.model.errors import HealthlibError
from healthlib.model.labtest import LabTest
from healthlib.readers.curated import builtin_paths as monograph_paths
from healthlib.readers.curated import line_of
from healthlib.readers.labs.catalogue import builtin_paths, catalogue_problems

MAX_FK_GRADE = 8.0


def entry_texts(test: LabTest) -> str:
    """Everything a test says in its own words, as one text for the reading-grade check."""
    facts = [test.measures, test.high, test.low, test.range_note, *test.affected_by]
    return " ".join([f.text for f in facts if f] + [c.text for c in test.critical])


def check_lab_catalogue(paths: list[Path] | None = None,
                        library_slugs: set[str] | None = None) -> tuple[int, list[str]]:
    """How many tests were read cleanly, and one line per problem."""
    files = paths if paths is not None else builtin_paths()
    tests, errors = catalogue_problems(files)
    problems = [str(e) for e in errors]
    slugs = library_slugs if library_slugs is not None else {p.stem for p in monograph_paths()}
    by_id = {p.stem: p for p in files}
    for test in tests:
        path = by_id.get(test.id)
        text = path.read_text(encoding="utf-8") if path else ""
        for i, slug in enumerate(test.related_guides):
            if slug not in slugs:
                problems.append(str(HealthlibError(
                    f"related guide '{slug}' is not in the library", file=str(path),
                    line=line_of(text, ["related_guides", i]), field=f"related_guides[{i}]")))
        grade = readability(entry_texts(test)).fk_grade
        if grade > MAX_FK_GRADE:
            problems.append(str(HealthlibError(
                f"Flesch-Kincaid grade {grade} is above {MAX_FK_GRADE:g}", file=str(path),
                line=line_of(text, ["measures"]), field="readability")))
    return len(tests), problems
