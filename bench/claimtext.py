"""The claim finder: precision and recall against the gold file, and speed on a year of minutes.

    .venv/bin/python bench/claimtext.py [--seeds ../shared/seeds] [--mb 20]

Accuracy: `claims extract` on the panel's documents against tests/data/claimtext_gold.yml, and
on other councils' papers (tests/data/papers) against their gold list.
Speed: `scrutiny claims extract` in a fresh process on MB megabytes of minutes made from the
same documents, each copy with its two- and three-digit numbers drawn afresh (seeded), so the
sentences are not all identical and merging them does not hide the work. Rewrites the
claimtext block of bench/results.md.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import report

from scrutiny.claimtext.conflicts import conflicts_between
from scrutiny.claimtext.extract import extract_statements
from scrutiny.claimtext.score import Score, load_gold, score_conflicts, score_statements
from scrutiny.paths import project_root

HERE = Path(__file__).resolve().parent
ROOT = project_root(HERE)
GOLD = ROOT / "tests" / "data" / "claimtext_gold.yml"
PAPERS = ROOT / "tests" / "data" / "papers"
START, END = "<!-- claimtext:start -->", "<!-- claimtext:end -->"
FILE_BYTES = 5_000_000  # one meeting's minutes, however long, is far less
_FIGURE = re.compile(r"\b\d{2,3}\b")


def accuracy(seeds: Path) -> tuple[Score, Score]:
    gold = load_gold(GOLD)
    paths = [seeds / entry["file"] for entry in gold.documents.values()]
    statements = extract_statements(paths, gold.documents)
    return score_statements(statements, gold), score_conflicts(conflicts_between(statements), gold)


def papers_accuracy() -> Score:
    """Other councils' papers, committed with the repository."""
    gold = load_gold(PAPERS / "gold.yml")
    paths = [PAPERS / entry["file"] for entry in gold.documents.values()]
    return score_statements(extract_statements(paths, gold.documents), gold)


def minutes(seeds: Path, megabytes: float, out: Path) -> list[Path]:
    """`megabytes` of the panel's documents, repeated with their figures varied, as a year of
    minutes is: several files, each well under one document's text limit."""
    text = "".join(p.read_text(encoding="utf-8") + "\n\n" for p in sorted(seeds.glob("*.txt")))
    draw = random.Random(20)
    out.mkdir()
    files, left = [], megabytes * 1_000_000
    while left > 0:
        path = out / f"minutes-{len(files) + 1:02d}.txt"
        with path.open("w", encoding="utf-8") as file:
            while file.tell() < min(left, FILE_BYTES):
                file.write(_FIGURE.sub(lambda _: str(draw.randint(10, 999)), text))
            left -= file.tell()
        files.append(path)
    return files


def speed(paths: list[Path]) -> dict:
    """Wall and CPU seconds, peak memory and the command's own summary line."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "scrutiny"),
            "claims",
            "extract",
            *map(str, paths),
            "--out",
            "/dev/null",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        sys.exit(f"bench/claimtext.py: claims extract failed: {done.stderr.strip()}")
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    summary = done.stderr.strip().splitlines()[-1]
    return {
        "mb": sum(path.stat().st_size for path in paths) / 1e6,
        "wall": wall,
        "cpu": cpu,
        "rss": after.ru_maxrss / 1024,
        "summary": summary,
    }


def render(statements: Score, conflicts: Score, papers: Score, runs: list[dict], note: str) -> str:
    f1 = 2 * statements.precision * statements.recall / (statements.precision + statements.recall)
    lines = [
        START,
        "",
        note,
        "",
        "| on the panel's documents | found | in gold | matched | precision | recall |",
        "|---|---|---|---|---|---|",
        f"| numeric statements | {statements.found} | {statements.expected} | {statements.matched} "
        f"| **{statements.precision:.2f}** | **{statements.recall:.2f}** |",
        f"| conflicts | {conflicts.found} | {conflicts.expected} | {conflicts.matched} "
        f"| **{conflicts.precision:.2f}** | **{conflicts.recall:.2f}** |",
        f"| other councils' papers (tests/data/papers) | {papers.found} | {papers.expected} "
        f"| {papers.matched} | **{papers.precision:.2f}** | **{papers.recall:.2f}** |",
        "",
        f"Statements F1 {f1:.2f} (target: precision and recall >= 0.9). Missed: "
        + (", ".join(f"{d} line {n} ({v})" for d, n, v, _ in statements.missed) or "none")
        + ". In the papers: "
        + (", ".join(f"{d} line {n} ({v})" for d, n, v, _ in papers.missed) or "none")
        + ".",
        "",
        "| minutes | wall s | CPU s | peak RSS MiB | `claims extract` says |",
        "|---|---|---|---|---|",
        *(
            f"| {run['mb']:.1f} MB | {run['wall']:.1f} | {run['cpu']:.1f} | {run['rss']:.0f} "
            f"| {run['summary']} |"
            for run in runs
        ),
        "",
        "Target: 20 MB in under a minute.",
        "",
    ]
    return "\n".join([*lines, END])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument(
        "--mb", type=float, action="append", help="sizes of minutes (default 1 and 20)"
    )
    args = parser.parse_args()
    if not args.seeds.is_dir():
        sys.exit(f"bench/claimtext.py: {args.seeds}: no such folder (the panel's documents)")
    statements, conflicts = accuracy(args.seeds)
    with tempfile.TemporaryDirectory(prefix="bench-claimtext-") as scratch:
        runs = [
            speed(minutes(args.seeds, mb, Path(scratch) / f"{mb}mb")) for mb in args.mb or [1, 20]
        ]
    note = (
        f"Latest run: {time.strftime('%Y-%m-%d %H:%M')}, `bench/claimtext.py`, on a machine "
        "shared with other work (CPU seconds are steadier than wall seconds)."
    )
    block = render(statements, conflicts, papers_accuracy(), runs, note)
    report.write(HERE / "results.md", block, START, END)
    print(block)


if __name__ == "__main__":
    main()
