"""Points (issue 30): what each hidden test is worth, and each result's score. A test is worth 1 point unless
exercise.json's "points" says otherwise ({"test_relu_shape": 2, ...}, by test function name); a test scores
its points when it passes, else 0. Private tests count like the others (their names go into "points" too)."""


class PointsError(ValueError):
    pass


def points_table(exercise):
    """{test name: points} from exercise.json (empty when it has none); PointsError when malformed."""
    table = exercise.data.get("points", {})
    if not isinstance(table, dict):
        raise PointsError('exercise.json: "points" maps test names to numbers')
    for name, value in table.items():
        if type(value) not in (int, float) or value < 0 or value != value or value == float("inf"):
            raise PointsError(f'exercise.json: "points" of {name!r} must be a number of at least 0, not {value!r}')
    return dict(table)


def with_points(results, table):
    """`results` with each test's "score" and "max_score", and the totals."""
    tests = [{**test, "max_score": table.get(test["test"], 1), "score": 0} for test in results["tests"]]
    for test in tests:
        if test["status"] == "pass":
            test["score"] = test["max_score"]
    return {**results, "tests": tests, "score": sum(test["score"] for test in tests),
            "max_score": sum(test["max_score"] for test in tests)}
