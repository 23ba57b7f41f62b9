"""Find the numeric claims in a panel's documents, and the places where documents disagree."""
