"""An error nothing foresaw still reaches the user as one line, not a traceback."""

from __future__ import annotations

import pytest

from scrutiny import cli


def broken_handler(args):
    raise RuntimeError("disk on fire")


@pytest.fixture
def failing_synth(monkeypatch):
    monkeypatch.setattr("scrutiny.commands.synth.run", broken_handler)


def test_an_unexpected_error_is_a_message_and_exit_3(failing_synth, capsys, monkeypatch, tmp_path):
    monkeypatch.delenv("SCRUTINY_DEBUG", raising=False)
    assert cli.main(["synth", "--out", str(tmp_path)]) == cli.UNEXPECTED
    err = capsys.readouterr().err
    assert err.startswith("scrutiny synth: unexpected RuntimeError: disk on fire\n")
    assert "SCRUTINY_DEBUG=1" in err
    assert "Traceback" not in err


def test_scrutiny_debug_shows_the_traceback(failing_synth, monkeypatch, tmp_path):
    monkeypatch.setenv("SCRUTINY_DEBUG", "1")
    with pytest.raises(RuntimeError, match="disk on fire"):
        cli.main(["synth", "--out", str(tmp_path)])
