"""`python -m runner validate --track`: the track's manifest checked whole, then every step (or one) validated as
its own exercise, each in fresh engines (issue 36)."""
from runner.authoring.validate import validate


def validate_track(track, engines_for, out, *, step=None, seeds, wrong_seeds):
    """Validate `step` (a slug, or several separated by commas) or every step of `track`; `engines_for(exercise)`
    gives a step's engines. Returns the number of problems (the manifest itself was checked when `track` loaded)."""
    steps = [track.step(slug.strip()) for slug in step.split(",")] if step else list(track.steps)
    print(f"track {track.title!r} ({track.path}): {len(track.steps)} steps, the manifest is sound", file=out)
    total = 0
    for each in steps:
        print(f"\nstep {each.number} {each.slug}: {each.exercise.directory}", file=out, flush=True)
        total += validate(each.exercise, engines_for(each.exercise), out, seeds=seeds, wrong_seeds=wrong_seeds)
    print(f"\n{'valid' if total == 0 else f'{total} problem(s)'}: {len(steps)} of the track's {len(track.steps)} "
          "steps validated", file=out)
    return total
