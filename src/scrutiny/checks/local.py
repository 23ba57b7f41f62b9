"""Figures measured on the authority's 903 data, through the metric catalogue."""

from __future__ import annotations

from pathlib import Path

from scrutiny import metrics
from scrutiny.checks.measurement import Measurement
from scrutiny.claims import Figure
from scrutiny.errors import DataError, OutsideCoverage, total
from scrutiny.inputs import Inputs
from scrutiny.privacy.suppression import shown_note
from scrutiny.verdicts import DATA_ISSUE, NO_DATA, NOT_TESTABLE, figure_verdict

NO_EXTRACT = (
    "no 903 extract was given for this pack, so figures only the authority's own return "
    "records are not tested"
)


def shown_params(params: dict, root: Path) -> dict:
    """Params as a page shows them: a groups file by its path in the project, never by a
    path on the machine that built the pack."""
    if not params.get("groups"):
        return params
    path = Path(params["groups"])
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    return {**params, "groups": shown}


def failed(figure: Figure, inputs: Inputs, description: str, note: str) -> Measurement:
    return Measurement(
        figure,
        None,
        DATA_ISSUE,
        description,
        inputs.source_903,
        notes=[note],
        evidence=inputs.evidence_903,
    )


def invalid_note(inputs: Inputs) -> str:
    error = inputs.failure
    count = total(error.problems) if isinstance(error, DataError) else 1
    return (
        f"the 903 input failed validation ({count} problem(s)); run "
        "`scrutiny validate` on it for the list"
    )


def measure_local(figure: Figure, inputs: Inputs) -> Measurement:
    """A resolved figure (see `checks.resolved`) measured on the 903 extract."""
    spec = metrics.METRICS[figure.metric]
    if inputs.data_903 is None:
        return Measurement(
            figure,
            None,
            NOT_TESTABLE,
            spec.description,
            "903",
            notes=[NO_EXTRACT],
            evidence=NO_DATA,
            unmeasured=NO_EXTRACT,
        )
    if inputs.dataset is None:
        return failed(figure, inputs, spec.description, invalid_note(inputs))
    try:
        result = metrics.measure(inputs.dataset, figure.metric, **figure.params)
    except OutsideCoverage as error:
        return failed(figure, inputs, spec.description, str(error))
    return Measurement(
        figure,
        result.value,
        figure_verdict(figure, result.value),
        spec.description,
        inputs.source_903,
        result.numerator,
        result.denominator,
        shown_params(result.params, inputs.root),
        [shown_note(note, inputs.suppression_threshold) for note in result.notes],
        spec.unit,
        evidence=inputs.evidence_903,
    )
