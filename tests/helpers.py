"""Shared test helpers: a valid monograph as a dict, to break one field at a time."""

from __future__ import annotations

import copy
import os
from pathlib import Path

import yaml

from healthlib.readers.curated import builtin_dir

BACLOFEN = builtin_dir() / "baclofen.yaml"
# the shared folder (sample labels, seed) sits next to the repo on CI; $HEALTHLIB_SHARED points
# elsewhere when a checkout lives deeper (a git worktree)
SHARED = Path(os.environ.get("HEALTHLIB_SHARED") or Path(__file__).resolve().parents[2] / "shared")


def baclofen_data() -> dict:
    return copy.deepcopy(yaml.safe_load(BACLOFEN.read_text()))


def write_monograph(folder: Path, data: dict, name: str | None = None) -> Path:
    path = folder / f"{name or data['slug']}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path
