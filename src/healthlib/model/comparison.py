"""Two guides side by side: the shape behind /compare/{a}-vs-{b} and its API."""

from __future__ import annotations

from pydantic import BaseModel

from healthlib.model.article import SourceRef


class Cell(BaseModel):
    text: str
    citations: list[str]


class CompareRow(BaseModel):
    label: str
    a: Cell | None
    b: Cell | None


class Comparison(BaseModel):
    a: str
    b: str
    a_title: str
    b_title: str
    rows: list[CompareRow]
    points: list[Cell]  # direct "is A better than B" points from either guide
    sources: list[SourceRef]  # both guides' sources, so every citation resolves
