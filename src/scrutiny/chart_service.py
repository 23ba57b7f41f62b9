"""Draw a chart as SVG: one warm renderer for a whole pack build, or the kernel's own.

vl-convert starts a JavaScript engine the first time a process draws a chart (0.5-0.7 s), and
every notebook of a pack runs in a fresh kernel: that start was a seventh of a cold build.
While a pack builds, the build process serves drawings from its one engine on a Unix socket
named in SCRUTINY_CHART_SOCKET; a kernel without the variable (JupyterLab, nbval) or without a
reachable build draws the chart itself. Both call the same function on the same spec, so the
bytes are the same: `make validate` compares the committed pack's charts, drawn by the build,
with those its own kernels draw.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import socketserver
import struct
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from altair.vegalite.v6.display import svg_renderer

SOCKET_VARIABLE = "SCRUTINY_CHART_SOCKET"
LENGTH = struct.Struct(">I")  # each message: its length, then that many bytes of JSON
_drawing = threading.Lock()


def draw(spec: dict) -> str:
    """The Vega-Lite spec as SVG, drawn in this process (altair's vl-convert call)."""
    return svg_renderer(spec)["image/svg+xml"]


def svg(spec: dict) -> str:
    """The spec as SVG, from the build's renderer while a pack builds, else drawn here."""
    address = os.environ.get(SOCKET_VARIABLE)
    if address:
        try:
            answer = _ask(address, spec)
        except OSError:  # not built by a pack after all, or the build has gone: draw it here
            return draw(spec)
        if "error" in answer:
            raise ValueError(answer["error"])
        return answer["svg"]
    return draw(spec)


def _send(connection: socket.socket, message: dict) -> None:
    body = json.dumps(message).encode("utf-8")
    connection.sendall(LENGTH.pack(len(body)) + body)


def _receive(connection: socket.socket) -> dict:
    size = LENGTH.unpack(_exactly(connection, LENGTH.size))[0]
    return json.loads(_exactly(connection, size).decode("utf-8"))


def _exactly(connection: socket.socket, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = connection.recv(min(left, 1 << 20))
        if not chunk:
            raise ConnectionError("the chart renderer closed the connection mid-message")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _ask(address: str, spec: dict) -> dict:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.connect(address)
        _send(connection, {"spec": spec})
        return _receive(connection)


class _Drawing(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        spec = _receive(self.request)["spec"]
        try:
            with _drawing:
                answer = {"svg": draw(spec)}
        except Exception as error:  # the kernel raises it, as a local draw would have
            answer = {"error": f"{type(error).__name__}: {error}"}
        _send(self.request, answer)


@contextmanager
def serving() -> Iterator[dict[str, str]]:
    """Serve drawings while the block runs; yields the environment a kernel needs to ask (empty
    where the platform has no Unix sockets, and kernels draw their own)."""
    if not hasattr(socket, "AF_UNIX"):
        yield {}
        return
    folder = tempfile.mkdtemp(prefix="scrutiny-charts-")  # short: socket paths are capped
    address = os.path.join(folder, "socket")
    server = socketserver.ThreadingUnixStreamServer(address, _Drawing)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="chart-renderer", daemon=True)
    thread.start()
    try:
        yield {SOCKET_VARIABLE: address}
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(folder, ignore_errors=True)
