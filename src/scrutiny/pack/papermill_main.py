"""`python -m papermill` after `import scrutiny`, so the driver skips what the kernel skips."""

from papermill.cli import papermill

if __name__ == "__main__":
    papermill()
