# JupyterLab settings for this project, read by `make lab` (JUPYTER_CONFIG_PATH points here).
# Every notebook saved from the lab is stored without outputs: notebooks/ holds sources, and the
# pack's outputs come only from papermill (see src/scrutiny/lab.py).
c = get_config()  # noqa: F821 (defined by Jupyter when it reads this file)
c.ContentsManager.pre_save_hook = "scrutiny.lab.pre_save_hook"
