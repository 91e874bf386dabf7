#!/usr/bin/env bash
# Gradescope runs this as root for each submission: grades what is in /autograder/submission and writes
# /autograder/results/results.json (runner/grading/platforms/gradescope_autograder.py).
cd /autograder/source || exit 1
exec /autograder/venv/bin/python -m runner.grading.platforms.gradescope_autograder
