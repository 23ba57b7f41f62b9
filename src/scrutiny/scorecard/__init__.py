"""The quarterly scorecard: the authority against its DfE statistical neighbours.

For each indicator in evidence/indicators.yml: the authority's published figures over the
years, with its statistical neighbours' average and range (edition "2021-04" or "2025-05"), its
region and England (`published_history`); the latest published year's value, its target
(default: the neighbour average that year), the gap (value - target), the direction of travel
since the previous published year, a RAG status, and the authority's own figure for the pack's
quarter from its 903 data (`build_scorecard`); and the index page's summary
(`scorecard_summary`).

RAG rule (indicators with a polarity; neutral ones get none): green = at the target or better;
amber = worse than the target by no more than 10% of the target; red = worse by more.
"""

from scrutiny.scorecard.history import published_history
from scrutiny.scorecard.indicators import Indicator, load_indicators
from scrutiny.scorecard.rules import direction, rag
from scrutiny.scorecard.table import build_scorecard, scorecard_summary

__all__ = [
    "Indicator",
    "build_scorecard",
    "direction",
    "load_indicators",
    "published_history",
    "rag",
    "scorecard_summary",
]
