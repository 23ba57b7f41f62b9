"""Published notebooks name their paths within the project: papermill records the absolute
paths it ran from and wrote to, which would show the building machine's folders."""

from __future__ import annotations

from pathlib import Path

import nbformat


def relative_paths(notebook: Path, source: Path, root: Path) -> None:
    """Rewrite papermill's input and output paths as the project and the pack know them."""
    book = nbformat.read(notebook, as_version=4)
    run = book.metadata.get("papermill")
    if run is None:
        return
    run["input_path"] = source.relative_to(root).as_posix()
    run["output_path"] = notebook.name
    nbformat.write(book, notebook)
