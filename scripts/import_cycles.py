"""No import cycle between modules, lazy imports included (a step of scripts/test).

    .venv/bin/python scripts/import_cycles.py [ROOT]

Reads every Python module of the packages at ROOT (the repository by default: each top-level
directory with an ``__init__.py``, but the tests and the benchmarks; migrations left out), and
every import statement in it wherever it stands: at module level, inside a function, under
``if TYPE_CHECKING:``. Each imported name is resolved to the longest module it names, and a
package's ``__init__`` is a module of its own: ``from directory.models import PlacePage`` depends
on the ``directory.models`` facade, and so on everything that facade imports. import-linter's
layers contract keeps the apps in order; this keeps the modules inside an app in order too.

Prints each cycle (its modules, then the import statements that close it, with file and line)
and exits 1 if there is any; otherwise prints how many modules were read and exits 0.

Only the standard library, so that it runs before anything else is installed.
"""

from __future__ import annotations

import argparse
import ast
import sys
from dataclasses import dataclass
from pathlib import Path

# Not modules of the platform: the test suite and the benchmarks import everything, and
# nothing imports them back.
NOT_PACKAGES = {"tests", "benchmarks"}


@dataclass(frozen=True)
class Import:
    """One import statement of `module` naming `target`, where it is written."""

    module: str
    target: str
    path: Path
    line: int
    text: str


def modules_under(root: Path) -> dict[str, Path]:
    """Each module's dotted name and its file."""
    modules = {}
    packages = sorted(
        child
        for child in root.iterdir()
        if child.is_dir() and (child / "__init__.py").is_file() and child.name not in NOT_PACKAGES
    )
    for package in packages:
        for path in sorted(package.rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if "migrations" in parts:
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def imports_of(module: str, path: Path, modules: dict[str, Path]) -> list[Import]:
    """The module's imports of other modules read here, each statement once per target."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            # The module named, and each name imported from it, which may be a submodule.
            names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        targets = set()
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != module:
                targets.add(name)
        found += [
            Import(module, target, path, node.lineno, ast.unparse(node))
            for target in sorted(targets)
        ]
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, with
    an explicit stack: a long chain of imports does not reach Python's recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph[successor]))))
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        components.append(sorted(component))
    return sorted(components)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "root",
        nargs="?",
        type=Path,
        default=Path(__file__).resolve().parent.parent,
        help="the directory holding the packages (default: this repository)",
    )
    root = parser.parse_args(argv).root.resolve()
    modules = modules_under(root)
    imports = [found for m, path in modules.items() for found in imports_of(m, path, modules)]
    graph: dict[str, set[str]] = {module: set() for module in modules}
    for found in imports:
        graph[found.module].add(found.target)
    components = cycles(graph)
    if not components:
        print(f"No import cycle between modules ({len(modules)} modules read).")
        return 0
    print(f"{len(components)} import cycle(s) between modules:")
    for component in components:
        members = set(component)
        print(f"\n{len(component)} modules: {', '.join(component)}")
        for found in imports:
            if found.module in members and found.target in members:
                where = f"{found.path.relative_to(root)}:{found.line}"
                print(f"  {where}: {found.text}  ({found.module} -> {found.target})")
    return 1


if __name__ == "__main__":
    sys.exit(main())
