"""Grading many files at once: one engine per process, as many processes as cores, each file's results heard
as soon as it finishes (to be kept: resume.py) and in order. A file the grader fails on gets an error of its
own: no hand-in costs another its verdict (issue 27). A stop (Ctrl+C) starts no more files and lets the ones
being graded end, so that every engine cleans up after itself."""
import multiprocessing.util
import os
import signal
import threading
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

from runner.grading.points import points_table, with_points
from runner.grading.seeds import grade_on_seeds, seeds_for_hand_in
from runner.isolation.cgroups import GroupUnavailable
from runner.judge import results as results_document

_engine = None
_seeding = None  # (the seeds named with --seed, or None; how many fresh seeds a hand-in gets otherwise)


def _start_worker(engine_name, exercise, isolation, seeding):
    global _engine, _seeding
    from runner.engines import make_engine

    # Ctrl+C on a terminal reaches the whole process group: the parent decides how to stop (resume.py), and a
    # worker finishes its file. A handler, not SIG_IGN, which student processes started from here would inherit.
    signal.signal(signal.SIGINT, lambda _signum, _frame: None)
    _engine = make_engine(engine_name, exercise, isolation=isolation)
    _seeding = seeding
    # A pool's worker ends without running atexit: its engine's temporary files go here instead.
    multiprocessing.util.Finalize(None, _engine.close, exitpriority=10)


def _grade(item):
    return _finish(item, _grade_source(_engine, item[1], _seeding, _modules_of(item)), _engine.exercise)


def _modules_of(item):
    """An input's own `modules` ({name: source}, its 4th member), or None: the references exercise.json names."""
    return item[3] if len(item) > 3 else None


def _grade_source(engine, source, seeding, modules=None):
    given, count = seeding
    try:
        return grade_on_seeds(engine, source, seeds_for_hand_in(given, count), modules)
    except GroupUnavailable as error:  # never run without its memory budget (runner/isolation/cgroups.py)
        return results_document.error("harness", f"this hand-in was not run: {error}; grade it again",
                                      seed=given[0] if given else None)
    except Exception as error:  # a defect a hostile hand-in found: this file's error, the batch goes on
        return results_document.error("harness", f"the grader failed on this file ({type(error).__name__}); the "
                                      "other files were graded: please report this file",
                                      seed=given[0] if given else None)


def _finish(item, results, exercise):
    path, submission = item[0], item[2]
    results = with_points({"file": path, **results}, points_table(exercise))
    if submission is not None:
        from runner.grading.submission import compare

        results["regrade"] = compare(submission, results, exercise)
    return results


class Stopped(Exception):
    """grade_files stopped early, as `stop` asked."""


def grade_files(exercise, engine_name, inputs, *, jobs=0, on_done=None, on_finished=None, stop=None,
                isolation="sandbox", seeds=None, seed_count=1):
    """Results for each (path, source, submission) or (path, source, submission, modules) in order (`modules`:
    {name: source} the file imports instead of the references exercise.json names); on_done hears each as it is
    ready, in order, and
    on_finished(index, results) each as soon as its file finishes. Each file is graded on `seeds` if given
    (reproducing a grading), else on `seed_count` fresh secret seeds. Once `stop` (an Event) is set, no file
    starts, what finishes is not heard (a Ctrl+C may have reached the student too), and Stopped is raised
    when the files being graded have ended."""
    seeding = (seeds, seed_count)
    jobs = jobs or min(len(inputs), os.cpu_count() or 1)
    stop = stop or threading.Event()
    ready, ordered = {}, []

    def finished(index, results):
        if stop.is_set():
            raise Stopped()
        if on_finished:
            on_finished(index, results)
        ready[index] = results
        while len(ordered) in ready:
            ordered.append(ready.pop(len(ordered)))
            if on_done:
                on_done(ordered[-1])

    if not inputs:
        return ordered
    if jobs <= 1:
        from runner.engines import make_engine

        engine = make_engine(engine_name, exercise, isolation=isolation)
        try:
            for index, item in enumerate(inputs):
                if stop.is_set():
                    raise Stopped()
                finished(index, _finish(item, _grade_source(engine, item[1], seeding, _modules_of(item)), exercise))
        finally:
            engine.close()
        return ordered
    pool = ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(engine_name, exercise, isolation, seeding))
    try:
        waiting = {pool.submit(_grade, item): index for index, item in enumerate(inputs)}
        while waiting:
            done, _ = wait(waiting, timeout=0.2, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=waiting.get):
                finished(waiting.pop(future), future.result())
            if stop.is_set():
                raise Stopped()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return ordered
