"""The grading machine's side: what `python -m runner check` does with hand-ins, which it treats as hostile
(their bytes, names and types, their replies and their printed text): reading them, sandboxing their
students, and writing what comes of them to a terminal or a file."""
