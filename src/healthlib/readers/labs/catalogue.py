"""The lab-test catalogue's files: one YAML file per test under `healthlib/data/labtests/`,
read and validated, then indexed (`model/lab_catalogue.py`) by every name a report may print."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from healthlib.model.errors import HealthlibError
from healthlib.model.lab_catalogue import LabCatalogue, normalise_name
from healthlib.model.labtest import LabTest
from healthlib.model.monograph import Source
from healthlib.readers.curated import line_of, read_yaml_model

__all__ = ["LabCatalogue", "builtin_catalogue", "builtin_dir", "builtin_paths", "catalogue_problems",
           "load_catalogue", "normalise_name", "read_labtest"]


def builtin_dir() -> Path:
    return Path(str(resources.files("healthlib") / "data" / "labtests"))


def builtin_paths() -> list[Path]:
    return sorted(builtin_dir().glob("*.yaml"))


def read_labtest(path: Path) -> LabTest:
    """Parse and validate one catalogue file, or raise HealthlibError(file, line, field)."""
    test, text = read_yaml_model(path, LabTest, "a lab test")
    if test.id != path.stem:
        raise HealthlibError(f"id '{test.id}' does not match the file name '{path.stem}'",
                             file=str(path), line=line_of(text, ["id"]), field="id")
    return test


def catalogue_problems(paths: list[Path] | None = None) -> tuple[list[LabTest], list[HealthlibError]]:
    """Read every file; return the tests that read cleanly and one line per problem, including
    problems across files: a printed name claimed by two tests, one source id used for two
    different sources."""
    tests: list[LabTest] = []
    problems: list[HealthlibError] = []
    texts: dict[str, tuple[Path, str]] = {}
    for path in paths if paths is not None else builtin_paths():
        try:
            test = read_labtest(path)
        except HealthlibError as exc:
            problems.append(exc)
            continue
        if test.id in texts:
            problems.append(HealthlibError(
                f"id '{test.id}' is also used by {texts[test.id][0]}", file=str(path), field="id"))
            continue
        tests.append(test)
        texts[test.id] = (path, path.read_text(encoding="utf-8"))
    owner: dict[str, str] = {}
    sources: dict[str, tuple[str, Source]] = {}
    for test in tests:
        path, text = texts[test.id]
        for i, printed in enumerate([test.name, *test.names]):
            key = normalise_name(printed)
            other = owner.setdefault(key, test.id)
            if other != test.id:
                loc = ["name"] if i == 0 else ["names", i - 1]
                problems.append(HealthlibError(
                    f"printed name '{printed}' is also a name of test '{other}'",
                    file=str(path), line=line_of(text, loc), field="name" if i == 0 else f"names[{i - 1}]"))
        for j, source in enumerate(test.sources):
            first = sources.setdefault(source.id, (test.id, source))
            if first[0] != test.id and _differs(first[1], source):
                problems.append(HealthlibError(
                    f"source id '{source.id}' names a different source in test '{first[0]}'",
                    file=str(path), line=line_of(text, ["sources", j]), field=f"sources[{j}]"))
    return tests, problems


def _differs(a: Source, b: Source) -> bool:
    return (a.title, a.publisher, a.url) != (b.title, b.publisher, b.url)


def load_catalogue(paths: list[Path] | None = None) -> LabCatalogue:
    """The catalogue from `paths` (default: the built-in files); the first problem is raised."""
    tests, problems = catalogue_problems(paths)
    if problems:
        raise problems[0]
    return LabCatalogue(tests)


@functools.cache
def builtin_catalogue() -> LabCatalogue:
    """The built-in catalogue, read once per process."""
    return load_catalogue()
