"""`python -m papermill` after `import scrutiny`, so the driver skips what the kernel skips; the
driver dies with the build that started it (`scrutiny.lifetime`), its kernel soon after.

On Unix the kernel talks to papermill over Unix sockets in a folder only this user can open,
not over TCP ports on localhost: no other process can listen in on a notebook computed from
child-level data, and the kernel has no reason to warn "running over TCP without encryption".
"""

import atexit
import os
import shutil
import tempfile

from jupyter_client.manager import AsyncKernelManager
from papermill import clientwrap
from papermill.cli import papermill
from traitlets import default

from scrutiny.lifetime import die_with_parent


class PrivateKernelManager(AsyncKernelManager):
    @default("transport")
    def _default_transport(self) -> str:
        return "ipc"

    @default("ip")
    def _default_ip(self) -> str:
        folder = tempfile.mkdtemp(prefix="scrutiny-kernel-")  # mode 0700
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        return os.path.join(folder, "kernel")


def private_kernels() -> None:
    """Have papermill start its kernel with PrivateKernelManager."""
    client = clientwrap.PapermillNotebookClient
    start = client.__init__

    def __init__(self, nb_man, km=None, **kw):
        kw.setdefault("kernel_manager_class", PrivateKernelManager)
        start(self, nb_man, km=km, **kw)

    client.__init__ = __init__


if __name__ == "__main__":
    die_with_parent()
    if os.name == "posix":
        private_kernels()
    papermill()
