"""Lab reports for the surfaces: explain a read report against the built-in lab-test catalogue,
with related guides limited to the guides this library holds.

Surfaces import this (not the composer) so the pipeline's import direction holds.
"""

from __future__ import annotations

from healthlib.compose.lab_explain import explain_report
from healthlib.library.query import Library
from healthlib.model.lab_report import LabExplanation, ReadReport
from healthlib.model.labtest import LabTest
from healthlib.readers.curated import builtin_paths
from healthlib.readers.labs.catalogue import builtin_catalogue


def explain_lab_report(read: ReadReport, library: Library | None = None) -> LabExplanation:
    """`read` explained; related guides are those in `library` (default: the built-in guides)."""
    slugs = set(library.titles()) if library is not None else {p.stem for p in builtin_paths()}
    return explain_report(read, builtin_catalogue(), library_slugs=slugs)


def lab_test_called(name: str) -> LabTest | None:
    """The catalogue test a typed name means exactly ("INR", "hba1c", "Potassium"), or None: no
    spelling slip is forgiven, since a question's words are not a report's test column."""
    catalogue = builtin_catalogue()
    test_id = catalogue.exact(name)
    return catalogue.get(test_id) if test_id else None
