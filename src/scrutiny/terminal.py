"""Text bound for a terminal: control characters shown as escapes, never acted on.

Strings from an earlier pack, a register or a path may hold terminal escape sequences (ESC [
... that recolour, move the cursor or rewrite the title); printed raw, they would rewrite what
a reader sees. Every character a terminal would act on (C0 and C1 controls, DEL, and the
bidirectional overrides that reorder a line) is written as a visible escape such as `\\x1b`.
"""

from __future__ import annotations

import re

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object, keep_lines: bool = True) -> str:
    """`text` with every control character escaped; with `keep_lines`, newlines between the
    lines of a multi-line message are kept (a newline inside one value never is, when the
    caller passes that value alone with keep_lines=False)."""
    lines = str(text).split("\n") if keep_lines else [str(text)]
    return "\n".join(CONTROL.sub(lambda m: escape(m.group()), line) for line in lines)
