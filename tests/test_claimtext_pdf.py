"""PDF panel papers: the same statements as the text they were made from, with page numbers.

The PDFs are written here, line by line at known positions, so every gap is hand-checkable:
12 pt lines, a paragraph gap of 10 pt more, a page number in the footer and a running header.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import require_shared

from scrutiny.claimtext.documents import read_lines, text_lines
from scrutiny.claimtext.extract import extract_statements
from scrutiny.errors import UnusableInput

PAGE_HEIGHT, TOP, BOTTOM, LEADING, GAP = 842, 760, 100, 12, 10


def write_pdf(path: Path, pages: list[list[tuple[float, float, str]]]) -> Path:
    """A minimal PDF: each page a list of (x, y, text) in 10 pt Helvetica."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 "
               "/BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]  # fmt: skip
    kids = []
    for runs in pages:
        text = "".join(f"BT /F1 10 Tf {x} {y} Td ({_escape(t)}) Tj ET\n" for x, y, t in runs)
        data = text.encode("cp1252")
        objects.append(f"<< /Length {len(data)} >>\nstream\n{text}endstream")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 {PAGE_HEIGHT}] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {len(objects)} 0 R >>"
        )
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("cp1252")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    path.write_bytes(bytes(out))
    return path


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def lay_out(lines: list[str], width: int = 60) -> list[list[tuple[float, float, str]]]:
    """Lines wrapped at `width` characters onto pages, each with a header and a page number;
    an empty line leaves a paragraph gap."""
    pages: list[list[tuple[float, float, str]]] = []
    y, gap = BOTTOM - 1, False  # start a page at once
    for line in lines:
        if not line.strip():
            gap = True
            continue
        for piece in textwrap.wrap(line, width):
            if y < BOTTOM:
                pages.append(
                    [(72, 800, "Corporate Parenting Board"), (280, 40, f"{len(pages) + 1}")]
                )
                y, gap = TOP, False
            y -= GAP if gap else 0
            pages[-1].append((72, y, piece))
            y, gap = y - LEADING, False
    return pages


PARAGRAPHS = [
    "PERFORMANCE",
    "There were 702 looked after children during September 2020 and the panel noted "
    "that 66% of children looked after had a dental check in the last 12 months.",
    "The number of children placed with parents has dropped from 99 in September 2020 to 58 "
    "in August 2021, and officers said more than 90% of health assessments were on time.",
    *[f"Item {n} was noted without discussion by members of the board." for n in range(40)],
    "Overall, 92% of children in care had a health assessment in 2020/21.",
]


def texts_of(pdf: Path) -> list[str]:
    return [line.text for line in read_lines(pdf) if line.text]


def facts(statements) -> list[tuple]:
    return [
        (s.claimed, s.comparison, s.subject, s.period and s.period.text, s.kind) for s in statements
    ]


def test_a_pdf_gives_the_same_statements_as_its_text_with_page_numbers(tmp_path):
    text = tmp_path / "paper.txt"
    text.write_text("\n\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    pdf = write_pdf(tmp_path / "paper.pdf", lay_out([line for p in PARAGRAPHS for line in (p, "")]))
    from_text, from_pdf = extract_statements([text]), extract_statements([pdf])
    assert facts(from_pdf) == facts(from_text)
    assert [s.claimed for s in from_pdf] == ["702", "66%", "99", "58", "90%", "92%"]
    # A statement's line is where its sentence starts; the 40 items fill pages 1 and 2, and
    # the last paragraph is on page 3, under the running header (line 1, dropped), at line 2.
    assert [(s.section, s.line) for s in from_pdf] == [
        ("page 1, PERFORMANCE", 3),
        ("page 1, PERFORMANCE", 3),
        ("page 1, PERFORMANCE", 6),
        ("page 1, PERFORMANCE", 6),
        ("page 1, PERFORMANCE", 6),
        ("page 3, PERFORMANCE", 2),
    ]


def test_each_panel_document_as_a_pdf_gives_the_statements_of_its_text(tmp_path):
    for seed in sorted(require_shared("seeds").glob("*.txt")):
        lines = [line.text for line in text_lines(seed.read_text(encoding="utf-8"))]
        pdf = write_pdf(tmp_path / f"{seed.stem}.pdf", lay_out(lines, width=95))
        from_pdf = extract_statements([pdf])
        assert facts(from_pdf) == facts(extract_statements([seed])), seed.name
        assert all(s.section.startswith("page ") for s in from_pdf)


def test_page_numbers_and_running_headers_do_not_break_a_sentence(tmp_path):
    pages = [
        [(72, 800, "Corporate Parenting Board"), (72, 700, "Members heard that the service"),
         (72, 688, "now supports"), (280, 40, "Page 1 of 2")],
        [(72, 800, "Corporate Parenting Board"), (72, 700, "212 families in the east locality."),
         (280, 40, "Page 2 of 2")],
    ]  # fmt: skip
    pdf = write_pdf(tmp_path / "minutes.pdf", pages)
    assert texts_of(pdf) == [
        "Corporate Parenting Board",
        "Members heard that the service",
        "now supports",
        "212 families in the east locality.",
    ]
    [statement] = extract_statements([pdf])
    assert (
        statement.sentence
        == "Members heard that the service now supports 212 families in the east locality."
    )
    assert (statement.section, statement.line) == ("page 1, Corporate Parenting Board", 2)


def test_table_cells_on_one_row_and_a_bullet_broken_after_its_first_word(tmp_path):
    pages = [[
        (72, 700, "Children looked after"), (300, 700, "702"), (400, 700, "531"),
        (72, 660, "-"), (90, 660, "Adoptions"),
        (90, 640, "rose to 22 children in 2020/21."),
    ]]  # fmt: skip
    pdf = write_pdf(tmp_path / "table.pdf", pages)
    assert texts_of(pdf) == [
        "Children looked after\t702\t531",
        "- Adoptions",
        "rose to 22 children in 2020/21.",
    ]
    [statement] = extract_statements([pdf])
    assert statement.sentence == "Adoptions rose to 22 children in 2020/21."
    assert (statement.claimed, statement.period.text, statement.line) == ("22", "2020/21", 2)


def test_a_broken_pdf_is_named(tmp_path):
    broken = tmp_path / "scan.pdf"
    broken.write_bytes(b"%PDF-1.4\x00\x01\x02")
    with pytest.raises(UnusableInput, match=r"scan\.pdf: not a readable PDF"):
        extract_statements([broken])


def test_a_pdf_without_text_is_named_as_probably_scanned(tmp_path):
    scan = write_pdf(tmp_path / "scan.pdf", [[], []])
    with pytest.raises(UnusableInput, match=r"scan\.pdf: no text on any of its 2 page\(s\)"):
        extract_statements([scan])
