"""Reader for curated monographs: one YAML file per medicine, shipped inside the package.

Errors name the file, the line and the field, so an editor can fix a monograph in one go.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from healthlib.model.errors import HealthlibError
from healthlib.model.monograph import Monograph

# libyaml's parser when PyYAML was built with it: about ten times faster than pure Python
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Problem(yaml.YAMLError):
    """A YAML mistake the safe loader lets pass or turns into a traceback, at its node."""

    def __init__(self, message: str, node: yaml.Node) -> None:
        super().__init__(message)
        self.message = message
        self.line = node.start_mark.line + 1


class _Loader(_BASE_LOADER):  # type: ignore[misc,valid-type]
    """The safe loader, stricter: a key given twice is an error (the last one would silently
    win: a second `rx_status: otc` would make a prescription medicine OTC), and an impossible
    date is an error at its line rather than a traceback."""

    def construct_mapping(self, node, deep=False):  # type: ignore[no-untyped-def]
        if isinstance(node, yaml.MappingNode):
            seen: dict[object, int] = {}
            for key_node, _ in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                if key is None or key == "<<":
                    continue
                if key in seen:
                    raise _Problem(f"duplicate key '{key}' (first given on line {seen[key]})", key_node)
                seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node):  # type: ignore[no-untyped-def]
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            raise _Problem(f"impossible date '{node.value}' (use YYYY-MM-DD)", node) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)
_LOADER = _Loader

M = TypeVar("M", bound=BaseModel)


def builtin_dir() -> Path:
    return Path(str(resources.files("healthlib") / "data" / "monographs"))


def builtin_paths() -> list[Path]:
    return sorted(builtin_dir().glob("*.yaml"))


def read_monograph(path: Path) -> Monograph:
    """Parse and validate one monograph file, or raise HealthlibError(file, line, field)."""
    monograph, text = read_yaml_model(path, Monograph, "a monograph")
    expected = path.stem
    if path.suffix == ".yaml" and monograph.slug != expected:
        node = yaml.compose(text, Loader=_LOADER)
        raise HealthlibError(f"slug '{monograph.slug}' does not match the file name '{expected}'",
                             file=str(path), line=_line_of(node, ["slug"]), field="slug")
    return monograph


def read_yaml_model(path: Path, model: type[M], what: str) -> tuple[M, str]:
    """Parse one YAML file into `model`, or raise HealthlibError naming file, line and field.
    Returns the model and the file's text (to find the line of a later, cross-file problem)."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise HealthlibError(f"cannot read file ({exc.__class__.__name__})", file=name) from None
    try:
        data = yaml.load(text, Loader=_LOADER)
    except _Problem as exc:
        node = yaml.compose(text, Loader=_BASE_LOADER)
        raise HealthlibError(exc.message, file=name, line=exc.line,
                             field=_field_at_line(node, exc.line)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise HealthlibError(f"malformed YAML: {problem}", file=name,
                             line=mark.line + 1 if mark else None) from None
    if not isinstance(data, dict):
        raise HealthlibError(f"{what} must be a YAML mapping of fields", file=name, line=1)
    try:
        return model.model_validate(data), text
    except ValidationError as exc:
        node = yaml.compose(text, Loader=_LOADER)  # parsed again only to find the line
        err = exc.errors()[0]
        loc = [p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
        field = _dotted(loc)
        line = _line_of(node, loc)
        message = err["msg"].removeprefix("Value error, ")
        if cited := _UNKNOWN_SOURCE.match(message):
            # at the `cite:` entry that names the unknown id, not at the top of the file
            loc = [*_parse_path(cited["path"]), "cite"]
            cites = _value_at(data, loc)
            if isinstance(cites, list) and cited["id"] in cites:
                loc.append(cites.index(cited["id"]))
            line, field = _line_of(node, loc), _dotted(loc[:-1] if isinstance(loc[-1], int) else loc)
            message = f"cites unknown source '{cited['id']}'"
        if err["type"] == "missing":
            message = "required field is missing"
        elif err["type"] == "extra_forbidden":
            message = "unknown field"
        elif err["type"] == "literal_error":
            message = f"{message} (got {err.get('input')!r})"
        if len(exc.errors()) > 1:
            message += f" (and {len(exc.errors()) - 1} more problem(s))"
        raise HealthlibError(message, file=name, line=line, field=field or None) from None


def line_of(text: str, loc: list) -> int | None:
    """The 1-based line of the field at `loc` (e.g. ["names", 2]) in a YAML text."""
    return _line_of(yaml.compose(text, Loader=_LOADER), loc)


def read_builtin() -> Iterator[Monograph]:
    for path in builtin_paths():
        yield read_monograph(path)


_UNKNOWN_SOURCE = re.compile(r"^(?P<path>\S+): cites unknown source '(?P<id>[^']*)'$")


def _parse_path(path: str) -> list:
    """'side_effects.common[2]' -> ['side_effects', 'common', 2] (as model.iter_citations writes it)."""
    return [int(index) if index else name for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path)]


def _value_at(data: object, loc: list) -> object:
    for part in loc:
        try:
            data = data[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _field_at_line(node: yaml.Node | None, line: int, loc: list | None = None) -> str | None:
    """The dotted field whose key or item starts on `line` (1-based), if any."""
    loc = loc or []
    children: list[tuple[object, yaml.Node, int]] = []  # (name, value, first line)
    if isinstance(node, yaml.MappingNode):
        children = [(k.value, v, k.start_mark.line + 1) for k, v in node.value]
    elif isinstance(node, yaml.SequenceNode):
        children = [(i, v, v.start_mark.line + 1) for i, v in enumerate(node.value)]
    for name, _, first in children:
        if first == line:
            return _dotted([*loc, name])
    before = [(name, value) for name, value, first in children if first < line]
    if before:  # the last entry starting above the line holds it
        name, value = before[-1]
        return _field_at_line(value, line, [*loc, name])
    return _dotted(loc) if loc else None


def _dotted(loc: list) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _line_of(node: yaml.Node | None, loc: list) -> int | None:
    """The 1-based line of the deepest YAML node that `loc` reaches."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            for key, value in node.value:
                if key.value == part:
                    child = value
                    line = key.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line
