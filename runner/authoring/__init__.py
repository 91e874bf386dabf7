"""The instructor's side: checking a hidden-test suite against the reference, the starter and the wrong
solutions before it is published."""
