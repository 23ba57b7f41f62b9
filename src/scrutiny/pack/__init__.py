"""Build the quarterly evidence pack: plan, execute, render, index, check, swap in."""
