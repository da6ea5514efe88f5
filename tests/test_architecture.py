"""The layout holds: the core at the bottom, feature wings above it, shells on top.

- core (model, draft, changes, ids, errors, contact, facts, projections, lookup, privacy,
  gdpr, cache, output, formats, convert, schema, store/) imports only core;
- wings (explore/, analysis/, suggest/, draw/, intake/, loaders/) import the core and,
  where a feature builds on another, analysis/ (the metrics the forum and
  the drawings reuse); only draw/ imports the explorer, for the two
  descriptions of a drawing it renders (``Picture``, ``MapView``); derived
  facts come from graph.facts, never from the explorer;
- shells (pontes/, ui/, app.py) on top; the library never imports a shell
  or Streamlit;
- no module imports another module's private names.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from pontes.settings import REPO_ROOT

LIBRARY = ("graph", "loaders")
SHELLS = ("pontes", "ui", "app")
WINGS = ("graph.explore", "graph.analysis", "graph.suggest", "graph.draw", "graph.intake", "loaders")
#: Wings a wing may build on (besides the core).
WING_DEPENDENCIES = {
    "graph.suggest": {"graph.analysis"},
    "graph.draw": {"graph.analysis", "graph.explore"},
    "graph.intake": {"loaders"},  # accepted proposals are written through the loaders' checks
}


def _modules() -> dict[str, Path]:
    found = {}
    for top in (*LIBRARY, "pontes", "ui"):
        for path in (REPO_ROOT / top).rglob("*.py"):
            parts = path.relative_to(REPO_ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    found["app"] = REPO_ROOT / "app.py"
    return found


MODULES = _modules()


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(module, imported names, line) of every import of first-party code or Streamlit."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.module, [a.name for a in node.names], node.lineno))
        elif isinstance(node, ast.Import):
            out.extend((a.name, [], node.lineno) for a in node.names)
    return [i for i in out if i[0].split(".")[0] in (*LIBRARY, *SHELLS, "streamlit")]


def _wing(module: str) -> str | None:
    return next((w for w in WINGS if module == w or module.startswith(w + ".")), None)


def _layer(module: str) -> str:
    if module.split(".")[0] in SHELLS:
        return "shell"
    return "wing" if _wing(module) else "core"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_each_layer_imports_only_what_lies_below_it(module):
    layer, wing = _layer(module), _wing(module)
    for target, _names, line in _imports(MODULES[module]):
        where = f"{module}:{line} imports {target}"
        if layer == "shell":
            continue
        assert not target.startswith("streamlit"), f"{where}: the library never imports Streamlit"
        assert _layer(target) != "shell", f"{where}: the library never imports a shell"
        if layer == "core":
            assert _layer(target) == "core", f"{where}: the core imports only the core"
        else:
            other = _wing(target)
            if other and other != wing:
                assert other in WING_DEPENDENCIES.get(wing or "", set()), f"{where}: a wing this one does not build on"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_another_modules_private_names(module):
    for target, names, line in _imports(MODULES[module]):
        private = [n for n in names if n.startswith("_") and not n.startswith("__")]
        assert not private, f"{module}:{line} imports private names {private} of {target}"


def test_no_library_module_grows_past_what_one_topic_needs():
    """Modules stay small; one over 500 lines says in its docstring why one file serves better."""
    for module, path in MODULES.items():
        if module.split(".")[0] not in LIBRARY:
            continue
        lines = path.read_text(encoding="utf-8").count("\n")
        if lines > 500:
            doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
            assert "one file" in doc.lower() or "one module" in doc.lower(), f"{module}: {lines} lines"
