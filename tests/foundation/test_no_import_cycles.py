"""Issue 13 item 9: the import cycles are broken and stay broken (scripts/import_cycles.py prints them)."""
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _import_cycles_script():
    spec = importlib.util.spec_from_file_location("import_cycles", ROOT / "scripts" / "import_cycles.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_module_level_import_cycle_in_the_project():
    script = _import_cycles_script()
    module_level, _every, _count = script.import_graphs(ROOT)
    assert script.strongly_connected(module_level) == []


def test_no_import_cycle_even_through_imports_inside_functions():
    script = _import_cycles_script()
    _module_level, every, count = script.import_graphs(ROOT)
    assert count > 150  # the walk found the packages
    assert script.strongly_connected(every) == []
