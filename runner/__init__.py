"""The grader: harness (runs in every engine), command line, engines, page and build."""
