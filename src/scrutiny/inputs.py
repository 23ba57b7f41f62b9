"""What a claim check reads: the 903 extract, the published extract, the quarter, the LA."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from scrutiny import ssda903
from scrutiny.contract import SYNTHETIC_MARKER
from scrutiny.errors import ConfigError, DataError, UnusableInput
from scrutiny.paths import project_root, resolve
from scrutiny.quarters import Quarter
from scrutiny.verdicts import ILLUSTRATIVE, REAL


def is_synthetic(data_903: Path) -> bool:
    folder = data_903 if data_903.is_dir() else data_903.parent
    return (folder / SYNTHETIC_MARKER).exists()


@dataclass
class Inputs:
    root: Path
    quarter: Quarter
    data_903: Path | None  # None: a pack of published statistics alone
    synthetic: bool
    published: Path
    la_code: str
    la_name: str
    register: Path | None = None
    groups: Path | None = None
    suppression_threshold: int = 5
    sn_edition: str = "2021-04"
    _failure: Exception | None = field(default=None, init=False, repr=False)

    @classmethod
    def from_params(
        cls,
        quarter: str,
        data_903: str,
        published_extract: str,
        la_code: str,
        la_name: str,
        suppression_threshold: int,
        register: str | None = None,
        groups: str = "",
        sn_edition: str = "2021-04",
    ) -> Inputs:
        """Inputs from a notebook's parameters: paths relative to the project folder. A threshold
        under 1 would publish every count, so no notebook runs with one (the pack also holds
        thresholds under 5 to a stated reason)."""
        if not isinstance(suppression_threshold, int) or suppression_threshold < 1:
            raise ConfigError(
                f"suppression_threshold must be a whole number of at least 1, "
                f"not {suppression_threshold!r}"
            )
        root = project_root()
        data = resolve(data_903, root) if data_903 else None
        return cls(
            root=root,
            quarter=Quarter.parse(quarter),
            data_903=data,
            synthetic=data is not None and is_synthetic(data),
            published=resolve(published_extract, root),
            la_code=la_code,
            la_name=la_name,
            register=resolve(register, root) if register else None,
            groups=resolve(groups, root) if groups else None,
            suppression_threshold=suppression_threshold,
            sn_edition=sn_edition,
        )

    @cached_property
    def dataset(self) -> ssda903.Dataset | None:
        """The validated 903 dataset, or None (with `failure` set) when it is unusable, or
        when the pack has no extract."""
        if self.data_903 is None:
            return None
        try:
            from scrutiny.cache import load_cached

            return load_cached(self.data_903)
        except (DataError, UnusableInput) as error:
            self._failure = error
            return None

    @property
    def failure(self) -> Exception | None:
        _ = self.dataset
        return self._failure

    @cached_property
    def extract(self):
        from scrutiny.published import load_extract

        return load_extract(self.published)

    @property
    def evidence_903(self) -> str:
        """Synthetic figures illustrate the method; only an authority's own extract is real."""
        return ILLUSTRATIVE if self.synthetic else REAL

    @property
    def extract_label(self) -> str:
        if self.data_903 is None:
            return "none given (published statistics only)"
        return ("synthetic demo: " if self.synthetic else "") + self.data_903.name

    @property
    def extract_key(self) -> str:
        """The extract's content hash for a provenance table ("none", "missing")."""
        from scrutiny.cache import cache_key

        if self.data_903 is None:
            return "none"
        return cache_key(self.data_903) if self.data_903.exists() else "missing"

    @property
    def source_903(self) -> str:
        kind = "synthetic demo authority" if self.synthetic else "the authority's SSDA903 extract"
        return f"903: {kind}"
