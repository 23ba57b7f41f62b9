"""What the notebooks call: one module per kind of page, each step a library call that shows
its result and returns it (a DataFrame or a chart) for an analyst to explore in JupyterLab.

- `claim`: any claim's page (the register's figures, verdicts, sensitivity, charts);
- `conclusions`: the extra steps of the conclusion notebooks that argue a panel conclusion;
- `scorecard`: the quarter's scorecard of DfE indicators.

The pack reads these pages' results through `scrutiny.contract`, never by importing them.
"""
