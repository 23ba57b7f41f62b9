"""Privacy: what a pack may show of children's records, decided here and nowhere else.

- `suppression`: small counts. A claim's own figure (its headline, the registered row of its
  sensitivity table) is shown as measured, since the panel published it and the page must
  test exactly that; every breakdown (a chart's series, the other definitions, a scorecard
  cell, a data-quality note's count) hides counts from 1 to `suppression_threshold` - 1, with
  a secondary cell where a total would reveal one and nested definitions checked pairwise.
  The threshold has a floor of 5 (DfE convention) unless the params say why.
- `scan`: the last gate before a pack is published: no CHILD id, UPN, date of birth or
  postcode of the 903 input in any file, as a reader sees it (`page_text`).
"""
