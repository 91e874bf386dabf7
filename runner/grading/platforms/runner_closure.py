"""The runner's files a program needs on a machine of its own (Gradescope's autograder: gradescope_export.py),
derived from its imports, so that no list of names is kept by hand.

From the program's module, every `runner` module its imports reach is followed (found with ast, those inside
functions too), and every package folder that holds one ships whole: all its files (the engines' programs they
start by path, the formats' schemas), and all its modules are followed in turn (cpython_student.py is started,
never imported). Sub-packages ship only when reached themselves. The runner's own folder is the exception: it
holds the command line and the entry points of the site, so only its modules reached ship, with the data beside
them (the results schema, runner/judge/results.py)."""
import ast
from pathlib import Path

RUNNER = Path(__file__).resolve().parents[2]
SOURCES = RUNNER.parent  # where `runner.x.y` is runner/x/y.py or runner/x/y/__init__.py


def runner_files(program):
    """{path relative to the runner's parent folder: path} of every file the module at `program` needs."""
    modules, queue = set(), [Path(program).resolve()]
    while queue:
        path = queue.pop()
        if path in modules:
            continue
        modules.add(path)
        queue.extend(_imported(path))
        if path.parent != RUNNER:
            queue.extend(path.parent.glob("*.py"))
    files = {}
    for folder in {path.parent for path in modules}:
        wanted = (lambda path: path in modules or path.suffix != ".py") if folder == RUNNER else (lambda path: True)
        files.update({path.relative_to(SOURCES).as_posix(): path for path in sorted(folder.iterdir())
                      if path.is_file() and path.suffix != ".pyc" and wanted(path)})
    return dict(sorted(files.items()))


def _imported(path):
    """The files of the runner's modules `path` imports, and of the packages they are in."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names]  # a name may be a module too
        else:
            continue
        for name in names:
            bits = name.split(".")
            for end in range(1, len(bits) + 1) if bits[0] == "runner" else ():
                found = _module_file(bits[:end])
                if found is not None:
                    yield found


def _module_file(bits):
    base = SOURCES.joinpath(*bits)
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate.resolve()
    return None
