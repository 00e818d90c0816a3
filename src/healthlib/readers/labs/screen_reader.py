"""A result table copied from a portal as a screen reader speaks it: one row a line, each cell a
"Label: value." sentence ("Row 3. Component: Sodium. Your value: 173 mmol/L. Standard range: 136 - 145
mmol/L. Flag: Critical High.").

Each row is parted into its fields, one a line, and joined back by the record reader
(`free_text.join_records`) into the one-line form the text reader reads, in place of the row (so the
report keeps its line count). A row is rewritten only when every sentence starts with a label the
record reader knows, the first names the test and one gives its value; any other line is left exactly
as it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# the row's number a screen reader says first ("Row 3.", "Item 2:")
_ROW_NUMBER = re.compile(r"^\s*(?:row|item)\s+\d+\s*[.:]\s*", re.IGNORECASE)
# a sentence break before the next "Label:" (a label is a few words, then a colon and a space)
_NEXT_LABEL = re.compile(r"(?<=\.)\s+(?=[A-Za-z][A-Za-z ]{0,30}:\s)")

Field = Callable[[str], "tuple[str, str] | None"]


def row_fields(line: str, field: Field) -> list[str] | None:
    """The "Label: value" fields of a spoken row, its sentence stops dropped; None for any other line."""
    parts = [p.strip() for p in _NEXT_LABEL.split(_ROW_NUMBER.sub("", line.strip()))]
    if len(parts) < 2:
        return None
    parts = [p[:-1].rstrip() if p.endswith(".") else p for p in parts]
    roles = [field(p) for p in parts]
    if any(r is None for r in roles) or roles[0][0] != "name" or "value" not in {r[0] for r in roles}:
        return None
    return parts


def read_spoken_rows(lines: list[str], field: Field, join_records: Callable[[list[str]], list[str]]) -> list[str]:
    """Each spoken row rewritten as one result line by `join_records`; other lines unchanged."""
    out = []
    for line in lines:
        parts = row_fields(line, field)
        joined = [p for p in join_records(parts) if p] if parts else []
        out.append(joined[0] if len(joined) == 1 else line)
    return out
