"""Every YAML file goes through one loader with a size limit and an alias limit (issue 25, 8)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from scrutiny import yamlsafe
from scrutiny.claims import load_register
from scrutiny.errors import ConfigError
from scrutiny.groups import load_groups
from scrutiny.pack.build import notebooks_of
from scrutiny.pages.claim import definition_dict
from scrutiny.params import load_params
from scrutiny.scorecard.indicators import load_indicators

ROOT = Path(__file__).resolve().parents[1]


def bomb(indent: str = "  ") -> str:
    """Nine levels of nine aliases: under 510 bytes that expand to 9**9 strings."""
    lines = [f'{indent}a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{indent}{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    return "\n".join(lines) + "\n"


def refused_at_once(load) -> str:
    started = time.perf_counter()
    with pytest.raises(ConfigError, match="anchor bomb") as caught:
        load()
    assert time.perf_counter() - started < 2
    return str(caught.value)


def test_an_anchor_bomb_under_definition_in_a_params_file_is_refused(tmp_path):
    params = tmp_path / "params.yml"
    params.write_text("definition:\n" + bomb())
    message = refused_at_once(lambda: load_params(ROOT, notebooks_of(ROOT), extra=params))
    assert message.startswith(f"{params}: refused")


def test_an_anchor_bomb_given_as_definition_text_is_refused():
    refused_at_once(lambda: definition_dict(bomb(indent="")))


@pytest.mark.parametrize(
    "load, prefix",
    [
        (
            lambda p: load_register(p, {"cla-change": {"start", "end"}}),
            "claims:\n  - id: x\nother:\n",
        ),
        (load_groups, "foster:\n"),
        (load_indicators, "indicators:\n  - x: 1\nother:\n"),
    ],
)
def test_an_anchor_bomb_in_any_yaml_file_is_refused(tmp_path, load, prefix):
    path = tmp_path / "file.yml"
    path.write_text(prefix + bomb())
    refused_at_once(lambda: load(path))


def test_ordinary_aliases_still_load():
    text = "base: &base {max_age_days: 27}\nfirst: *base\nsecond: *base\n"
    assert yamlsafe.safe_load(text, "x")["second"] == {"max_age_days": 27}


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(yamlsafe, "MAX_BYTES", 100)
    path = tmp_path / "big.yml"
    path.write_text("quarter: '2022Q1'\n" * 10)
    with pytest.raises(
        ConfigError, match=r"big.yml: refused: 180 bytes of YAML \(the limit is 100\)"
    ):
        yamlsafe.load_path(path)


def test_no_module_reads_yaml_but_the_one_loader():
    loaders = re.compile(r"yaml\.(safe_load|load|full_load|unsafe_load)\(")
    readers = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "src").rglob("*.py")
        if loaders.search(path.read_text("utf-8"))
    ]
    assert readers == []
