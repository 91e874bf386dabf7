"""A course's track (issue 36): the manifest of steps, host-side only."""
