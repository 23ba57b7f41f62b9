"""Skip an import nothing here uses: jsonschema's optional `iri` format checker.

When rfc3987-syntax is installed, importing jsonschema (altair and nbformat do) compiles its lark
grammar: about 2 seconds per process, paid by every pack kernel and every papermill driver
(python-jsonschema/jsonschema#1392, #1521). Neither altair nor nbformat checks `iri` formats,
so blocking the module only leaves jsonschema without that one checker.
"""

from __future__ import annotations

import sys


def skip_iri_checker() -> None:
    """Block rfc3987_syntax unless jsonschema (or the module) is already loaded."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)
