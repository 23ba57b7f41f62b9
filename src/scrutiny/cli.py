"""The `scrutiny` command: dispatches to the modules in `scrutiny.commands`."""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from scrutiny import __version__, commands
from scrutiny.errors import ScrutinyError
from scrutiny.regular_files import allow_outside_links
from scrutiny.terminal import printable

UNEXPECTED = 3  # exit code for an error with no ScrutinyError of its own


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser; when `argv` names a command, only that command's module is imported (a
    command's imports, e.g. nbconvert for `pack`, cost more than a warm `measure` itself), and
    without one (`--help`, `--version`) none is."""
    parser = argparse.ArgumentParser(
        prog="scrutiny",
        description="Check a scrutiny panel's claims about children looked after.",
    )
    parser.add_argument("--version", action="version", version=f"scrutiny {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    named = [name for name in commands.SUMMARY if argv and name == argv[0]]
    if not named:  # --help, --version or a mistake: list the commands, import none
        for name, summary in commands.SUMMARY.items():
            subparsers.add_parser(name, help=summary)
        return parser
    module = importlib.import_module(f"scrutiny.commands.{named[0].replace('-', '_')}")
    module.add_parser(subparsers).set_defaults(handler=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv).parse_args(argv)
    if getattr(args, "follow_outside_links", False):
        allow_outside_links()
    try:
        code = int(args.handler(args) or 0)
        sys.stdout.flush()  # here, so a reader that stopped early is seen now, not at exit
        return code
    except BrokenPipeError:  # `scrutiny ... | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except ScrutinyError as error:
        print(f"scrutiny {args.command}: {printable(error)}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("scrutiny: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a case no check foresaw: still a message, not a traceback
        if os.environ.get("SCRUTINY_DEBUG"):
            raise
        print(
            f"scrutiny {args.command}: unexpected {type(error).__name__}: {printable(error)}\n"
            "  rerun with SCRUTINY_DEBUG=1 to see the traceback",
            file=sys.stderr,
        )
        return UNEXPECTED


if __name__ == "__main__":
    sys.exit(main())
