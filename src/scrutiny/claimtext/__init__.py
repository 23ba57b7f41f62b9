"""Find the numeric claims in a panel's documents, and the places where documents disagree.

The pack calls `find_conflicts(paths, documents)`; the CLI is `scrutiny claims`.
"""

from scrutiny.claimtext.conflicts import Conflict, find_conflicts
from scrutiny.claimtext.extract import extract_statements
from scrutiny.claimtext.register import register_yaml
from scrutiny.claimtext.statements import Statement

__all__ = ["Conflict", "Statement", "extract_statements", "find_conflicts", "register_yaml"]
