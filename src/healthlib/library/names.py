"""The names a person may type for a guide: generic, brand, misspelling, ingredient, condition."""

from __future__ import annotations

from healthlib.model.monograph import Monograph
from healthlib.model.names import normalize


def name_rows(m: Monograph) -> list[tuple[str, str, str, str]]:
    """(name, normalized name, slug, kind) rows for the names table; each name once."""
    rows: dict[tuple[str, str], tuple[str, str, str, str]] = {}

    def add(name: str, kind: str) -> None:
        norm = normalize(name)
        if norm:
            rows.setdefault((norm, kind), (name, norm, m.slug, kind))

    add(m.generic_name, "generic")
    add(m.slug.replace("-", " "), "generic")
    for b in m.brand_names:
        add(b.name, "brand")
    for part in m.ingredients:
        add(part, "ingredient")
    for wrong in m.misspellings:
        add(wrong, "misspelling")
    for term in m.conditions:
        add(term, "condition")
    for use in m.uses:
        if not use.off_label:
            add(use.condition, "condition")
    return list(rows.values())
