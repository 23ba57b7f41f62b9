"""`scrutiny measure METRIC --data PATH ...`: one number of the metric contract, with its counts."""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Callable

from scrutiny.bounds import check_date, check_year
from scrutiny.cache import load_cached
from scrutiny.commands import SUMMARY
from scrutiny.commands.validate import add_show_values
from scrutiny.errors import ConfigError, DataError, total
from scrutiny.groups import load_groups
from scrutiny.metrics import METRICS, MetricResult, resolve
from scrutiny.metrics.registry import PERIOD, MetricSpec, compute, to_date
from scrutiny.metrics.result import percent
from scrutiny.regular_files import add_flag

JSON_KEYS = ("metric", "params", "value", "numerator", "denominator", "notes", "breakdown")
OPTIONS = {  # how each measure() parameter is given on the command line
    "at": "--at DATE",
    "start": "--from DATE",
    "end": "--to DATE",
    "year": "--year YYYY",
    PERIOD: "--from DATE --to DATE | --year YYYY",
    "group": "--group NAME",
    "within": "--within NAME",
    "max_age_days": "--max-age-days N",
    "groups": "--groups FILE",
}
FLAGS = {name: option.split()[0] for name, option in OPTIONS.items() if name != PERIOD}


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "measure",
        help=SUMMARY["measure"],
        description="Compute one metric of the contract; dates are YYYY-MM-DD, periods "
        "inclusive. A published measure takes --la and --year, and is answered from the "
        "published extract with its region, England and statistical neighbours beside it.",
    )
    parser.add_argument(
        "metric", nargs="?", help="metric or measure name, e.g. cla-on-date or lait_cpp_rate"
    )
    parser.add_argument("--list", action="store_true", help="list metrics and placement groups")
    parser.add_argument("--data", help="folder of 903 CSVs (one subfolder per year) or an XML file")
    parser.add_argument("--at", type=iso_date, metavar="DATE", help="the date counted on")
    parser.add_argument("--from", dest="start", type=iso_date, metavar="DATE", help="first day")
    parser.add_argument("--to", dest="end", type=iso_date, metavar="DATE", help="last day")
    parser.add_argument(
        "--year", type=collection_year, metavar="YYYY", help="collection year (ends 31 Mar)"
    )
    parser.add_argument("--group", metavar="NAME", help="placement group (see --list)")
    parser.add_argument("--within", metavar="NAME", help="placement group a share is of")
    parser.add_argument("--max-age-days", type=int, metavar="N", help="starters-newborn age")
    parser.add_argument("--groups", metavar="FILE", help="your own placement groups YAML")
    parser.add_argument(
        "--la", metavar="CODE", help="a published measure: the LA (806, E06000002 or its name)"
    )
    parser.add_argument(
        "--edition", metavar="YYYY-MM", help="statistical neighbour groups (default: the year's)"
    )
    parser.add_argument("--published", metavar="DIR", help="published extract folder")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    add_show_values(parser)
    add_flag(parser)
    return parser


def checked(parse: Callable, check: Callable, form: str) -> Callable:
    """An argparse type: `parse` the text, then `check` it against the sane years; argparse
    names the flag in either error."""

    def convert(text: str):
        try:
            value = parse(text)
        except (ConfigError, ValueError):
            raise argparse.ArgumentTypeError(f"not {form}: {text!r}") from None
        try:
            return check(value)
        except ConfigError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    return convert


iso_date = checked(to_date, check_date, "a date in YYYY-MM-DD form")
collection_year = checked(int, check_year, "a year")


def run(args: argparse.Namespace) -> int:
    if args.list:
        print(render_list(args.groups))
        return 0
    if not args.metric:
        raise ConfigError("name a metric to measure (scrutiny measure --list shows them)")
    if args.metric not in METRICS:
        return run_published(args)
    params = {
        "at": args.at,
        "start": args.start,
        "end": args.end,
        "year": args.year,
        "group": args.group,
        "within": args.within,
        "max_age_days": args.max_age_days,
        "groups": args.groups,
    }
    spec, arguments = resolve(args.metric, FLAGS, **params)  # fails before any data is read
    if not args.data:
        raise ConfigError("--data PATH is required: the 903 extract to measure")
    try:
        dataset = load_cached(args.data, spec.reads)  # only the columns this metric reads
    except DataError as error:
        error.show_values = args.show_values
        raise
    result = compute(spec, dataset, arguments)
    if args.json:
        print(json.dumps({key: result.to_dict()[key] for key in JSON_KEYS}, indent=2))
    else:
        print(render_text(spec, result, total(dataset.warnings)))
    return 0


def run_published(args: argparse.Namespace) -> int:
    """A published measure for an LA and year, from the committed extract."""
    from scrutiny.claims import did_you_mean
    from scrutiny.published import load_extract
    from scrutiny.published.answer import answer

    extract = load_extract(args.published)
    if args.metric not in extract.catalogue:
        known = [*METRICS, *extract.catalogue]
        raise ConfigError(
            f"unknown metric {args.metric!r}{did_you_mean(args.metric, known)} "
            "(903 metrics: scrutiny measure --list; published measures: scrutiny measures)"
        )
    if not args.la or not args.year:
        raise ConfigError(f"{args.metric} is a published measure: give --la CODE and --year YYYY")
    found = answer(extract, args.metric, args.la, args.year, args.edition)
    if args.json:
        print(json.dumps(found, indent=2))
    else:
        print(render_published(found))
    return 0


def render_published(found: dict) -> str:
    def shown(value, marker) -> str:
        return f"{value:g}" if value is not None else f"not published ({marker})"

    lines = [
        f"{found['measure']}: {found['description']}",
        f"  {found['la_name']} {found['year']}: {shown(found['value'], found['marker'])}",
    ]
    for key in ("region", "england"):
        if found[key]:
            lines.append(
                f"  {found[key]['name']}: {shown(found[key]['value'], found[key]['marker'])}"
            )
    average = found["neighbour_average"]
    if average and average["value"] is not None:
        lines.append(
            f"  statistical neighbours ({average['edition']}, {average['neighbours']} with a "
            f"value): {average['value']:.1f}"
        )
    lines.append(f"  source: DfE, {found['source']} (sha256 {found['sha256'][:12]}...)")
    return "\n".join(lines)


def render_list(groups_file: str | None) -> str:
    lines = ["Metrics:"]
    for spec in METRICS.values():
        lines.append(f"  {spec.name:<22} {spec.description}")
        lines.append(f"  {'':<22} options: {cli_signature(spec)}")
    lines.append("\nPlacement groups (--group):")
    for group in load_groups(groups_file).values():
        lines.append(f"  {group.name:<22} {group.description}")
    return "\n".join(lines)


def cli_signature(spec: MetricSpec) -> str:
    """The options a metric takes, e.g. `--from DATE --to DATE | --year YYYY [--max-age-days N]`."""
    required = [OPTIONS[name] for name in spec.params]
    optional = [
        f"[{OPTIONS[name]}{'' if default is None else f', default {default}'}]"
        for name, default in spec.optional.items()
    ]
    return " ".join(required + optional)


def render_text(spec: MetricSpec, result: MetricResult, warnings: int) -> str:
    params = ", ".join(f"{key}={value}" for key, value in result.params.items())
    lines = [
        f"{result.metric}: {headline(spec.unit, result)}",
        f"  description: {spec.description}",
        f"  parameters: {params}",
    ]
    lines += [f"  note: {note}" for note in result.notes]
    if warnings:
        lines.append(f"  note: the reader gave {warnings} warning(s); see `scrutiny validate`")
    if result.breakdown is not None:
        lines += ["", result.breakdown.to_string(index=False, float_format="{:.2f}".format)]
    return "\n".join(lines)


def headline(unit: str, result: MetricResult) -> str:
    """The value with the counts behind it, e.g. `40.00% (2 of 5)`."""
    num, den = result.numerator, result.denominator
    if math.isnan(result.value):
        return f"undefined ({num} of {den})"
    if unit == "percent":
        return f"{result.value:.2f}% ({num} of {den})"
    if unit == "percent change":
        return f"{result.value:+.2f}% (change {num:+d} from {den})"
    if unit == "percentage points":
        return f"{result.value:+.2f} percentage points (now {num} of {den})"
    share = f" ({num} of {den} looked after, {percent(num, den):.2f}%)" if den else ""
    return f"{int(result.value)}{share}"
