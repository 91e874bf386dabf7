"""`python -m runner merge SHARD...`: the shards of one re-grade (each machine's `check --shard K/N --json`)
put together into what one `check` of the whole class would have given: the results in the same order, the
summary in any layout, the platform documents, the exit code. A shard file has travelled between machines (a
CI artifact, a batch job's output), so it is read as hostile input (saved_results.py: bounded, every result
checked), and the set is refused, with one line, unless it is every shard 1..N of one re-grade exactly once:
the same exercise and tests, the same hand-ins and grading settings, each hand-in in the shard its name
hashes to (shards.py) and in one shard only."""
from pathlib import Path

from runner.grading.check import EXIT_BAD_INPUT, CheckOutcome, document_for, exit_code_of
from runner.grading.saved_results import Unsound, problem, read_json
from runner.grading.shards import SHARD_FORMAT, SHARD_VERSION, shard_of
from runner.grading.terminal_text import safe_name, safe_text

MAX_SHARD_BYTES = 512 * 1024 * 1024
REFUSED_PREFIX = "not graded: "


class ShardRefused(Exception):
    """Why the shards cannot be merged, in one line."""


def merge(paths, *, format=None, summary=None, summary_layout="tests"):
    """The CheckOutcome one check of every shard's hand-ins would have given, from the shard files at `paths`;
    exit code 2 and one "error:" line when they are not every shard of one re-grade once."""
    outcome = CheckOutcome(EXIT_BAD_INPUT)
    try:
        shards = [(str(path), _read(path)) for path in paths]
        everything, title = _combine(shards)
    except ShardRefused as error:
        outcome.messages.append(f"error: {error}")
        return outcome
    for results in everything:
        if results.get("kind") == "refused":  # as check said when it refused the file
            reason = results.get("message") or ""
            reason = reason[len(REFUSED_PREFIX):] if reason.startswith(REFUSED_PREFIX) else reason
            outcome.messages.append(f"error: {safe_name(results['file'])}: {safe_text(reason)}")
    outcome.results = everything
    outcome.document = document_for(format, everything)
    if summary:
        from runner.grading.summary import write_summary

        write_summary(everything, summary, summary_layout, title)
    outcome.exit_code = exit_code_of(everything)
    return outcome


def _read(path):
    """The shard document at `path`, every field merge reads checked; ShardRefused saying why not."""
    name = safe_name(str(path))
    try:
        shard = read_json(Path(path), MAX_SHARD_BYTES)
    except Unsound as why:
        raise ShardRefused(f"{name}: not a shard of check --shard K/N --json ({why})") from None
    if not isinstance(shard, dict) or shard.get("format") != SHARD_FORMAT or shard.get("version") != SHARD_VERSION:
        raise ShardRefused(f"{name}: not a shard's document (check --shard K/N --json prints one)")
    where, exercise = shard.get("shard"), shard.get("exercise")
    if not (isinstance(where, dict) and _whole(where.get("count"), 1) and _whole(where.get("index"), 1)
            and where["index"] <= where["count"]):
        raise ShardRefused(f"{name}: its shard is not K of N")
    if not (isinstance(exercise, dict) and all(isinstance(exercise.get(key), str)
                                               for key in ("id", "version", "title", "fingerprint"))):
        raise ShardRefused(f"{name}: does not say which exercise it grades")
    if not (_whole(shard.get("hand_ins"), 0) and isinstance(shard.get("batch"), str)
            and isinstance(shard.get("grading"), dict) and isinstance(shard.get("results"), list)):
        raise ShardRefused(f"{name}: does not say which re-grade it is part of")
    for entry in shard["results"]:
        if not (isinstance(entry, dict) and _whole(entry.get("position"), 0)
                and entry["position"] < shard["hand_ins"]):
            raise ShardRefused(f"{name}: a result without its place among the hand-ins")
        why = problem(entry.get("results"))
        if why:
            raise ShardRefused(f"{name}: {why}")
        if shard_of(entry["results"]["file"], where["count"]) != where["index"]:
            raise ShardRefused(f"{name}: holds {safe_name(entry['results']['file'])}, which is not in shard "
                               f"{where['index']}/{where['count']}")
    return shard


def _whole(value, least):
    return type(value) is int and value >= least


def _combine(shards):
    """(every result in the order one check gives them, the exercise's title), or ShardRefused."""
    first_path, first = shards[0]
    count = first["shard"]["count"]
    by_index = {}
    for path, shard in shards:
        name, exercise = safe_name(path), shard["exercise"]
        if exercise != first["exercise"]:
            raise ShardRefused(f"{name}: from another exercise than {safe_name(first_path)} ({_exercise(exercise)}, "
                               f"not {_exercise(first['exercise'])})")
        if shard["shard"]["count"] != count:
            raise ShardRefused(f"{name}: is shard {shard['shard']['index']}/{shard['shard']['count']}, but "
                               f"{safe_name(first_path)} is one of {count}")
        if (shard["batch"], shard["hand_ins"], shard["grading"]) != (first["batch"], first["hand_ins"], first["grading"]):
            raise ShardRefused(f"{name}: from another re-grade than {safe_name(first_path)} (other hand-ins, or "
                               "graded otherwise: engine, isolation or seeds)")
        index = shard["shard"]["index"]
        if index in by_index:
            raise ShardRefused(f"shard {index}/{count} given twice: {safe_name(by_index[index])} and {name}")
        by_index[index] = path
    missing = [f"{index}/{count}" for index in range(1, count + 1) if index not in by_index]
    if missing:
        raise ShardRefused(f"shard{'s' if len(missing) > 1 else ''} {', '.join(missing)} missing: merge takes every "
                           f"shard 1..{count} of the re-grade")
    placed = {}
    for path, shard in shards:
        for entry in shard["results"]:
            if entry["position"] in placed:
                raise ShardRefused(f"{safe_name(path)}: hand-in #{entry['position'] + 1} is in two shards, or twice")
            placed[entry["position"]] = entry["results"]
    if len(placed) != first["hand_ins"]:
        raise ShardRefused(f"the shards hold {len(placed)} of the re-grade's {first['hand_ins']} hand-ins")
    return [placed[position] for position in range(first["hand_ins"])], first["exercise"]["title"]


def _exercise(exercise):
    return (f"{safe_text(exercise['id'])!r} version {safe_text(exercise['version'])}, tests "
            f"{safe_text(exercise['fingerprint'][:12])}")
