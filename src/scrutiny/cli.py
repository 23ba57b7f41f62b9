"""The `scrutiny` command: dispatches to the modules in `scrutiny.commands`."""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys

from scrutiny import __version__, commands
from scrutiny.errors import ScrutinyError

UNEXPECTED = 3  # exit code for an error with no ScrutinyError of its own


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scrutiny",
        description="Check a scrutiny panel's claims about children looked after.",
    )
    parser.add_argument("--version", action="version", version=f"scrutiny {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"scrutiny.commands.{info.name}")
        sub = module.add_parser(subparsers)
        sub.set_defaults(handler=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except ScrutinyError as error:
        print(f"scrutiny {args.command}: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("scrutiny: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a case no check foresaw: still a message, not a traceback
        if os.environ.get("SCRUTINY_DEBUG"):
            raise
        print(
            f"scrutiny {args.command}: unexpected {type(error).__name__}: {error}\n"
            "  rerun with SCRUTINY_DEBUG=1 to see the traceback",
            file=sys.stderr,
        )
        return UNEXPECTED


if __name__ == "__main__":
    sys.exit(main())
