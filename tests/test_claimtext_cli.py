"""`scrutiny claims extract` on many documents: repeats merged, empty ones named, progress."""

from __future__ import annotations

import yaml

from scrutiny.claimtext.extract import statements_by_document
from scrutiny.cli import main

SENTENCE = "In May 2021 the council looked after 480 children."


def test_repeated_statements_are_merged_and_documents_without_any_are_named(tmp_path, capsys):
    minutes = tmp_path / "minutes.txt"
    minutes.write_text(f"{SENTENCE}\n\nApologies were received.\n\n{SENTENCE}\n", encoding="utf-8")
    (tmp_path / "agenda.txt").write_text("Apologies for absence.\n", encoding="utf-8")
    (tmp_path / "blank.txt").write_text("", encoding="utf-8")
    paths = [str(tmp_path / name) for name in ("minutes.txt", "agenda.txt", "blank.txt")]
    assert main(["claims", "extract", *paths]) == 0
    out, err = capsys.readouterr()
    [claim] = yaml.safe_load(out)["claims"]
    assert (claim["line"], claim["quote"]) == (1, SENTENCE)
    assert f"{tmp_path / 'agenda.txt'}: no numeric statements found" in err
    assert f"{tmp_path / 'blank.txt'}: empty" in err
    assert "1 statement(s) (1 repeated statement(s) merged) in 3 document(s)" in err


def test_progress_is_reported_every_500_sentences_and_at_the_end(tmp_path):
    minutes = tmp_path / "minutes.txt"
    minutes.write_text("Members noted the report.\n" * 1200, encoding="utf-8")
    calls = []
    [(path, found)] = statements_by_document(
        [minutes], progress=lambda path, done, total: calls.append((path.name, done, total))
    )
    assert (path, found) == (minutes, [])
    assert calls == [
        ("minutes.txt", 500, 1200),
        ("minutes.txt", 1000, 1200),
        ("minutes.txt", 1200, 1200),
    ]
