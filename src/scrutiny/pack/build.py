"""Build a quarter's pack: validate inputs, run stale notebooks, render, index, swap in.

The pack is built in a temporary folder beside the old one and swapped in only when every
step has succeeded, so an interrupted or failed build leaves the previous pack untouched.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from scrutiny.cache import load_cached
from scrutiny.catalogue import figure_metrics
from scrutiny.claims import Register, check_definition, load_register
from scrutiny.contract import RESULT_MIMETYPE, SCORECARD_MIMETYPE
from scrutiny.errors import BuildFailed, ConfigError
from scrutiny.groups import load_groups
from scrutiny.pack import index
from scrutiny.pack.changes import Pack, by_key
from scrutiny.pack.changes_page import SetAside, previous_pack, write_changes
from scrutiny.pack.execute import read_result, run_all
from scrutiny.pack.only import restrict
from scrutiny.pack.packs_index import write_packs_index
from scrutiny.pack.plan import (
    Job,
    input_hashes,
    plan_jobs,
    stale,
)
from scrutiny.pack.private import PRIVATE, default_target, refuse_tracked
from scrutiny.pack.relative import relative_paths
from scrutiny.pack.render import render_html
from scrutiny.pack.stylesheet import write_stylesheet
from scrutiny.pack.swap import exchange
from scrutiny.pack.target import real_target
from scrutiny.pack.trust import seal
from scrutiny.params import load_params
from scrutiny.paths import resolve
from scrutiny.privacy.scan import scan_pack
from scrutiny.published import load_extract


@dataclass
class BuildReport:
    out: Path
    ran: list[str]
    reused: list[str]
    warnings: list[str] = field(default_factory=list)


def notebooks_of(root: Path) -> list[Path]:
    """Every notebook a pack may run: the claim notebook, the conclusions', the scorecard."""
    return sorted((root / "notebooks").glob("*.ipynb"))


def extract_path(params: dict, root: Path) -> Path | None:
    """The 903 extract the params name, or None for a pack of published statistics alone."""
    return resolve(params["data_903"], root) if params.get("data_903") else None


def check_inputs(root: Path, params: dict) -> None:
    """Fail before touching anything when the 903 extract or the published extract is bad."""
    data_903 = extract_path(params, root)
    if data_903 is not None:
        load_cached(data_903)  # raises DataError; parsed once a pack
    extract = load_extract(resolve(params["published_extract"], root))
    if params.get("sn_edition"):  # the neighbours every page sets the authority beside
        try:
            extract.statistical_neighbours(params["la_code"], params["sn_edition"])
        except ConfigError as error:
            raise ConfigError(f"params la_code and sn_edition: {error}") from None
    if params.get("groups"):
        load_groups(resolve(params["groups"], root))


def previous_manifest(pack: Path) -> dict:
    try:
        return json.loads((pack / "manifest.json").read_text())
    except (OSError, ValueError):
        return {}


def scratch(target: Path, kind: str, pid: int | None = None) -> Path:
    """A build's own folder beside the pack: `.building-...` or `.previous-...`."""
    return target.with_name(f".{kind}-{target.name}-{pid or os.getpid()}")


def process_alive(pid: int) -> bool:
    """Whether a build's process still runs (a killed one not yet reaped is a zombie: dead)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state != "Z"


def abandoned(target: Path, kind: str) -> list[Path]:
    """Scratch folders of `kind` for `target` whose build process is gone (killed)."""
    prefix = f".{kind}-{target.name}-"
    found = []
    for path in sorted(target.parent.glob(f"{prefix}*")):
        pid = path.name.removeprefix(prefix)
        if pid.isdigit() and not process_alive(int(pid)):
            found.append(path)
    return found


def clear_abandoned(target: Path) -> None:
    """Tidy up after a killed build: put back a pack it had moved aside, drop its scratch."""
    for old in abandoned(target, "previous"):
        if target.exists():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.rename(target)
    for build in abandoned(target, "building"):
        shutil.rmtree(build, ignore_errors=True)


def refuse_foreign(target: Path) -> None:
    """Never replace a folder this tool did not build: `--out` may be a slip (`--out rendered`,
    a folder of someone's files), and a pack is swapped in by deleting what was there."""
    if not target.exists():
        return
    if not target.is_dir():
        raise ConfigError(f"{target} is a file, not a pack folder; choose another --out")
    if not any(target.iterdir()):
        return
    manifest = previous_manifest(target)
    if not ("scrutiny" in manifest and "notebooks" in manifest):
        raise ConfigError(
            f"refusing to build into {target}: it holds files but no pack of this tool "
            "(no manifest.json written by scrutiny), and building would replace them; "
            "choose a new or empty folder"
        )


class BuildLock:
    """One build at a time per pack: a second one stops with a clear message, not a race."""

    def __init__(self, target: Path):
        self.target = target
        self.path = target.with_name(f".lock-{target.name}")

    def __enter__(self) -> BuildLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                holder = self.path.read_text().strip() or "0"
                if holder.isdigit() and process_alive(int(holder)):
                    raise ConfigError(
                        f"another build (process {holder}) is writing {self.target}; "
                        "wait for it to finish"
                    ) from None
                self.path.unlink(missing_ok=True)  # left by a killed build
                continue
            os.write(fd, str(os.getpid()).encode())
            os.close(fd)
            return self
        raise ConfigError(f"cannot take the build lock {self.path}")

    def __exit__(self, *exc) -> None:
        self.path.unlink(missing_ok=True)


def swap_in(build: Path, target: Path) -> None:
    """The new pack in place of the old: exchanged in one step where the system can (a reader
    never finds the path empty), else moved aside and in."""
    if target.exists() and exchange(build, target):
        shutil.rmtree(build, ignore_errors=True)  # now the old pack
        return
    old = scratch(target, "previous")
    if target.exists():
        target.rename(old)
    build.rename(target)
    shutil.rmtree(old, ignore_errors=True)


@dataclass
class Plan:
    """What one build does: every planned job, the stale ones to run, and where."""

    root: Path
    params: dict
    register: Register
    inputs: dict[str, str]
    planned: list[Job]
    todo: list[Job]
    previous: dict
    target: Path
    old: Pack | SetAside | None = None  # the pack this one is compared with (changes.html)
    conflicts: list[dict] = field(default_factory=list)  # the index's, read before notebooks


def build_pack(
    root: Path,
    quarter: str | None = None,
    params_file: Path | None = None,
    out: Path | None = None,
    jobs: int = 2,
    only: list[str] | None = None,
    timeout: int = 600,
    progress: bool = True,
    since: Path | None = None,
) -> BuildReport:
    if jobs < 1 or timeout < 1:
        flag, value = ("--jobs", jobs) if jobs < 1 else ("--timeout", timeout)
        raise ConfigError(f"{flag} must be 1 or more, not {value}")
    params, _ = load_params(root, notebooks_of(root), quarter, params_file)
    register = load_register(resolve(params["register"], root), figure_metrics())
    check_definition(params.get("definition") or {}, register)
    claim_ids = [c.id for c in register.claims]
    unknown = sorted(set(only or []) - set(claim_ids) - {"scorecard"})
    if unknown:
        raise ConfigError(f"--only: no claim {', '.join(unknown)} in the register")
    data_903 = extract_path(params, root)
    target = real_target(out or default_target(root, params["quarter"], data_903))  # before lock
    refuse_tracked(target, data_903, root, params["quarter"])
    refuse_foreign(target)
    old = previous_pack(target, params["quarter"], since)  # a bad --since is refused first
    check_inputs(root, params)  # bad input is refused before the lock: it writes nothing
    with BuildLock(target):
        report = locked_build(
            root, params, register, claim_ids, target, only, jobs, timeout, progress, old
        )
    if isinstance(old, SetAside):
        report.warnings.append(old.warning)
    if target.parent.resolve() in {
        (root / "rendered").resolve(),
        (root / "rendered" / PRIVATE).resolve(),
    }:
        write_packs_index(target.parent)
    return report


def locked_build(
    root: Path,
    params: dict,
    register: Register,
    claim_ids: list[str],
    target: Path,
    only: list[str] | None,
    jobs: int,
    timeout: int,
    progress: bool,
    old: Pack | SetAside | None = None,
) -> BuildReport:
    if target.parent.exists():
        clear_abandoned(target)
    inputs = input_hashes(root, params)
    notebooks = {c.id: c.notebook for c in register.claims}
    planned = plan_jobs(root, params, claim_ids, inputs, notebooks)
    previous = previous_manifest(target)
    todo = stale(planned, previous, target if target.exists() else None)
    if only:
        todo = restrict(todo, only, target, previous)
    if not todo and up_to_date(previous, params, inputs, target) and same_since(old, target):
        return BuildReport(target, [], sorted(job.name for job in planned))
    conflicts = index.conflicts_in(root, params, register)  # a bad document stops us now
    plan = Plan(root, params, register, inputs, planned, todo, previous, target, old, conflicts)
    target.parent.mkdir(parents=True, exist_ok=True)
    build = scratch(target, "building")
    shutil.rmtree(build, ignore_errors=True)
    build.mkdir()
    try:
        return finish(plan, build, jobs, timeout, progress)
    finally:
        shutil.rmtree(build, ignore_errors=True)


def up_to_date(previous: dict, params: dict, inputs: dict[str, str], target: Path) -> bool:
    """Nothing to run and the index was built from these same params and inputs."""
    return (
        previous.get("params") == params
        and previous.get("inputs") == inputs
        and (target / "index.html").exists()
    )


def same_since(old: Pack | SetAside | None, target: Path) -> bool:
    """The pack in place was compared with the same earlier quarter (or with none, or set the
    same folder aside)."""
    try:
        changes = json.loads((target / "changes.json").read_text())
        since, set_aside = changes["old"], changes.get("set_aside")
    except (OSError, ValueError, KeyError, TypeError):
        return False
    if isinstance(old, SetAside):
        return since is None and (set_aside or {}).get("folder") == old.folder.name
    return set_aside is None and (since or {}).get("quarter") == (old.quarter if old else None)


def finish(plan: Plan, build: Path, jobs: int, timeout: int, progress: bool) -> BuildReport:
    running = {job.name for job in plan.todo}
    for job in plan.planned:
        if job.name not in running:
            for suffix in (".ipynb", ".html"):
                shutil.copy2(plan.target / f"{job.name}{suffix}", build / f"{job.name}{suffix}")

    def page_of(job: Job) -> None:
        relative_paths(build / f"{job.name}.ipynb", job.notebook, plan.root)
        render_html(build / f"{job.name}.ipynb")

    outcomes = run_all(plan.todo, build, plan.root, jobs, timeout, progress, page_of)
    failed = [o for o in outcomes if not o.ok]
    if failed:
        raise BuildFailed(failure_message(failed, keep_failed(failed, build, plan.target)))
    seconds = {o.job.name: round(o.seconds, 2) for o in outcomes}
    notebooks = {}
    for job in plan.planned:
        if job.name in running:
            notebooks[job.name] = {
                "key": job.key,
                "status": "ok",
                "seconds": seconds[job.name],
                "parameters": job.parameters,
                "inputs": job.inputs,
            }
        else:
            notebooks[job.name] = {**plan.previous["notebooks"][job.name], "reused": True}
    write_index(plan, build, notebooks)
    pages = [build / f"{job.name}.html" for job in plan.planned] + [build / "changes.html"]
    write_stylesheet(build, pages)
    data_903 = extract_path(plan.params, plan.root)
    if data_903 is not None:  # without an extract the pack holds no child identifier to find
        scan_pack(build, data_903, resolve(plan.params["published_extract"], plan.root))
    swap_in(build, plan.target)
    return BuildReport(plan.target, sorted(running), sorted(set(notebooks) - running))


def keep_failed(failed: list, build: Path, target: Path) -> Path:
    """The failed notebooks, executed up to the error with its traceback, for the analyst:
    beside the pack in a folder git ignores (they may hold figures from child-level data)."""
    kept = target.with_name(f".failed-{target.name}")
    shutil.rmtree(kept, ignore_errors=True)
    kept.mkdir(parents=True)
    for outcome in failed:
        executed = build / f"{outcome.job.name}.ipynb"
        if executed.exists():
            shutil.copy2(executed, kept / executed.name)
    return kept


def failure_message(failed: list, kept: Path) -> str:
    lines = []
    for outcome in failed:
        notebook = kept / f"{outcome.job.name}.ipynb"
        where = (
            f"\n    the notebook, run up to the error with its traceback: {notebook}"
            if notebook.exists()
            else ""
        )
        lines.append(f"{outcome.job.name}: {outcome.error}{where}")
    return (
        f"{len(failed)} notebook(s) failed; the previous pack is unchanged:\n  "
        + "\n  ".join(lines)
        + "\nWhat to do: open the notebook in JupyterLab to see the failing cell. If the claim "
        "cannot apply to your authority, take it out of your register (or give its figure "
        "`source: none`); if the data are at fault, `scrutiny validate` names the rows; "
        "otherwise report the traceback as a bug."
    )


def write_index(plan: Plan, build: Path, notebooks: dict) -> None:
    """index.html, verdicts.json and manifest.json from the executed notebooks' results."""
    claims = [job.name for job in plan.planned if job.name != "scorecard"]
    results = [read_result(build / f"{name}.ipynb", RESULT_MIMETYPE) for name in claims]
    scorecard_nb = build / "scorecard.ipynb"
    scorecard = read_result(scorecard_nb, SCORECARD_MIMETYPE) if scorecard_nb.exists() else None
    extract = load_extract(resolve(plan.params["published_extract"], plan.root))
    rows = index.verdict_rows(results)
    index.write_json(build / "verdicts.json", rows)
    manifest = index.manifest(plan.root, plan.params, plan.inputs, notebooks, plan.register)
    changes = write_changes(build, plan.target, plan.old, Pack(build, manifest, by_key(rows)))
    manifest["files"] = seal(build)  # a later pack compares with this one only as built
    index.write_json(build / "manifest.json", manifest)
    index.render_index(
        build,
        plan.root,
        plan.params,
        results,
        scorecard,
        plan.inputs,
        plan.register,
        extract.provenance["sources"],
        changes,
        plan.conflicts,
    )
