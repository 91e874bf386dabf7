"""The grader, by where each part runs (docs/architecture.md, "Where each file sits"): judge/, student/ and
shared/ run inside the interpreters; pyodide_engine/ and web/ in the browser; engines/, isolation/, grading/,
authoring/, site/, assembly/, browsers/ and bench/ on the host, under the command line (cli.py)."""
