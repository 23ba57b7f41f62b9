"""Params files and notebooks agree: every key is a notebook parameter of the same type.

The parameters come from each notebook's cell tagged `parameters`, read by papermill's
`inspect_notebook` (through `scrutiny.params`). A typo or a wrong type in a params file is
rejected with a message naming the file and the key.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from scrutiny.errors import ConfigError
from scrutiny.params import (
    PACK_KEYS,
    PER_CLAIM,
    check_params,
    expected_types,
    load_params,
    notebook_parameters,
    read_yaml,
)

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
# The project's own params files: defaults and quarters (an analyst's params/ours.yml aside).
PARAMS = sorted(
    p for p in (ROOT / "params").glob("*.yml") if re.fullmatch(r"defaults|\d{4}Q[1-4]", p.stem)
)


def test_there_are_notebooks_and_params_files():
    assert {p.name for p in NOTEBOOKS} >= {"claim.ipynb"}
    assert {p.name for p in PARAMS} >= {"defaults.yml"}


@pytest.mark.parametrize("params_file", PARAMS, ids=lambda p: p.name)
def test_every_key_is_a_notebook_parameter_of_its_type(params_file):
    problems = check_params(read_yaml(params_file), params_file, expected_types(NOTEBOOKS))
    assert problems == []


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_defaults_give_every_parameter_of_every_notebook(notebook):
    defaults = read_yaml(ROOT / "params" / "defaults.yml")
    missing = set(notebook_parameters(notebook)) - PER_CLAIM - set(defaults)
    assert missing == set(), f"{notebook.name} parameters with no default: {sorted(missing)}"


def test_notebooks_agree_on_the_type_of_a_shared_parameter():
    seen: dict[str, tuple[str, str]] = {}
    for notebook in NOTEBOOKS:
        for name, kind in notebook_parameters(notebook).items():
            first = seen.setdefault(name, (kind, notebook.name))
            assert first[0] == kind, f"{name}: {kind} in {notebook.name}, {first[0]} in {first[1]}"


def test_pack_settings_are_not_notebook_parameters():
    declared = set().union(*(notebook_parameters(n) for n in NOTEBOOKS))
    assert declared & set(PACK_KEYS) == set()


@pytest.mark.parametrize("quarter_file", [p for p in PARAMS if p.stem != "defaults"])
def test_each_quarter_file_loads_with_the_defaults(quarter_file):
    params, files = load_params(ROOT, NOTEBOOKS, quarter_file.stem)
    assert files[-1] == quarter_file
    assert params["quarter"] == quarter_file.stem


def test_a_typo_is_rejected_naming_file_and_key(tmp_path):
    mine = tmp_path / "mine.yml"
    mine.write_text("la_cod: E06000001\n")
    with pytest.raises(ConfigError) as error:
        load_params(ROOT, NOTEBOOKS, extra=mine)
    message = str(error.value)
    assert f"{mine}: unknown key 'la_cod'" in message
    assert "did you mean 'la_code'?" in message


def test_a_wrong_type_is_rejected_naming_file_and_key(tmp_path):
    mine = tmp_path / "mine.yml"
    mine.write_text('suppression_threshold: "five"\n')
    with pytest.raises(ConfigError) as error:
        load_params(ROOT, NOTEBOOKS, extra=mine)
    assert f"{mine}: suppression_threshold must be int, not str ('five')" in str(error.value)


def test_a_parameters_cell_edited_in_the_lab_is_refused_saying_where_the_change_belongs(
    tmp_path,
):
    """Issue 29: `definition = {"max_age_days": 27}` saved in a notebook would be overridden
    by the pack's injected `definition = {}` without a word."""
    import shutil

    from scrutiny.params import notebook_defaults

    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    notebooks = sorted((tmp_path / "notebooks").glob("*.ipynb"))
    edited = tmp_path / "notebooks" / "entering-care-at-birth.ipynb"
    notebook = json.loads((ROOT / "notebooks" / edited.name).read_text())
    cell = next(c for c in notebook["cells"] if "parameters" in c["metadata"].get("tags", []))
    cell["source"] = [
        line.replace("definition: dict = {}", 'definition: dict = {"max_age_days": 27}')
        if isinstance(line, str)
        else line
        for line in cell["source"]
    ]
    edited.write_text(json.dumps(notebook))
    assert notebook_defaults(edited)["definition"] == {"max_age_days": 27}
    shutil.copytree(ROOT / "params", tmp_path / "params")
    for name in ("evidence", "requirements.lock"):
        (tmp_path / name).symlink_to(ROOT / name)
    with pytest.raises(ConfigError) as error:
        load_params(tmp_path, notebooks)
    assert (
        "notebooks/entering-care-at-birth.ipynb: its parameters cell sets definition = "
        "{'max_age_days': 27}, but the pack injects {} from"
    ) in str(error.value)
    assert "`definition: ...` in your params/ours.yml" in str(error.value)
    assert str(error.value).count("its parameters cell sets") == 1  # the others agree


def test_a_setting_changed_in_params_defaults_is_not_an_edited_notebook(tmp_path):
    """The notebooks agree among themselves: params/defaults.yml may differ from them."""
    import shutil

    shutil.copytree(ROOT / "params", tmp_path / "params")
    for name in ("evidence", "requirements.lock"):
        (tmp_path / name).symlink_to(ROOT / name)
    defaults = tmp_path / "params" / "defaults.yml"
    defaults.write_text(defaults.read_text().replace("la_name: Middlesbrough", "la_name: Boro"))
    params, _ = load_params(tmp_path, NOTEBOOKS)
    assert params["la_name"] == "Boro"
