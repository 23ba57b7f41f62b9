"""Pack parameters: defaults, a quarter file and an optional user file, checked strictly.

Every key must be a parameter of at least one notebook (or a pack setting), with the type the
notebook's parameters cell gives it. A typo is an error, never a silently ignored setting.
"""

from __future__ import annotations

import ast
import difflib
from functools import cache
from pathlib import Path

import papermill
import yaml

from scrutiny import yamlsafe
from scrutiny.errors import ConfigError
from scrutiny.paths import resolve
from scrutiny.privacy.suppression import threshold_problems
from scrutiny.quarters import Quarter

PACK_KEYS = {"documents_dir": "str", "suppression_override_reason": "str"}
OPTIONAL = {"suppression_override_reason"}  # may be left out of defaults.yml
# Paths a pack reads: what each must be, the test for it, and whether "" (not used) is allowed.
PATHS = {
    "data_903": ("a folder or an XML file", Path.exists, True),
    "published_extract": ("a folder", Path.is_dir, False),
    "register": ("a file", Path.is_file, False),
    "groups": ("a file", Path.is_file, True),
    "documents_dir": ("a folder", Path.is_dir, True),
}
PER_CLAIM = {"claim_id"}  # set by the pack for each claim, never in a params file


@cache
def notebook_defaults(notebook: Path) -> dict[str, object]:
    """name -> the value the notebook's parameters cell gives it (where it is a literal)."""
    found = {}
    for name, info in papermill.inspect_notebook(str(notebook)).items():
        try:
            found[name] = ast.literal_eval(info["default"])
        except (ValueError, SyntaxError, TypeError):
            continue
    return found


def edited_parameters(notebooks: list[Path], defaults: dict, defaults_file: Path) -> list[str]:
    """A parameters cell that differs from the other notebooks' and from params/defaults.yml
    was edited (in JupyterLab, say): the pack would inject the params' value over it, silently.
    Notebooks that agree among themselves are as the project keeps them, whatever the params
    say (changing params/defaults.yml is how a setting changes). The quarter is set per build."""
    found = {notebook: notebook_defaults(notebook) for notebook in notebooks}
    problems = []
    for notebook, values in found.items():
        for name, value in values.items():
            others = [v[name] for n, v in found.items() if n != notebook and name in v]
            usual = max(others, key=others.count) if others else value
            if name in defaults and name != "quarter" and value not in (usual, defaults[name]):
                problems.append(
                    f"{notebook.parent.name}/{notebook.name}: its parameters cell sets {name} = "
                    f"{value!r}, but the pack injects {defaults[name]!r} from {defaults_file}, "
                    "so the edit would be silently overridden. Put the change in a params file "
                    f"(`{name}: ...` in your params/ours.yml, given with --params; it applies "
                    "to every claim) and restore the cell (`git checkout -- "
                    f"{notebook.parent.name}/{notebook.name}`)"
                )
    return problems


@cache
def notebook_parameters(notebook: Path) -> dict[str, str]:
    """name -> inferred type name, from the notebook's cell tagged `parameters`."""
    found = papermill.inspect_notebook(str(notebook))
    return {name: info["inferred_type_name"] for name, info in found.items()}


def expected_types(notebooks: list[Path]) -> dict[str, str]:
    types = dict(PACK_KEYS)
    for notebook in notebooks:
        for name, kind in notebook_parameters(notebook).items():
            if name not in PER_CLAIM:
                types.setdefault(name, kind)
    return types


def read_yaml(path: Path) -> dict:
    try:
        data = yamlsafe.load_path(path) or {}
    except FileNotFoundError:
        raise ConfigError(f"{path}: params file not found") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark else ""
        raise ConfigError(
            f"{path}{where}: not valid YAML ({getattr(error, 'problem', error)})"
        ) from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected 'key: value' lines")
    return data


def type_ok(value: object, kind: str) -> bool:
    checks = {
        "str": lambda v: isinstance(v, str),
        "bool": lambda v: isinstance(v, bool),
        "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "float": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
        "dict": lambda v: isinstance(v, dict),
    }
    return checks.get(kind, lambda v: True)(value)


def check_params(values: dict, path: Path, types: dict[str, str]) -> list[str]:
    problems = []
    for key, value in values.items():
        if key not in types:
            near = difflib.get_close_matches(key, types, n=1)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            problems.append(f"{path}: unknown key {key!r}{hint}")
        elif not type_ok(value, types[key]):
            problems.append(
                f"{path}: {key} must be {types[key]}, not {type(value).__name__} ({value!r})"
            )
        elif key == "quarter":
            problems += quarter_problems(value, str(path))
    return problems


def quarter_problems(label: str, where: str) -> list[str]:
    """A quarter is checked (form and sane year) before any notebook runs with it."""
    try:
        Quarter.parse(label)
    except ConfigError as error:
        return [f"{where}: {error}"]
    return []


def path_problems(params: dict, origin: dict[str, Path], root: Path) -> list[str]:
    """Every path a params value names must exist, as the kind of thing it names."""
    problems = []
    for key, (kind, right, optional) in PATHS.items():
        value = params.get(key)
        if not isinstance(value, str) or (optional and not value):
            continue
        path = resolve(value, root)
        if not right(path):
            state = f"not {kind}" if path.exists() else "no such file or folder"
            problems.append(f"{origin.get(key, 'params')}: {key}: {path}: {state}")
    return problems


def load_params(
    root: Path, notebooks: list[Path], quarter: str | None = None, extra: Path | None = None
) -> tuple[dict, list[Path]]:
    """Merged params and the files they came from: defaults, then quarter file, then `extra`."""
    types = expected_types(notebooks)
    files = [root / "params" / "defaults.yml"]
    if quarter and (root / "params" / f"{quarter}.yml").exists():
        files.append(root / "params" / f"{quarter}.yml")
    if extra:
        files.append(Path(extra))
    merged: dict = {}
    origin: dict[str, Path] = {}
    problems: list[str] = []
    read = {path: read_yaml(path) for path in files}
    for path, values in read.items():
        problems += check_params(values, path, types)
        merged.update(values)
        origin.update(dict.fromkeys(values, path))
    if isinstance(merged.get("suppression_threshold"), int):
        reason = str(merged.get("suppression_override_reason") or "")
        where = str(origin["suppression_threshold"])
        problems += threshold_problems(merged["suppression_threshold"], reason, where)
    if quarter:
        problems += quarter_problems(quarter, "--quarter")
        merged["quarter"] = quarter
    missing = sorted(set(types) - set(merged) - OPTIONAL)
    if missing:
        problems.append(f"no value for {', '.join(missing)} in {files[0]}")
    problems += path_problems(merged, origin, root)
    problems += edited_parameters(notebooks, read[files[0]], files[0])
    if problems:
        raise ConfigError("the params have problems:\n  " + "\n  ".join(problems))
    return merged, files
