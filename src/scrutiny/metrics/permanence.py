"""Children leaving care to permanence (adoption, SGO) and placed for adoption."""

from __future__ import annotations

from scrutiny.metrics.cohorts import counted_episodes
from scrutiny.metrics.result import MetricResult, Period
from scrutiny.privacy.suppression import CountNote
from scrutiny.ssda903.dataset import Dataset

ADOPTED = ("E11", "E12")
SGO = ("E43", "E44", "E45", "E46", "E47", "E48")
SGO_LEGACY = ("E43", "E44")
ADOPTION_PLACEMENTS = ("A3", "A4", "A5", "A6")


def adoptions(dataset: Dataset, period: Period) -> MetricResult:
    """Distinct children adopted: an episode ending in the period with REC E11 or E12."""
    return _ceased("adoptions", dataset, period, ADOPTED, [])


def sgo(dataset: Dataset, period: Period) -> MetricResult:
    """Distinct children leaving care on a special guardianship order (REC E43-E48)."""
    episodes = counted_episodes(dataset)
    legacy = int((episodes["REC"].isin(SGO_LEGACY) & period.contains(episodes["DEC"])).sum())
    notes = [CountNote(legacy, "{} SGO episodes use the legacy codes E43/E44")] if legacy else []
    return _ceased("sgo", dataset, period, SGO, notes)


def placed_for_adoption(dataset: Dataset, period: Period) -> MetricResult:
    """Distinct children whose placement for adoption (A3-A6) began in the period.

    An A3-A6 episode counts only when the child's previous episode (if any) was not A3-A6,
    so a change of legal status during an adoptive placement is not a new placement.
    """
    episodes = counted_episodes(dataset)
    adoptive = episodes["PLACE"].isin(ADOPTION_PLACEMENTS)
    previous_adoptive = adoptive.groupby(episodes["CHILD"]).shift(fill_value=False)
    placed = episodes.loc[
        adoptive & ~previous_adoptive & period.contains(episodes["DECOM"]), "CHILD"
    ]
    children = placed.nunique()
    notes = []
    if len(placed) > children:
        notes.append(
            CountNote(
                len(placed), f"{{}} placements for adoption began; {children} children counted"
            )
        )
    return MetricResult(
        "placed-for-adoption", period.to_params(), float(children), children, None, notes
    )


def _ceased(
    metric: str, dataset: Dataset, period: Period, reasons: tuple, notes: list[str]
) -> MetricResult:
    episodes = counted_episodes(dataset)
    ended = episodes["REC"].isin(reasons) & period.contains(episodes["DEC"])
    children = episodes.loc[ended, "CHILD"].nunique()
    return MetricResult(metric, period.to_params(), float(children), children, None, notes)
