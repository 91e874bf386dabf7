"""Host only: how a grading machine isolates each student process from the grader and from every other
hand-in: bubblewrap's sandbox (sandbox.py; sandbox_exec.py runs inside it, seccomp_filter.py and cgroups.py
are its filter and budgets) or, where bubblewrap cannot start, an unprivileged uid of its own
(unprivileged.py)."""
