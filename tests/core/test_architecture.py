"""The architecture holds: import-linter's contracts (pyproject.toml) are kept, and no function imports a
rightstrack module to dodge an import cycle, apart from the known exceptions listed below with their reason."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "src" / "rightstrack"

# module: why its function-level imports of rightstrack modules stay (each names what it imports).
KNOWN_FUNCTION_IMPORTS = {
    "rightstrack.cli": "core.database: read only when a command failed, after Django is set up",
    "rightstrack.core.apps": "core.constraints: AppConfig.ready() runs once the app registry is loaded",
    "rightstrack.search.apps": "search.signals: AppConfig.ready() connects the signals once models are loaded",
    "rightstrack.accounts.apps": "accounts.two_factor: its django-otp models load only once the apps are ready",
    "rightstrack.audit.apps": "audit.signals: AppConfig.ready() connects the signals once models are loaded",
    "rightstrack.tagreview.management.commands.tag": "tagreview.services: `tag` runs without the apps; only "
    "`train --from-accepted` sets them up and reads the database",
}


def _module(path: Path) -> str:
    return ".".join(path.relative_to(SOURCE.parent).with_suffix("").parts)


def _function_imports() -> dict[str, list[str]]:
    """{module: rightstrack modules imported inside one of its functions}, migrations aside."""
    found = {}
    for path in sorted(SOURCE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for inner in ast.walk(node):
                names = ([inner.module or ""] if isinstance(inner, ast.ImportFrom)
                         else [a.name for a in inner.names] if isinstance(inner, ast.Import) else [])
                for name in names:
                    if name.startswith("rightstrack"):
                        found.setdefault(_module(path), []).append(f"{name} (line {inner.lineno})")
    return found


def test_no_function_imports_a_rightstrack_module_outside_the_known_exceptions():
    found = _function_imports()
    unknown = {module: imports for module, imports in found.items() if module not in KNOWN_FUNCTION_IMPORTS}
    assert not unknown, f"import these at the top of the module, or move the code to where it belongs: {unknown}"


def test_every_known_exception_is_still_needed():
    """An exception whose import moved to the top is removed from the list, so the list stays the truth."""
    assert set(KNOWN_FUNCTION_IMPORTS) - set(_function_imports()) == set()


@pytest.mark.slow
def test_the_import_contracts_hold():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint, "import-linter is in the test extras: pip install -e '.[test]'"
    result = subprocess.run([lint, "--config", str(ROOT / "pyproject.toml")], cwd=ROOT, capture_output=True,
                            text=True, env={"PATH": str(Path(sys.executable).parent), "PYTHONPATH": str(SOURCE.parent)})
    assert result.returncode == 0, result.stdout[-4000:]
