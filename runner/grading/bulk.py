"""Grading many files at once: one engine per process, as many processes as cores, each file's results heard
as it is ready. A file the grader fails on gets an error of its own: no hand-in costs another its verdict
(issue 27)."""
import multiprocessing.util
import os
from concurrent.futures import ProcessPoolExecutor

from runner.grading.points import points_table, with_points
from runner.grading.seeds import grade_on_seeds, seeds_for_hand_in
from runner.judge import results as results_document

_engine = None
_seeding = None  # (the seeds named with --seed, or None; how many fresh seeds a hand-in gets otherwise)


def _start_worker(engine_name, exercise, isolation, seeding):
    global _engine, _seeding
    from runner.engines import make_engine

    _engine = make_engine(engine_name, exercise, isolation=isolation)
    _seeding = seeding
    # A pool's worker ends without running atexit: its engine's temporary files go here instead.
    multiprocessing.util.Finalize(None, _engine.close, exitpriority=10)


def _grade(item):
    return _finish(item, _grade_source(_engine, item[1], _seeding), _engine.exercise)


def _grade_source(engine, source, seeding):
    given, count = seeding
    try:
        return grade_on_seeds(engine, source, seeds_for_hand_in(given, count))
    except Exception as error:  # a defect a hostile hand-in found: this file's error, the batch goes on
        return results_document.error("harness", f"the grader failed on this file ({type(error).__name__}); the "
                                      "other files were graded: please report this file",
                                      seed=given[0] if given else None)


def _finish(item, results, exercise):
    path, _source, submission = item
    results = with_points({"file": path, **results}, points_table(exercise))
    if submission is not None:
        from runner.grading.submission import compare

        results["regrade"] = compare(submission, results, exercise)
    return results


def grade_files(exercise, engine_name, inputs, *, jobs=0, on_done=None, isolation="sandbox", seeds=None, seed_count=1):
    """Results for each (path, source, submission) in order; on_done hears each as it is ready, in order.
    Each file is graded on `seeds` if given (reproducing a grading), else on `seed_count` fresh secret seeds."""
    seeding = (seeds, seed_count)
    jobs = jobs or min(len(inputs), os.cpu_count() or 1)
    on_done = on_done or (lambda results: None)
    ordered = []
    if jobs <= 1:
        from runner.engines import make_engine

        engine = make_engine(engine_name, exercise, isolation=isolation)
        try:
            for item in inputs:
                ordered.append(_finish(item, _grade_source(engine, item[1], seeding), exercise))
                on_done(ordered[-1])
        finally:
            engine.close()
        return ordered
    with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(engine_name, exercise, isolation, seeding)) as pool:
        for results in pool.map(_grade, inputs):
            ordered.append(results)
            on_done(results)
    return ordered

