"""The benchmark: the built site against a baseline page, measured in the same run (issue 6)."""
