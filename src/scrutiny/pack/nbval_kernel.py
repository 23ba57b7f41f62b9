"""A pytest plugin for `make validate`: nbval's kernel gets one more start if it dies starting.

nbval sends the kernel's stderr to /dev/null and fails every cell of a notebook whose kernel
exits before answering kernel_info, which happens rarely under load (CI, stop 27). The pack's
runner already starts such a kernel once more (pack/execute.py); this does the same for nbval,
and a second death is reported with what the kernel wrote. Only the start is retried: a cell
whose output differs still fails. Load with `pytest -p scrutiny.pack.nbval_kernel --nbval`.
"""

from __future__ import annotations

import tempfile

from nbval import plugin
from nbval.kernel import RunningKernel, start_new_kernel

STARTS = 2


class RestartingKernel(RunningKernel):
    def __init__(self, kernel_name, cwd=None, startup_timeout=60):
        for start in range(1, STARTS + 1):
            # The kernel keeps its own handle on the file; ours only reads it after a death.
            with tempfile.TemporaryFile("w+") as stderr:
                try:
                    self.km, self.kc = start_new_kernel(
                        startup_timeout=startup_timeout,
                        kernel_name=kernel_name,
                        stderr=stderr,
                        cwd=cwd,
                    )
                    break
                except RuntimeError as error:
                    if start == STARTS:
                        stderr.seek(0)
                        said = " | ".join(stderr.read().strip().splitlines()[-5:])
                        raise RuntimeError(
                            f"{error}, {STARTS} times; the kernel wrote: "
                            f"{said or 'nothing to stderr'}"
                        ) from None
        self._ensure_iopub_up()


plugin.RunningKernel = RestartingKernel
