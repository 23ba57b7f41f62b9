"""Which notebooks a pack needs, with what parameters, and which are stale.

A job's key hashes everything its outputs depend on: the notebook, the parameters it receives,
the input files, the library's source and the lock. A job whose key matches the previous
pack's is copied, not re-run.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from scrutiny.cache import cache_key
from scrutiny.contract import INDICATORS
from scrutiny.errors import ConfigError
from scrutiny.hashing import file_sha256
from scrutiny.params import notebook_parameters
from scrutiny.paths import resolve
from scrutiny.regular_files import walk

CLAIM_NOTEBOOK = "notebooks/claim.ipynb"
SCORECARD_NOTEBOOK = "notebooks/scorecard.ipynb"


@dataclass(frozen=True)
class Job:
    name: str  # output file stem: the claim id, or "scorecard"
    notebook: Path
    parameters: dict
    key: str
    inputs: dict  # content hashes of what the page reads, its notebook included


def tree_hash(paths: list[Path], base: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(f"{path.relative_to(base)}|{file_sha256(path)}\n".encode())
    return digest.hexdigest()


def library_hash() -> str:
    """The library's own source: a code change re-runs every notebook."""
    package = Path(__file__).resolve().parents[1]
    files = [p for p in package.rglob("*") if p.suffix in {".py", ".yml", ".j2", ".css"}]
    return tree_hash(files, package)


INDEX_ONLY = {"documents"}  # read by the index page alone: a change re-runs no notebook
DOCUMENT_SUFFIXES = {".txt", ".md", ".html", ".htm", ".pdf"}


def document_paths(root: Path, params: dict) -> list[Path]:
    """The panel's documents in the params' folder (none when unset or absent); a link in it
    must lead inside it."""
    folder = resolve(params["documents_dir"], root) if params.get("documents_dir") else None
    if folder is None or not folder.is_dir():
        return []

    def document(path: Path) -> bool:  # README: the folder's own
        return path.suffix.lower() in DOCUMENT_SUFFIXES and path.stem.lower() != "readme"

    return walk(folder, keep=document, descend=lambda _: False)


def input_hashes(root: Path, params: dict) -> dict[str, str]:
    """Content hashes of every input the notebooks read, named for the manifest."""
    published = resolve(params["published_extract"], root)
    hashes = {
        "903": cache_key(resolve(params["data_903"], root)) if params.get("data_903") else "none",
        "published": tree_hash([p for p in published.rglob("*") if p.is_file()], published),
        "register": file_sha256(resolve(params["register"], root)),
        "library": library_hash(),
        "lock": file_sha256(root / "requirements.lock"),
    }
    if params.get("groups"):
        hashes["groups"] = file_sha256(resolve(params["groups"], root))
    if (root / INDICATORS).exists():
        hashes["indicators"] = file_sha256(root / INDICATORS)
    documents = document_paths(root, params)
    if documents:
        hashes["documents"] = tree_hash(documents, documents[0].parent)
    return hashes


def page_inputs(notebook: Path, inputs: dict[str, str]) -> dict[str, str]:
    """What one page reads, recorded in the manifest so `--only` can tell a page out of date."""
    read = {k: v for k, v in inputs.items() if k not in INDEX_ONLY}
    return {**read, "notebook": file_sha256(notebook)}


def job_key(parameters: dict, read: dict[str, str]) -> str:
    digest = hashlib.sha256(json.dumps(parameters, sort_keys=True, default=str).encode())
    digest.update(json.dumps(read, sort_keys=True).encode())
    return digest.hexdigest()[:32]


def plan_jobs(
    root: Path,
    params: dict,
    claim_ids: list[str],
    inputs: dict[str, str],
    notebooks: dict[str, str] | None = None,
) -> list[Job]:
    """One job per claim, run in its conclusion's notebook (`notebooks`: id -> name) or the
    general claim notebook, then the scorecard when its notebook exists."""
    jobs = []
    targets = [
        (cid, claim_notebook(root, (notebooks or {}).get(cid)), {"claim_id": cid})
        for cid in claim_ids
    ]
    if (root / SCORECARD_NOTEBOOK).exists():
        targets.append(("scorecard", root / SCORECARD_NOTEBOOK, {}))
    for name, notebook, own in targets:
        declared = notebook_parameters(notebook)
        parameters = {k: v for k, v in params.items() if k in declared} | own
        read = page_inputs(notebook, inputs)
        jobs.append(Job(name, notebook, parameters, job_key(parameters, read), read))
    return jobs


def claim_notebook(root: Path, name: str | None) -> Path:
    """notebooks/<name>.ipynb, which must exist; the general claim notebook by default."""
    if name is None or name == "claim":
        return root / CLAIM_NOTEBOOK
    path = root / "notebooks" / f"{name}.ipynb"
    if not path.is_file():
        raise ConfigError(f"the register names notebook {name!r}: there is no {path}")
    return path


def stale(jobs: list[Job], previous: dict, previous_dir: Path | None) -> list[Job]:
    """Jobs whose key differs from the previous pack's, or whose outputs are missing."""
    done = previous.get("notebooks", {})

    def fresh(job: Job) -> bool:
        entry = done.get(job.name)
        return (
            previous_dir is not None
            and entry is not None
            and entry.get("key") == job.key
            and entry.get("status") == "ok"
            and (previous_dir / f"{job.name}.ipynb").exists()
            and (previous_dir / f"{job.name}.html").exists()
        )

    return [job for job in jobs if not fresh(job)]
