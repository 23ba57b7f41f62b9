"""Keep notebooks/ as sources: outputs are stripped whenever a notebook is saved or by hand.

The pack's evidence comes only from papermill in a fresh kernel; an analyst's run saved into
notebooks/claim.ipynb would make every notebook look changed and fail the stripped-notebook
test. `make lab` runs JupyterLab with the project's `jupyter_server_config.py`, which calls
`pre_save_hook` on every save; `make strip` (`python -m scrutiny.lab FILE...`) does the same
to files on disk.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

# What a run leaves behind: papermill's records and JupyterLab's cell timings.
RUN_METADATA = ("papermill", "execution", "widgets")
# The kernel every notebook names, whatever the lab that saved it calls it ("Python 3
# (ipykernel)", a virtualenv's name): a save must not show as a change in git.
KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}


def strip(notebook: dict) -> dict:
    """`notebook` (nbformat 4, as a dict) without outputs, execution counts, papermill's
    injected parameters cell or run metadata; `language_info` is cut to the language name and
    the kernelspec is the project's."""
    notebook["cells"] = [
        cell
        for cell in notebook.get("cells", [])
        if "injected-parameters" not in cell.get("metadata", {}).get("tags", [])
    ]
    for cell in notebook["cells"]:
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        for key in RUN_METADATA:
            cell.get("metadata", {}).pop(key, None)
    metadata = notebook.setdefault("metadata", {})
    for key in RUN_METADATA:
        metadata.pop(key, None)
    if "language_info" in metadata:
        metadata["language_info"] = {"name": metadata["language_info"].get("name", "python")}
    metadata["kernelspec"] = dict(KERNELSPEC)
    return notebook


def pre_save_hook(model: dict, **kwargs) -> None:
    """jupyter_server's ContentsManager.pre_save_hook: strip a notebook before it is written."""
    if model.get("type") == "notebook" and isinstance(model.get("content"), dict):
        strip(model["content"])


def strip_file(path: Path) -> bool:
    """Strip the notebook at `path` in place; True when that changed the file."""
    before = path.read_text("utf-8")
    node = nbformat.reads(before, as_version=4)
    after = nbformat.writes(nbformat.from_dict(strip(node)))
    if not after.endswith("\n"):
        after += "\n"
    if after == before:
        return False
    path.write_text(after, "utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    paths = [Path(arg) for arg in (sys.argv[1:] if argv is None else argv)]
    missing = [str(path) for path in paths if not path.is_file()]
    if missing:
        print(f"strip: no such notebook: {', '.join(missing)}", file=sys.stderr)
        return 2
    for path in paths:
        try:
            changed = strip_file(path)
        except (ValueError, nbformat.reader.NotJSONError) as error:
            print(f"strip: {path}: not a notebook ({error})", file=sys.stderr)
            return 2
        print(f"{path}: {'outputs stripped' if changed else 'already stripped'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
