"""bench/results.md: the generated block of the latest run, the hand-kept notes around it."""

from __future__ import annotations

from pathlib import Path

START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "n/a"


def render(pack: dict | None, scaling: list[dict] | None, cache: dict | None, note: str) -> str:
    lines = [START, "", note, ""]
    if pack:
        lines += [
            "| measure | ratio | target | seconds (thing / floor) |",
            "|---|---|---|---|",
            f"| pack overhead: cold build of {pack['ran']} notebooks vs {pack['ran']} bare "
            f"kernel starts, {pack['jobs']} workers | **{ratio(pack['cold'], pack['floor'])}** "
            f"| <= 1.5 | {pack['cold']:.1f} / {pack['floor']:.1f} |",
            f"| no-change rebuild ({pack['rebuilt']} notebooks run) vs one bare kernel start "
            f"| **{ratio(pack['rebuild'], pack['single'])}** | < 1 "
            f"| {pack['rebuild']:.2f} / {pack['single']:.2f} |",
            "",
        ]
    if cache:
        lines += [
            f"Cache: `cla-on-date` on {cache['children']:,} children from a warm cache vs from "
            f"the CSVs: **{ratio(cache['warm'], cache['parse'])}** of the time "
            f"({cache['warm']:.2f} s / {cache['parse']:.2f} s).",
            "",
        ]
    if scaling:
        lines += scaling_table(scaling)
    return "\n".join([*lines, END])


def scaling_table(rows: list[dict]) -> list[str]:
    lines = [
        "| children | read s | clean+validate s | metrics s | total s | peak RSS MiB "
        "| data MiB (peak - after imports) | time x | data memory x |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    previous = None
    for row in rows:
        data = row["peak_mib"] - row["baseline_mib"]
        times = ratio(row["total"], previous["total"]) if previous else ""
        memory = ratio(data, previous["peak_mib"] - previous["baseline_mib"]) if previous else ""
        lines.append(
            f"| {row['children']:,} | {row['read']:.2f} | {row['clean']:.2f} "
            f"| {row['metrics']:.2f} | {row['total']:.2f} | {row['peak_mib']:.0f} "
            f"| {data:.0f} | {times} | {memory} |"
        )
        previous = row
    return [*lines, "", "Target: 10x children costs at most 12x time and memory.", ""]


def write(path: Path, block: str, start: str = START, end: str = END) -> None:
    """Replace the generated block between `start` and `end`, keeping the rest of the file."""
    text = path.read_text() if path.exists() else f"# Benchmark results\n\n{start}\n{end}\n"
    if start not in text:
        text = f"{text.rstrip()}\n\n{start}\n{end}\n"
    head, rest = text.split(start, 1)
    tail = rest.split(end, 1)[1]
    path.write_text(head + block + tail)
