"""bench/results.md: the generated block of the latest run, the hand-kept notes around it."""

from __future__ import annotations

import re
from pathlib import Path

import size

START, END = "<!-- bench:start -->", "<!-- bench:end -->"
SIZE_LINE = re.compile(r"^Pack size \(.*$", re.MULTILINE)


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "n/a"


def render(
    pack: dict | None,
    scaling: list[dict] | None,
    cache: dict | None,
    measure: dict | None,
    note: str,
) -> str:
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
            *size.render(pack["size"]),
        ]
    if cache:
        lines += [
            f"Cache: `cla-on-date` on {cache['children']:,} children from a warm cache vs from "
            f"the CSVs: **{ratio(cache['warm'], cache['parse'])}** of the time "
            f"({cache['warm']:.2f} s / {cache['parse']:.2f} s).",
            "",
        ]
    if measure:
        lines += cli_table(measure)
    if scaling:
        lines += scaling_table(scaling)
    return "\n".join([*lines, END])


def cli_table(m: dict) -> list[str]:
    same = "same answer" if m["same_answer"] else "**answers differ**"
    return [
        f"`scrutiny measure cla-on-date --at 2021-03-31` on {m['children']:,} children, each call "
        f"a fresh process; cold = empty cache (parse, validate, write the cache), warm = the "
        f"same call again ({same}):",
        "",
        "| measure | warm / cold | target | warm | cold |",
        "|---|---|---|---|---|",
        f"| time (fastest of 2) | **{ratio(m['warm_s'], m['cold_s'])}** | <= 0.15 "
        f"| {m['warm_s']:.2f} s | {m['cold_s']:.2f} s |",
        f"| peak RSS (largest of 2) | **{ratio(m['warm_mib'], m['cold_mib'])}** | <= 0.5 "
        f"| {m['warm_mib']:.0f} MiB | {m['cold_mib']:.0f} MiB |",
        "",
    ]


def scaling_table(rows: list[dict]) -> list[str]:
    lines = [
        "| children | read s | clean+validate s | metrics s | total s | peak RSS MiB "
        "| data MiB (peak - after imports) | children x | time x | data memory x |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    previous = None
    for row in rows:
        data = row["peak_mib"] - row["baseline_mib"]
        more = f"{row['children'] / previous['children']:g}" if previous else ""
        times = ratio(row["total"], previous["total"]) if previous else ""
        memory = ratio(data, previous["peak_mib"] - previous["baseline_mib"]) if previous else ""
        lines.append(
            f"| {row['children']:,} | {row['read']:.2f} | {row['clean']:.2f} "
            f"| {row['metrics']:.2f} | {row['total']:.2f} | {row['peak_mib']:.0f} "
            f"| {data:.0f} | {more} | {times} | {memory} |"
        )
        previous = row
    target = "Target: time and data memory grow at most as fast as children (time x and data "
    target += "memory x at most children x; 10x children at most 12x)."
    return [*lines, "", target, ""]


def write(path: Path, block: str, start: str = START, end: str = END) -> None:
    """Replace the generated block between `start` and `end`, keeping the rest of the file."""
    text = path.read_text() if path.exists() else f"# Benchmark results\n\n{start}\n{end}\n"
    if start not in text:
        text = f"{text.rstrip()}\n\n{start}\n{end}\n"
    head, rest = text.split(start, 1)
    tail = rest.split(end, 1)[1]
    path.write_text(head + block + tail)


def write_size(path: Path, measured: dict) -> None:
    """Replace only the pack-size line of the generated block (`--only size`)."""
    text = path.read_text()
    line = size.render(measured)[0]
    if SIZE_LINE.search(text):
        text = SIZE_LINE.sub(line, text, count=1)
    else:
        text = text.replace(END, f"{line}\n\n{END}", 1)
    path.write_text(text)
