"""The layout is the architecture: the pipeline (lib/) stands alone, tools and the app build on it, never the reverse."""
import ast
import subprocess
import sys

import pytest

from lib.paths import ROOT

LIB_MODULES = sorted(
    ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    for path in (ROOT / "lib").rglob("*.py")
)


def imported_names(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module


@pytest.mark.parametrize("path", sorted((ROOT / "lib").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_pipeline_module_imports_the_app_the_tools_or_ui_libraries(path):
    forbidden = {"streamlit", "plotly", "app", "app_pages", "tools", "tests"}
    assert not {name.split(".")[0] for name in imported_names(path)} & forbidden


def test_importing_the_whole_pipeline_loads_no_ui_library():
    code = f"import sys; import {', '.join(LIB_MODULES)}; sys.exit(sorted(m for m in ('streamlit', 'plotly', 'app') if m in sys.modules) or 0)"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_paths_is_a_leaf():
    assert not {name for name in imported_names(ROOT / "lib" / "paths.py") if name.startswith("lib")}


def test_product_code_never_reads_the_tests_folder():
    for folder in ("lib", "app", "app_pages"):
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert '"tests"' not in text and "tests/" not in text, path


def test_no_test_module_imports_another_or_the_conftest():
    # Shared fixtures live in conftest.py and shared helpers in helper modules (apptest.py, sample_frames.py, webserver.py).
    for path in (ROOT / "tests").rglob("test_*.py"):
        names = {name.split(".")[0] for name in imported_names(path)}
        assert not {n for n in names if n.startswith("test_") or n == "conftest"}, path



@pytest.mark.parametrize("modules, extractor_loaded", [
    ("app.components, app.charts, app.cached, app.selection", False),  # what every page imports
    ("lib.build", True),  # the near miss: building does load the extractor
], ids=["dashboard", "build"])
def test_the_dashboard_imports_no_extractor_until_it_builds(modules, extractor_loaded):
    """Importing lib.extract compiles every extractor's patterns: 0.4 s of a server's first page, for tables already built."""
    code = f"import sys; import {modules}; print('lib.extract' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], check=False, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-1] == str(extractor_loaded)
