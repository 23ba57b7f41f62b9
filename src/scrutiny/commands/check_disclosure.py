"""`scrutiny check-disclosure DIR`: scan a rendered pack for child identifiers from the inputs."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from scrutiny.regular_files import add_flag


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "check-disclosure",
        help="fail if a rendered pack holds any child identifier",
        description="Reads every file of the pack as a reader sees it (the text of HTML and "
        "SVG pages, the strings of notebooks and JSON, any other text file as it is) and "
        "searches it for the CHILD ids, UPNs, dates of birth and postcodes of the 903 input; "
        "prints the file and kind of identifier, never the identifier.",
    )
    parser.add_argument("pack", type=Path, help="a rendered pack folder")
    parser.add_argument(
        "--data",
        type=Path,
        help="the 903 input to search for (default: the one the pack's manifest.json names)",
    )
    add_flag(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    from scrutiny.privacy.scan import scan_pack

    data = args.data or extract_of(args.pack)
    scanned = scan_pack(args.pack, data)
    binary = f" ({scanned.binary} binary file(s) not read)" if scanned.binary else ""
    print(
        f"{args.pack}: {scanned.files} file(s) scanned{binary}, "
        f"no child identifiers from {data} found"
    )
    return 0


def extract_of(pack: Path) -> Path:
    """The 903 input the pack was built from, so the default scan looks for the right children
    (never a demo extract that a real pack cannot contain)."""
    from scrutiny.errors import ConfigError
    from scrutiny.paths import project_root

    manifest = pack / "manifest.json"
    try:
        data_903 = json.loads(manifest.read_text())["params"]["data_903"]
    except (OSError, ValueError, KeyError, TypeError):
        raise ConfigError(
            f"{manifest}: no manifest naming the pack's 903 input (params.data_903); "
            "pass --data FOLDER"
        ) from None
    path = Path(data_903).expanduser()
    return path if path.is_absolute() else project_root(pack) / path
