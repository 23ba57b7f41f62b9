"""In JupyterLab as in `scrutiny pack`, a definition override naming no figure's parameter is
an error naming the closest one (it would otherwise change nothing, silently)."""

from __future__ import annotations

import pytest

from scrutiny.errors import ConfigError
from scrutiny.pages.claim import open_check

NOTEBOOK_PARAMS = {  # claim.ipynb's parameters cell
    "claim_id": "born-into-care-15-1",
    "quarter": "2022Q1",
    "data_903": "evidence/data/synthetic",
    "published_extract": "evidence/data/published",
    "register": "evidence/claims.yml",
    "groups": "",
    "la_code": "E06000002",
    "la_name": "Middlesbrough",
    "suppression_threshold": 5,
    "sn_edition": "2021-04",
}


def test_a_misspelt_override_names_the_closest_key():
    with pytest.raises(ConfigError, match="'max_age_dayz'; did you mean 'max_age_days'"):
        open_check(**NOTEBOOK_PARAMS, definition={"max_age_dayz": 27})


def test_a_known_override_is_used():
    check = open_check(**NOTEBOOK_PARAMS, definition='{"max_age_days": 27}')
    assert check.definition == {"max_age_days": 27}
