"""Check a scrutiny panel's numeric claims about children looked after against source data."""

__version__ = "0.1.0"

from scrutiny.fastimport import skip_iri_checker

skip_iri_checker()
