"""Names the notebooks and the pack must agree on, in one place (no IPython, no pandas).

A notebook emits its result under a MIME type in a cell with a tag; the pack reads that output
for the index and leaves the cell out of the page. The synthetic demo is recognised by a marker
file, and the scorecard reads its indicators from a fixed path in the project.
"""

RESULT_MIMETYPE = "application/vnd.scrutiny.result+json"
SCORECARD_MIMETYPE = "application/vnd.scrutiny.scorecard+json"
RESULT_TAG = "pack-result"  # the cell whose JSON output feeds the index, not the page
ANALYST_TAG = "for-analysts"  # a note on running the notebook: shown in JupyterLab, not the page
SYNTHETIC_MARKER = "SYNTHETIC"  # a file `scrutiny synth` writes beside the demo's years
INDICATORS = "evidence/indicators.yml"
# Marks HTML holding the DfE's published statistics (`data-source="published"`): the
# disclosure scan lets a number there be a published figure, not a child's id.
PUBLISHED_ATTRIBUTE = "data-source"
