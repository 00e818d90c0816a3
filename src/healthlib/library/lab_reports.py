"""A lab report file or pasted text, read and explained: the one call the surfaces make.

Surfaces import this (not the readers) so the pipeline's import direction holds.
"""

from __future__ import annotations

from healthlib.library.labs import explain_lab_report
from healthlib.library.query import Library
from healthlib.model.lab_report import LabExplanation, ReadReport
from healthlib.readers.labs.report import read_report_bytes, read_report_text
from healthlib.readers.labs.report_pdf import MAX_BYTES
from healthlib.readers.labs.report_text import MAX_TEXT

__all__ = ["MAX_BYTES", "MAX_TEXT", "explain_report_bytes", "explain_report_text"]


def explain_report_bytes(data: bytes, library: Library | None = None, *,
                         name: str = "report") -> tuple[ReadReport, LabExplanation]:
    """A PDF, image or text file's bytes: (what was read, its explanation). Raises UnreadableReport."""
    read = read_report_bytes(data, name=name)
    return read, explain_lab_report(read, library)


def explain_report_text(text: str, library: Library | None = None, *,
                        name: str = "pasted text") -> tuple[ReadReport, LabExplanation]:
    read = read_report_text(text, name=name)
    return read, explain_lab_report(read, library)
