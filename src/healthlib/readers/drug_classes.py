"""Reader for data/drug-classes.yaml: the drug classes interaction facts may name as targets."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml
from pydantic import ValidationError

from healthlib.model.errors import HealthlibError
from healthlib.model.interaction import DrugClass

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def drug_classes_path() -> Path:
    return Path(str(resources.files("healthlib") / "data" / "drug-classes.yaml"))


def read_drug_classes(path: Path | None = None) -> dict[str, DrugClass]:
    """Class id -> DrugClass, or HealthlibError naming the file, line and field."""
    path = path or drug_classes_path()
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        raise HealthlibError(f"cannot read drug classes ({exc.__class__.__name__})", file=str(path),
                             line=mark.line + 1 if mark else None) from None
    if not isinstance(data, dict):
        raise HealthlibError("drug classes must be a mapping of class id to class", file=str(path), line=1)
    node = yaml.compose(text, Loader=_LOADER)
    lines = {key.value: key.start_mark.line + 1 for key, _ in node.value} if node is not None else {}
    classes: dict[str, DrugClass] = {}
    for class_id, body in data.items():
        try:
            classes[class_id] = DrugClass.model_validate({"id": class_id, **(body or {})})
        except (ValidationError, TypeError) as exc:
            message = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
            field = ".".join(str(p) for p in exc.errors()[0]["loc"]) if isinstance(exc, ValidationError) else ""
            raise HealthlibError(message, file=str(path), line=lines.get(class_id),
                                 field=f"{class_id}.{field}".rstrip(".")) from None
    return classes


@lru_cache(maxsize=1)
def builtin_drug_classes() -> dict[str, DrugClass]:
    """The shipped classes, read once per process."""
    return read_drug_classes()
