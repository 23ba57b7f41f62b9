"""nbval's kernel gets one more start when it dies starting, and a second death says why."""

import pytest

from scrutiny.pack import nbval_kernel


def fake_starts(monkeypatch, deaths: int):
    """start_new_kernel that dies `deaths` times (writing to the kernel's stderr), then starts."""
    calls = []

    def start(*, startup_timeout, kernel_name, stderr, cwd):
        calls.append(kernel_name)
        if len(calls) <= deaths:
            stderr.write(f"zmq.error.ZMQError: Address already in use (start {len(calls)})\n")
            stderr.flush()
            raise RuntimeError("Kernel died before replying to kernel_info")
        return "manager", "client"

    monkeypatch.setattr(nbval_kernel, "start_new_kernel", start)
    monkeypatch.setattr(nbval_kernel.RestartingKernel, "_ensure_iopub_up", lambda self: None)
    return calls


def test_a_kernel_that_dies_once_is_started_again(monkeypatch):
    calls = fake_starts(monkeypatch, deaths=1)
    kernel = nbval_kernel.RestartingKernel("python3", cwd=".")
    assert (kernel.km, kernel.kc) == ("manager", "client")
    assert calls == ["python3", "python3"]


def test_a_second_death_is_reported_with_the_kernels_stderr(monkeypatch):
    calls = fake_starts(monkeypatch, deaths=2)
    with pytest.raises(RuntimeError) as raised:
        nbval_kernel.RestartingKernel("python3")
    assert len(calls) == 2
    assert "Kernel died before replying to kernel_info, 2 times" in str(raised.value)
    assert "Address already in use (start 2)" in str(raised.value)


def test_nbval_starts_its_kernels_through_the_plugin():
    from nbval import plugin

    assert plugin.RunningKernel is nbval_kernel.RestartingKernel
