#!/usr/bin/env bash
# GitHub Classroom's runner step (issue 30): grades the student's solution.py with the hidden tests and hands
# the grading reporter (classroom-resources/autograding-grading-reporter) the result, base64-encoded as this
# step's `result` output. Usage, from the repository's root: github_classroom_step.sh [solution.py]
# The step succeeds whatever the grade: the reporter shows each test and marks the run failed when one failed.
set -uo pipefail
solution=${1:-solution.py}
python=${PYTHON:-python3}
output=${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set: run this as a GitHub Actions step}
result=$("$python" -m runner check "$solution" --format github-classroom --no-sandbox)
if [ -z "$result" ]; then  # the grader itself failed: an error result, so that the reporter says so
  result='{"version": 1, "status": "error", "max_score": 0, "tests": []}'
fi
printf 'result=%s\n' "$(printf '%s' "$result" | base64 -w0)" >> "$output"
