"""What identifies a re-grade across runs and machines, and `check --shard K/N`'s share of it. A hand-in is
known by its name as `check` lists it (the path given, or `archive.zip:member`) and its content; an exercise by
its id, version, title and a hash of exercise.json and every test file it grades with (private ones too); a
grading by that and how it grades (engine, isolation, seeds). A shard takes the hand-ins whose name hashes to
it: the same share on every machine and in every run, whatever else is in the class, so that N machines given
the same files grade each once (merge.py puts the shards together again)."""
import hashlib
import json
from pathlib import Path

SHARD_FORMAT = "check-shard"
SHARD_VERSION = 1


def parse_shard(text):
    """(K, N) from `K/N` with 1 <= K <= N, or ValueError."""
    try:
        index, count = (int(part) for part in str(text).split("/"))
    except ValueError:
        raise ValueError(f"--shard takes K/N (this machine's share K of N), not {text!r}") from None
    if not 1 <= index <= count or count > 10_000:
        raise ValueError(f"--shard K/N needs 1 <= K <= N <= 10000, not {text!r}")
    return index, count


def shard_of(name, count):
    """Which of `count` shards (1..count) grades the hand-in named `name`."""
    digest = hashlib.sha256(str(name).encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def _digest(value):
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode("ascii")).hexdigest()


def exercise_identity(exercise):
    """{"id", "version", "title", "fingerprint"}: the fingerprint changes when exercise.json or any test file
    (hidden or private) does, so that results graded with other tests are never taken for these."""
    files = [("exercise.json", hashlib.sha256((Path(exercise.directory) / "exercise.json").read_bytes()).hexdigest())]
    tests = Path(exercise.tests_dir)
    for path in sorted(tests.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            files.append((path.relative_to(tests).as_posix(), hashlib.sha256(path.read_bytes()).hexdigest()))
    return {"id": exercise.id, "version": exercise.version, "title": exercise.data.get("title", exercise.id),
            "fingerprint": _digest(files)}


def grading_identity(request):
    """What the results of a grading depend on besides the hand-in and the exercise: how it is graded."""
    return {"engine": request.engine, "isolation": request.isolation,
            "seeds": list(request.seeds), "seed_count": request.seed_count}


def hand_in_identities(inputs):
    """For each (name, source, submission) in order: a hash of its name, content and, for a name and content
    given more than once, which time it is (each copy is graded on its own seeds, as in one run)."""
    seen, identities = {}, []
    for name, source, submission in inputs:
        content = _digest([source, submission])
        occurrence = seen[(name, content)] = seen.get((name, content), 0) + 1
        identities.append(_digest([name, content, occurrence]))
    return identities


def batch_identity(grading, names):
    """The whole class's grading: how it is graded and every hand-in's name, in order (shards of one re-grade
    share it; shards of another class or another grading do not)."""
    return _digest([grading, list(names)])


def shard_document(index, count, exercise, grading, batch, total, positioned):
    """What `check --shard K/N --json` prints: which shard of which re-grade it is, and its results, each with
    its position among all hand-ins (merge.py)."""
    return {"format": SHARD_FORMAT, "version": SHARD_VERSION, "shard": {"index": index, "count": count},
            "exercise": exercise, "grading": grading, "batch": batch, "hand_ins": total,
            "results": [{"position": position, "results": results} for position, results in positioned]}
