"""Import cycles in employer_portal + tasks.

Builds the module import graph with `ast` twice: once from module-level
imports only (what runs at import time) and once from every import (module-
and function-level). Prints the strongly connected components (size > 1, or a
module importing itself) of each graph. Run: python scripts/import_cycles.py [root]
(tests/foundation/test_no_import_cycles.py keeps both graphs free of cycles).
"""
import ast
import sys
from pathlib import Path

PACKAGES = ("employer_portal", "tasks")


def module_name(root, path):
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def resolve(known, name):
    """The longest known module that `name` is or lives in (pkg.mod.attr -> pkg.mod)."""
    while name:
        if name in known:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(tree, modname, is_package, known):
    """(target, module_level) for each import in the tree."""
    found = []
    top_level_nodes = set()
    for node in tree.body:
        # Imports under top-level if/try/class still run at import time.
        top_level_nodes.update(_module_level_imports(node))
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = modname.split(".") if is_package else modname.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            targets = [f"{prefix}.{a.name}" for a in node.names] + [prefix]
        else:
            continue
        resolved = {resolve(known, t) for t in targets} - {None}
        if isinstance(node, ast.ImportFrom) and len(resolved) > 1:
            # `from pkg import mod` is an edge to pkg.mod, not to pkg's __init__.
            resolved.discard(resolve(known, targets[-1]))
        for target in resolved:
            found.append((target, id(node) in top_level_nodes))
    return found


def _module_level_imports(node):
    """ids of import nodes reachable from a top-level statement without entering a def or lambda."""
    out = set()
    stack = [node]
    while stack:
        cur = stack.pop()
        if isinstance(cur, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        if isinstance(cur, (ast.Import, ast.ImportFrom)):
            out.add(id(cur))
        stack.extend(ast.iter_child_nodes(cur))
    return out


def strongly_connected(graph):
    index, low, on_stack, stack, result, counter = {}, {}, set(), [], [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1 or v in graph.get(v, ()):
                result.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(result, key=lambda c: (-len(c), c))


def import_graphs(root):
    """(module-level graph, every-import graph, number of modules) of the project's packages under root."""
    root = Path(root)
    files = {}
    for pkg in PACKAGES:
        for path in sorted((root / pkg).rglob("*.py")):
            files[module_name(root, path)] = path
    known = set(files)
    module_level, every = {}, {}
    for name, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for target, top in imports_of(tree, name, path.name == "__init__.py", known):
            if target == name:
                continue
            every.setdefault(name, set()).add(target)
            if top:
                module_level.setdefault(name, set()).add(target)
    return module_level, every, len(files)


def main(root):
    module_level, every, count = import_graphs(root)
    for title, graph in (("module-level imports", module_level),
                         ("all imports (module- and function-level)", every)):
        comps = strongly_connected(graph)
        print(f"== {title}: {len(comps)} cycle group(s), {count} modules")
        for comp in comps:
            print(f"  [{len(comp)}] " + " <-> ".join(comp))
            # show the edges inside the component, so the cycle can be read
            for a in comp:
                inner = sorted(set(graph.get(a, ())) & set(comp))
                if inner:
                    print(f"      {a} -> {', '.join(inner)}")
        print()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
