"""Words with positions (from a PDF's text layer or from OCR) back into lines of text.

Words whose middles sit at the same height form one line, left to right. A gap wider than about
two letters becomes three spaces, which the text reader takes as a column break; this keeps a
table's columns, a fixed-width report's fields and two results side by side apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top


def words_to_lines(words: list[Word]) -> list[str]:
    words = [w for w in words if w.text.strip()]
    if not words:
        return []
    height = median(w.height for w in words) or 1.0
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.middle):
        row = rows[-1] if rows else None
        if row is not None and abs(word.middle - median(w.middle for w in row)) <= height * 0.5:
            row.append(word)
        else:
            rows.append([word])
    letter = median((w.x1 - w.x0) / max(len(w.text), 1) for w in words) or 1.0
    lines = []
    for row in rows:
        row.sort(key=lambda w: w.x0)
        parts = [row[0].text]
        for prev, word in zip(row, row[1:], strict=False):
            gap = word.x0 - prev.x1
            parts.append("   " if gap > letter * 1.8 else " ")
            parts.append(word.text)
        lines.append("".join(parts))
    return lines


def merge_word_rows(groups: list[list[Word]]) -> list[list[Word]]:
    """OCR lines (each a run of words tesseract read together) joined into page rows: a piece
    that sits at the height of the row's nearest word, and right of it, belongs to that row.
    Tesseract may break a table row in two where the row slants or a column gap is wide."""
    rows: list[list[Word]] = []
    for group in sorted((sorted(g, key=lambda w: w.x0) for g in groups if g), key=lambda g: g[0].x0):
        first = group[0]
        best = None
        for row in rows:
            last = row[-1]
            near = abs(last.middle - first.middle)
            if (last.x1 <= first.x0 + first.height and near <= 0.6 * max(first.height, last.height)
                    and (best is None or near < abs(best[-1].middle - first.middle))):
                best = row
        if best is None:
            rows.append(list(group))
        else:
            best.extend(group)
    rows.sort(key=lambda r: min(w.top for w in r))
    return rows


def join_row(row: list[Word]) -> str:
    """A row's words as one line: a gap wider than about two letters becomes three spaces."""
    row = sorted(row, key=lambda w: w.x0)
    letter = median((w.x1 - w.x0) / max(len(w.text), 1) for w in row) or 1.0
    parts = [row[0].text]
    for prev, word in zip(row, row[1:], strict=False):
        parts.append("   " if word.x0 - prev.x1 > letter * 1.8 else " ")
        parts.append(word.text)
    return "".join(parts)
