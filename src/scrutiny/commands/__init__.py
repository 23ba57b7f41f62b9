"""One module per `scrutiny` sub-command; each exposes `add_parser(subparsers)` and `run(args)`.

`scrutiny --help` lists the commands from SUMMARY without importing any of them (a command's
imports, pandas and nbconvert among them, cost seconds); each command's parser takes its help
from here.
"""

SUMMARY = {
    "changes": "compare two rendered packs: figures and verdicts that changed, and why",
    "check-disclosure": "fail if a rendered pack holds any child identifier",
    "claims": "find numeric claims in panel documents and conflicts between them",
    "data": "fetch the official DfE files and write the published-statistics extract",
    "measure": "compute one metric (see --list) from a 903 extract, or look up a published "
    "measure (scrutiny measures) for an LA",
    "measures": "list the measures a claim can be tested against (903 and published)",
    "pack": "run the claim notebooks and build the evidence pack",
    "pdf": "print a rendered pack to one PDF with headless chromium",
    "synth": "write a synthetic (fictional) authority's SSDA903 returns",
    "validate": "check a 903 extract (CSV folder or XML) against the return's rules",
}
