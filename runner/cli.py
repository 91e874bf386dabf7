"""The command line: `python -m runner check | merge | validate | export | build | serve | bench | pyodide`.

It parses the arguments, calls what does the work and prints what comes back: `check` is runner/grading/check.py
(`check --track`: runner/grading/track_check.py), `merge` runner/grading/merge.py.

Exit codes (check): 0 every file passed all tests; 1 at least one file did not; 2 bad input (a missing file,
a directory, a link, FIFO or device, a file too large, not UTF-8 or not Python: the other files are still
graded) or bad usage; 3 the sandbox cannot start here (no bubblewrap, user namespaces disabled or
restricted, not Linux); 130 stopped by Ctrl+C (what finished is kept: the same command goes on). `merge`
exits as the one check would, or 2 on shards it refuses. Errors are one line on stderr. Whatever came from a
hand-in reaches the terminal made safe (runner/grading/terminal_text.py); the JSON output is exact.
"""
import argparse
import json
import sys
from pathlib import Path

from runner.grading.check import EXIT_BAD_INPUT, EXIT_FAIL, EXIT_PASS

ROOT = Path(__file__).resolve().parents[1]


def _seed_list(text):
    from runner.grading.seeds import parse_seed_list

    try:
        return parse_seed_list(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _shard(text):
    from runner.grading.shards import parse_shard

    try:
        return parse_shard(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _parser():
    parser = argparse.ArgumentParser(prog="python -m runner", description="Grade solutions to the exercise.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="run the hidden tests against solution files")
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument("--json", action="store_true", help="print one JSON document (a list of results)")
    check.add_argument("--format", choices=["exercism", "gradescope", "github-classroom", "prairielearn"],
                       help="print the results as this platform reads them: one document for one file, else a "
                            "list (runner/grading/formats/)")
    check.add_argument("--engine", choices=["cpython", "pyodide"], default="cpython",
                       help="cpython (default) or pyodide: Node running the self-hosted Pyodide")
    check.add_argument("--exercise", default=str(ROOT / "exercise"), help="the exercise folder")
    check.add_argument("--jobs", type=int, default=0, help="files graded at once (default: one per core)")
    check.add_argument("--summary", metavar="FILE.csv|FILE.json",
                       help="also write one row per file, one column per test")
    check.add_argument("--summary-layout", choices=["tests", "canvas", "moodle"], default="tests",
                       help="the summary's columns: one per test (default), or the CSV Canvas's gradebook import "
                            "or Moodle's grading worksheet takes")
    check.add_argument("--seed", type=_seed_list, metavar="N[,N...]",
                       help="grade on these data seeds, to reproduce a grading (default: fresh secret seeds)")
    check.add_argument("--seeds", type=int, default=1, metavar="K",
                       help="grade each file on K fresh seeds; a test passes only if it passes on all")
    check.add_argument("--private-tests", metavar="DIR",
                       help="also run the tests in DIR, which never reach the site (default: exercise.json's)")
    check.add_argument("--isolation", choices=["sandbox", "user", "none"], default="sandbox",
                       help="how each student process is isolated: sandbox (bubblewrap, default); user, where "
                            "bubblewrap cannot start (a Docker container): an unprivileged uid of its own, as root, "
                            "with the tests closed to other users; none: as --no-sandbox")
    check.add_argument("--no-sandbox", dest="isolation", action="store_const", const="none",
                       help="run solutions with your own rights, outside the sandbox: only for files you trust")
    check.add_argument("--shard", type=_shard, metavar="K/N",
                       help="grade only this machine's share K of N (by a hash of each hand-in's name); with --json "
                            "print the shard's document, which `merge` takes")
    check.add_argument("--track", metavar="TRACK.json",
                       help="grade each FILE as a student's whole track (a track-submission .json, or a folder of "
                            "<step>.py files): every step with its own exercise, in order (--exercise is not read)")
    check.add_argument("--progress", metavar="DIR",
                       help="keep each result in DIR as its file finishes, so that the same command goes on where "
                            "it stopped (default: FILE.progress beside the --summary; none without one)")
    merge = commands.add_parser("merge", help="put the shards of one re-grade (check --shard K/N --json) together")
    merge.add_argument("shards", nargs="+", metavar="SHARD", help="each shard's JSON document, every one of 1..N")
    merge.add_argument("--json", action="store_true", help="print the results as one check --json would")
    merge.add_argument("--format", choices=["exercism", "gradescope", "github-classroom", "prairielearn"],
                       help="print the results as this platform reads them, as check --format would")
    merge.add_argument("--summary", metavar="FILE.csv|FILE.json", help="write the summary one check would")
    merge.add_argument("--summary-layout", choices=["tests", "canvas", "moodle"], default="tests")
    validate = commands.add_parser("validate", help="check the hidden tests against reference, starter, wrong solutions")
    validate.add_argument("--exercise", default=str(ROOT / "exercise"))
    validate.add_argument("--engine", choices=["cpython", "pyodide", "both"], default="both")
    validate.add_argument("--seeds", type=int, default=20, metavar="K",
                          help="fresh seeds the reference must pass on (default 20)")
    validate.add_argument("--wrong-seeds", type=int, default=3, metavar="K",
                          help="of those, how many each wrong solution is graded on (default 3)")
    validate.add_argument("--seed", type=_seed_list, metavar="N[,N...]", help="validate on these seeds instead")
    validate.add_argument("--private-tests", metavar="DIR", help="validate the hidden tests and the private ones in DIR")
    validate.add_argument("--track", metavar="TRACK.json",
                          help="check this track's manifest, then validate each of its steps (issue 36)")
    validate.add_argument("--step", metavar="SLUG[,SLUG...]", help="with --track: validate these steps only")
    bench = commands.add_parser("bench", help="measure the site against the baseline page (figures, ratios)")
    bench.add_argument("--exercise", default=str(ROOT / "exercise"))
    bench.add_argument("--track", metavar="TRACK.json",
                       help="measure each step's page against ReLU's instead (cold first result, re-run, slowest test)")
    bench.add_argument("--runs", type=int, default=5)
    bench.add_argument("--reruns", type=int, default=20)
    bench.add_argument("--memory-runs", type=int, default=100, help="runs before the second memory figure")
    bench.add_argument("--quick", action="store_true",
                       help="one run, two re-runs, memory after 3, no throttling, a first visit kept 1 s; the re-grade of "
                            "2 files once")
    bench.add_argument("--out", default=str(ROOT / "build" / "bench.json"))
    bench.add_argument("--bulk", default=str(ROOT / "tests" / "submissions"), metavar="DIR",
                       help="the hand-ins whose re-grade throughput is measured (check --jobs, both engines)")
    bench.add_argument("--bulk-jobs", type=int, default=2)
    bench.add_argument("--bulk-rounds", type=int, default=3)
    bench.add_argument("--only", choices=["pages", "bulk", "browsers"],
                       help="measure only the pages (Chromium), the re-grade, or Firefox and WebKit")
    bench.add_argument("--browsers", default="firefox,webkit",
                       help="the other browsers measured (cold first result and Stop), comma-separated")
    export = commands.add_parser("export", help="write what a course platform runs to grade: Gradescope's autograder.zip")
    export.add_argument("platform", choices=["gradescope"])
    export.add_argument("--out", help="the zip to write (default autograder.zip); with --track, the folder that "
                        "gets one <step>/autograder.zip per step (default autograders)")
    export.add_argument("--exercise", default=str(ROOT / "exercise"))
    export.add_argument("--track", metavar="TRACK.json", help="one autograder for each step of this track")
    export.add_argument("--step", metavar="SLUG", help="with --track: this step's only")
    export.add_argument("--private-tests", metavar="DIR", help="private tests to grade with too (default: exercise.json's)")
    pyodide = commands.add_parser("pyodide", help="assemble and verify the self-hosted Pyodide")
    pyodide.add_argument("--force", action="store_true")
    build = commands.add_parser("build", help="write the static site")
    build.add_argument("--out", default=str(ROOT / "dist"))
    build.add_argument("--exercise", default=str(ROOT / "exercise"))
    build.add_argument("--track", metavar="TRACK.json", help="every step of this track, each in a folder of its own")
    build.add_argument("--pyodide-cdn", action="store_true",
                       help="load Pyodide 0.27.7 from the official CDN instead of serving it")
    serve = commands.add_parser("serve", help="build the site and serve it on 127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--out", default=str(ROOT / "dist"))
    serve.add_argument("--exercise", default=str(ROOT / "exercise"))
    return parser


def main(argv=None):
    from runner.course.track import TrackError
    from runner.judge.exercise import ExerciseError

    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except (ExerciseError, TrackError) as error:  # one line naming the file and the field; nothing written
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _run(args):
    if args.command == "pyodide":
        from runner.assembly import pyodide_dist

        print(pyodide_dist.assemble(force=args.force))
        return EXIT_PASS if pyodide_dist.verify() else EXIT_FAIL
    if args.command == "bench":
        from runner.bench.measure import run_benchmark
        from runner.judge.exercise import Exercise

        quick = args.quick
        if args.track:
            from runner.bench.steps import run_steps_benchmark
            from runner.course.track import Track

            run_steps_benchmark(Track.load(args.track), runs=1 if quick else args.runs, reruns=2 if quick else 5,
                                out=Path(args.out).with_name("bench-steps.json"))
            return EXIT_PASS
        bulk = {"folder": args.bulk, "jobs": args.bulk_jobs, "rounds": 1 if quick else args.bulk_rounds,
                "limit": 2 if quick else 0}
        browsers = {"names": [name for name in args.browsers.split(",") if name], "runs": 1 if quick else args.runs}
        run_benchmark(Exercise.load(args.exercise), runs=1 if quick else args.runs,
                      reruns=2 if quick else args.reruns, throttled=not quick, out=args.out,
                      memory_runs=3 if quick else args.memory_runs, pages=args.only in (None, "pages"),
                      bulk=bulk if args.only in (None, "bulk") else None,
                      browsers=browsers if args.only in (None, "browsers") and browsers["names"] else None,
                      **({"stay_ms": 1000} if quick else {}))
        return EXIT_PASS
    if args.command == "validate":
        from runner.engines import make_engine
        from runner.judge.exercise import Exercise
        from runner.grading.private_tests import NoPrivateTests, with_private_tests
        from runner.grading.seeds import seeds_for_hand_in
        from runner.authoring.validate import validate

        if args.step and not args.track:
            print("error: --step names a step of the track given with --track", file=sys.stderr)
            return EXIT_BAD_INPUT
        if args.track and args.private_tests:
            print("error: --private-tests is for one exercise: validate that step with --exercise", file=sys.stderr)
            return EXIT_BAD_INPUT
        seeds = seeds_for_hand_in(args.seed, args.seeds)
        names = ["cpython", "pyodide"] if args.engine == "both" else [args.engine]

        # The instructor's own files: graded as the page grades them, outside the sandbox (issue 20).
        def engines_for(exercise):
            return (make_engine(name, exercise, isolation="none") for name in names)

        if args.track:  # the track's steps only: the --exercise default is not read
            from runner.authoring.validate_track import validate_track
            from runner.course.track import Track

            problems = validate_track(Track.load(args.track), engines_for, sys.stdout, step=args.step, seeds=seeds,
                                      wrong_seeds=max(1, args.wrong_seeds))
            return EXIT_PASS if problems == 0 else EXIT_FAIL
        try:
            exercise, _suite = with_private_tests(Exercise.load(args.exercise), args.private_tests)
        except NoPrivateTests as error:
            print(f"error: {error}", file=sys.stderr)
            return EXIT_BAD_INPUT
        return EXIT_PASS if validate(exercise, engines_for(exercise), sys.stdout, seeds=seeds,
                                     wrong_seeds=max(1, args.wrong_seeds)) == 0 else EXIT_FAIL
    if args.command == "export":
        from runner.grading.platforms.gradescope_export import NoPrivateTests, export
        from runner.judge.exercise import Exercise

        try:
            if args.track:
                from runner.course.track import Track

                track = Track.load(args.track)
                steps = [track.step(args.step)] if args.step else track.steps
                for step in steps:
                    print(export(step.exercise, Path(args.out or "autograders") / step.slug / "autograder.zip"))
            else:
                print(export(Exercise.load(args.exercise), args.out or "autograder.zip", args.private_tests))
        except NoPrivateTests as error:
            print(f"error: {error}", file=sys.stderr)
            return EXIT_BAD_INPUT
        return EXIT_PASS
    if args.command in ("build", "serve"):
        from runner.site.build import build
        from runner.judge.exercise import Exercise

        if getattr(args, "track", None):
            from runner.course.track import Track
            from runner.site.build_track import build_track

            out = build_track(Track.load(args.track), args.out, pyodide_cdn=args.pyodide_cdn)
        else:
            out = build(Exercise.load(args.exercise), args.out, pyodide_cdn=getattr(args, "pyodide_cdn", False))
        if args.command == "build":
            print(out)
            return EXIT_PASS
        from runner.site.serve import serve

        serve(out, "127.0.0.1", args.port)
        return EXIT_PASS
    if args.command == "merge":
        return merge(args)
    return check(args)


def merge(args):
    """`merge`: the grading package's merge (runner/grading/merge.py), printed."""
    from runner.grading.merge import merge as merge_shards

    outcome = merge_shards(args.shards, format="json" if args.json else args.format, summary=args.summary,
                           summary_layout=args.summary_layout)
    for line in outcome.messages:
        print(line, file=sys.stderr)
    if outcome.document is not None:
        print(json.dumps(outcome.document, indent=1))
    return outcome.exit_code


def check(args):
    """`check`: the grading package's check (runner/grading/check.py), printed: messages on stderr as they come,
    each file's report as it is graded (and, for several files, a progress bar), the JSON document at the end."""
    from runner.grading.check import CheckRequest, check as grade
    from runner.grading.terminal_report import draw_progress, format_report

    labels = []  # a track's steps, named as its report names them (read once the track is graded)

    def on_graded(results, done, total):
        draw_progress(results["file"], done, total)
        if not (args.json or args.format):
            print(track_report(results) if args.track else format_report(results), flush=True)

    def track_report(results):
        from runner.course.track import Track
        from runner.grading.track_check import format_track_report, step_labels

        labels[:] = labels or step_labels(Track.load(args.track))
        return format_track_report(results, labels)

    request = CheckRequest(files=tuple(args.files), exercise=args.exercise, engine=args.engine,
                           isolation=args.isolation, jobs=args.jobs, seeds=tuple(args.seed or ()), seed_count=args.seeds,
                           private_tests=args.private_tests, format="json" if args.json else args.format,
                           summary=args.summary, summary_layout=args.summary_layout, shard=args.shard,
                           progress=args.progress, track=args.track)
    outcome = grade(request, on_message=lambda line: print(line, file=sys.stderr), on_graded=on_graded)
    if outcome.document is not None:
        print(json.dumps(outcome.document, indent=1))
    return outcome.exit_code
