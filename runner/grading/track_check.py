"""`check --track`: grading each student's hand-in of a whole track (issue 36), step by step in the manifest's
order, every student's code for one step in one batch (bulk.py's grade_files, through check.py, which owns
check's behaviour and exit codes). A step is graded on the references of the steps it imports, as on the
page, except a step the manifest marks "own_code" (the capstone): there each import is the student's own code
for that step when that step passed, else the reference, and its results say which ("built_on")."""
from runner.grading.handin_files import Refused
from runner.grading.terminal_report import format_report
from runner.grading.terminal_text import safe_name, safe_text
from runner.grading.track_handin import read_hand_ins
from runner.judge import results as results_document


def open_track(request, say):
    """(the track, each hand-in as track_handin.py reads it) for a `check --track` request, having said each
    refusal; (None, []) when the request cannot be graded as asked, having said why."""
    from runner.course.track import Track, TrackError

    try:
        track = Track.load(request.track)
    except TrackError as error:
        say(f"error: {error}")
        return None, []
    problem = usage_problem(request, track)
    if problem is not None:
        say(problem)
        return None, []
    hand_ins = read_hand_ins(track, request.files)
    for line in (line for hand_in in hand_ins for line in hand_in.problems()):
        say(line)
    return track, hand_ins


def usage_problem(request, track):
    """The "error:" line for a `check --track` request that cannot be graded as asked, or None."""
    if request.shard is not None:
        return ("error: --shard does not take --track (merge puts one exercise's shards together): grade a track's "
                "hand-ins on one machine, or split them between machines and keep each summary")
    if request.private_tests:
        return ("error: --private-tests is for one exercise: with --track each step grades with the private tests "
                "its exercise.json names")
    own = [step.slug for step in track.steps if step.own_code]
    if own and request.engine == "pyodide" and request.isolation != "sandbox":
        return (f"error: --engine pyodide outside the sandbox cannot grade step {own[0]!r} on a student's own "
                "modules: grade the track in the sandbox, or with --engine cpython")
    return None


def step_labels(track):
    """[(slug, "Step 3, Linear layers")] in the track's order: how summaries and documents name each step."""
    return [(step.slug, f"Step {step.number}, {step.exercise.data.get('title', step.slug)}") for step in track.steps]


def grade_track(track, hand_ins, grade_step, say):
    """Each hand-in's track results (runner/judge/results.py's track_document), in order. `hand_ins` are
    track_handin.py's; grade_step(step, inputs) grades [(name, source, submission, modules or None)] with that
    step's exercise as check grades hand-ins, and returns their results in order."""
    graded = {}  # (hand-in's index, slug): results
    for step in track.steps:
        references = step.exercise.import_sources() if step.own_code else None
        inputs, owners = [], []
        for index, hand_in in enumerate(hand_ins):
            entry = None if hand_in.refused else hand_in.steps.get(step.slug)
            if entry is None or isinstance(entry, Refused):
                continue
            modules, built_on = _own_modules(track, references, hand_in, index, graded) if step.own_code \
                else (None, None)
            inputs.append((hand_in.name_of(step.slug), *entry, modules))
            owners.append((index, built_on))
        if not inputs:
            continue
        say(f"note: step {step.number} of {len(track.steps)} ({step.slug}): grading {len(inputs)} "
            f"hand-in{'s' if len(inputs) > 1 else ''}")
        for (index, built_on), results in zip(owners, grade_step(step, inputs)):
            if built_on is not None:
                results = results_document.with_built_on(results, built_on)
            graded[index, step.slug] = results
    maxima = {step.slug: _step_max(step, [results for (_index, slug), results in graded.items() if slug == step.slug],
                                   grade_step) for step in track.steps}
    return [_track_results(track, hand_in, index, graded, maxima) for index, hand_in in enumerate(hand_ins)]


def _own_modules(track, references, hand_in, index, graded):
    """({module: source}, {module: "yours" or "reference"}) for an own-code step: the student's code for each
    step it imports where that step passed, else the reference (the manifest checked each is an earlier step)."""
    by_module = {step.module: step for step in track.steps if step.module}
    modules, built_on = {}, {}
    for name, reference in references.items():
        earlier = by_module[name].slug
        if graded.get((index, earlier), {}).get("status") == "pass":
            modules[name], built_on[name] = hand_in.steps[earlier][0], "yours"
        else:
            modules[name], built_on[name] = reference, "reference"
    return modules, built_on


def _step_max(step, graded, grade_step):
    """The points a step is worth: as its graded results say (a results document lists every test even when
    the code does not import); when no hand-in's results list a test (nobody handed the step in), as an
    empty solution's results say, graded once."""
    found = [results["max_score"] for results in graded if results.get("tests")]
    if found:
        return max(found)
    [probe] = grade_step(step, [(f"(no hand-in of step {step.slug}: its points)", "", None, None)])
    return probe.get("max_score", 0)


def _track_results(track, hand_in, index, graded, maxima):
    total = sum(maxima.values())
    if hand_in.refused is not None:
        return results_document.track_refused(hand_in.file, track.id, f"not graded: {hand_in.refused}", total,
                                              **hand_in.student)
    steps = {}
    for step in track.steps:
        entry, name = hand_in.steps.get(step.slug), hand_in.name_of(step.slug)
        if (index, step.slug) in graded:
            steps[step.slug] = graded[index, step.slug]
        elif isinstance(entry, Refused):
            steps[step.slug] = results_document.error("refused", f"not graded: {entry}", file=name, score=0,
                                                      max_score=maxima[step.slug])
        else:
            steps[step.slug] = results_document.error("missing", "not handed in", file=name, score=0,
                                                      max_score=maxima[step.slug])
    return results_document.track_document(hand_in.file, track.id, steps, total, **hand_in.student)


def format_track_report(results, labels):
    """A readable report of one hand-in's track results, safe to print: a line for the hand-in, then each step's
    report (terminal_report.py's) under its label, with whose modules an own-code step was built on."""
    who = f" ({safe_name(results['student'])})" if results.get("student") else ""
    message = safe_text(results.get("message", ""))
    lines = [f"{safe_name(results['file'])}{who}: {results['status'].upper()}: {message}, "
             f"{results['score']:g} of {results['max_score']:g} points"]
    for slug, label in labels:
        step = results["steps"].get(slug)
        if step is None:
            continue
        lines.append(f"  {label}: {step['score']:g} of {step['max_score']:g} points")
        if step.get("kind") in ("missing", "refused"):
            lines.append(f"    {safe_text(step['message'])}")
            continue
        if step.get("built_on"):
            lines.append(f"    {results_document.built_on_sentence(step['built_on'])}")
        lines.extend("    " + line for line in format_report(step).split("\n"))
    return "\n".join(lines)
