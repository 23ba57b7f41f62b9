"""`python -m papermill` after `import scrutiny`, so the driver skips what the kernel skips; the
driver dies with the build that started it (`scrutiny.lifetime`), its kernel soon after."""

from papermill.cli import papermill

from scrutiny.lifetime import die_with_parent

if __name__ == "__main__":
    die_with_parent()
    papermill()
