"""`scrutiny check-disclosure DIR`: scan a rendered pack for child identifiers from the inputs."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from scrutiny.commands import SUMMARY
from scrutiny.regular_files import add_flag


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "check-disclosure",
        help=SUMMARY["check-disclosure"],
        description="Reads every file of the pack as a reader sees it (the text of HTML and "
        "SVG pages, the strings of notebooks and JSON, any other text file as it is) and "
        "searches it for the CHILD ids, UPNs, dates of birth and postcodes of the 903 input, "
        "in any notation; prints each file, the place in it and the kind of identifier, never "
        "the identifier unless --show-values is given.",
    )
    parser.add_argument("pack", type=Path, help="a rendered pack folder")
    parser.add_argument(
        "--data",
        type=Path,
        help="the 903 input to search for (default: the one the pack's manifest.json names)",
    )
    parser.add_argument(
        "--show-values",
        action="store_true",
        help="also print the identifiers found (for the data team's eyes only)",
    )
    add_flag(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    from scrutiny.privacy.scan import scan_pack

    params = manifest_params(args.pack)
    data = args.data or input_path(args.pack, params, "data_903")
    if data is None:
        print(f"{args.pack}: built without a 903 extract, so it holds no child identifier")
        return 0
    published = input_path(args.pack, params, "published_extract")
    scanned = scan_pack(args.pack, data, published, args.show_values)
    binary = f" ({scanned.binary} binary file(s) not read)" if scanned.binary else ""
    print(
        f"{args.pack}: {scanned.files} file(s) scanned{binary}, "
        f"no child identifiers from {data} found"
    )
    if scanned.unvalidated:
        print(
            f"note: {data} breaks {scanned.unvalidated} validation rule(s) "
            "(`scrutiny validate` lists them); its identifiers were scanned all the same"
        )
    return 0


def manifest_params(pack: Path) -> dict | None:
    try:
        params = json.loads((pack / "manifest.json").read_text())["params"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return params if isinstance(params, dict) else None


def input_path(pack: Path, params: dict | None, key: str) -> Path | None:
    """An input the pack was built from, by its manifest (the 903 extract: so the default scan
    looks for the right children, never a demo extract a real pack cannot contain)."""
    from scrutiny.errors import ConfigError
    from scrutiny.paths import project_root

    value = (params or {}).get(key)
    if key == "data_903" and (params is None or not isinstance(value, str)):
        raise ConfigError(
            f"{pack / 'manifest.json'}: no manifest naming the pack's 903 input "
            "(params.data_903); pass --data FOLDER"
        )
    if not isinstance(value, str) or not value:
        return None
    path = Path(value).expanduser()
    return path if path.is_absolute() else project_root(pack) / path
