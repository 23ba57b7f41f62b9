"""Hostile panel documents end at once with an error naming the file and the limit.

Each is made here, small: a PDF whose 2 MB stream inflates to 2 GB (a "deflate bomb": one
compressed block of 1 MB of spaces, repeated), a PDF of 20,000 pages, a text file over the
text limit. `scrutiny.limits` holds the limits; a few tests lower one to keep the file small.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path

import pytest

from scrutiny import cli, limits
from scrutiny.claimtext.documents import read_lines
from scrutiny.claimtext.extract import extract_statements
from scrutiny.errors import OverLimit, UnusableInput

TEXT = b"BT /F1 10 Tf 72 700 Td (There were 702 looked after children in May 2021.) Tj ET\n"


def bomb(pattern: bytes, megabytes: int) -> bytes:
    """A zlib stream that inflates to `megabytes` MB of `pattern`, built without inflating it:
    a full flush makes a block that stands alone, so the block repeated repeats its output."""
    chunk = pattern * (limits.MB // len(pattern))
    compressor = zlib.compressobj(9)
    first = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    header, block = first[:2], first[2:]
    final = zlib.compressobj(9, zlib.DEFLATED, -15).flush()  # an empty last block
    return header + block * megabytes + final


def write_pdf(path: Path, content: bytes, pages: int = 1, flate: bool = False) -> Path:
    """`pages` pages sharing one content stream (FlateDecode when `flate`)."""
    filters = b" /Filter /FlateDecode" if flate else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(content), filters, content),
    ]
    kids = []
    for _ in range(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def test_the_bomb_builder_inflates_as_stated():
    stream = bomb(b" ", 3)
    assert len(zlib.decompressobj().decompress(stream)) == 3 * limits.MB
    assert len(bomb(b" ", 2048)) < 2.2 * limits.MB


def test_a_deflate_bomb_pdf_stops_at_the_memory_limit_naming_file_and_page(tmp_path):
    pdf = write_pdf(tmp_path / "minutes.pdf", bomb(b" ", 2048), flate=True)  # 2 GB inflated
    with pytest.raises(OverLimit) as caught:
        read_lines(pdf)
    assert str(caught.value).startswith(
        f"{pdf}, page 1: refused: reading it took more than the 512 MB of memory or the 60 s "
        "of CPU one PDF may use"
    )


def test_a_pdf_of_20000_pages_is_refused_before_any_page_is_read(tmp_path):
    pdf = write_pdf(tmp_path / "pack.pdf", TEXT, pages=20_000)
    with pytest.raises(OverLimit) as caught:
        read_lines(pdf)
    assert str(caught.value) == (
        f"{pdf}: refused: its number of pages is 20,000, over the limit of 2,000 "
        "(scrutiny.limits; see the README's 'Limits')"
    )


def test_a_pdf_stops_at_the_page_where_its_text_passes_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "DOCUMENT_TEXT", 200)  # each page gives 49 characters
    pdf = write_pdf(tmp_path / "long.pdf", zlib.compress(TEXT), pages=10, flate=True)
    with pytest.raises(OverLimit, match=r"its text is over 200 characters by page 5, over the"):
        read_lines(pdf)


def test_a_pdf_within_the_limits_is_read(tmp_path):
    pdf = write_pdf(tmp_path / "ok.pdf", zlib.compress(TEXT), pages=3, flate=True)
    texts = [line.text for line in read_lines(pdf) if line.text]
    assert texts == ["There were 702 looked after children in May 2021."] * 3


def test_a_text_document_over_the_text_limit_is_refused_before_it_is_parsed(tmp_path):
    text = tmp_path / "minutes.txt"
    text.write_text("There were 702 children.\n" * 700_000)  # 17,500,000 characters
    with pytest.raises(OverLimit) as caught:
        read_lines(text)
    assert str(caught.value).startswith(
        f"{text}: refused: the text's length in characters is 17,500,000, over the limit of 16 MB"
    )


def test_a_document_over_the_byte_limit_is_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "DOCUMENT_BYTES", 1000)
    text = tmp_path / "minutes.txt"
    text.write_text("x" * 1001)
    with pytest.raises(OverLimit, match=r"the document's size is 1,001, over the limit of 1,000"):
        read_lines(text)


def test_the_documents_of_one_run_share_one_text_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "RUN_TEXT", 99)
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("There were 702 looked after children in May 2021.\n")  # 50 characters
    second.write_text("There were 702 looked after children in May 2021.\n")
    assert len(extract_statements([first])) == 1
    with pytest.raises(OverLimit) as caught:
        extract_statements([first, second])
    assert str(caught.value).startswith(
        f"{second}: refused: with it the documents give 100 characters of text, over the "
        "limit of 99 for one run"
    )


@pytest.mark.parametrize("special", ["fifo", "device"])
def test_a_fifo_or_device_given_as_a_document_is_refused_at_once(tmp_path, special):
    path = Path("/dev/zero")
    if special == "fifo":
        path = tmp_path / "minutes.txt"
        os.mkfifo(path)
    with pytest.raises(UnusableInput, match="only regular files are read"):
        read_lines(path)


def test_claims_extract_on_a_bomb_is_a_named_error_and_exit_2(tmp_path, capsys):
    pdf = write_pdf(tmp_path / "minutes.pdf", bomb(b" ", 2048), flate=True)
    assert cli.main(["claims", "extract", str(pdf)]) == 2
    err = capsys.readouterr().err
    assert f"scrutiny claims: {pdf}, page 1: refused: reading it took more than" in err
    assert "Traceback" not in err


def test_a_reader_that_fails_for_another_reason_says_so(tmp_path, monkeypatch):
    """Not every death of the reading process is a limit: its own last words are given."""
    no_pages = {"seconds": 60, "memory": limits.PDF_MEMORY, "text": 100}  # "pages" left out
    monkeypatch.setattr("scrutiny.claimtext.pdf.bounds", lambda: no_pages)
    pdf = write_pdf(tmp_path / "ok.pdf", zlib.compress(TEXT), flate=True)
    with pytest.raises(UnusableInput, match=r"ok.pdf: the PDF reader failed \(KeyError: 'pages'\)"):
        read_lines(pdf)


@pytest.mark.slow
def test_a_bad_document_stops_the_pack_before_any_notebook_runs(tmp_path, monkeypatch):
    """The index's documents are read before the notebooks: one over the text limit is refused
    in seconds, not after minutes of notebooks, and no pack is written."""
    from tiny_project import make_project

    from scrutiny.errors import ScrutinyError
    from scrutiny.pack.build import build_pack

    monkeypatch.setenv("SCRUTINY_CACHE", str(tmp_path / "cache"))
    project = make_project(tmp_path / "project", ["national-cla-rising"])
    documents = project / "evidence" / "documents"
    documents.mkdir(parents=True)
    (documents / "minutes.txt").write_text(
        "The panel heard that 702 children were looked after. " * 4
    )
    monkeypatch.setattr(limits, "DOCUMENT_TEXT", 100)
    params = project / "params" / "documents.yml"
    params.write_text("documents_dir: evidence/documents\n")

    def no_notebooks(*args, **kwargs):
        pytest.fail("a notebook ran before the documents were checked")

    monkeypatch.setattr("scrutiny.pack.build.run_all", no_notebooks)
    with pytest.raises(ScrutinyError, match=r"minutes\.txt"):
        build_pack(project, "2022Q1", params_file=params, jobs=1, progress=False)
    assert not (project / "rendered" / "2022Q1").exists()
