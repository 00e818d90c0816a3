"""Shared test helpers: a valid monograph as a dict, to break one field at a time."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from healthlib.readers.curated import builtin_dir

BACLOFEN = builtin_dir() / "baclofen.yaml"


def baclofen_data() -> dict:
    return copy.deepcopy(yaml.safe_load(BACLOFEN.read_text()))


def write_monograph(folder: Path, data: dict, name: str | None = None) -> Path:
    path = folder / f"{name or data['slug']}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path
