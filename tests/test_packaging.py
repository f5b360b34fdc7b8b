"""The package declares what it imports, and ships its definition."""

from __future__ import annotations

import ast
import sys
from importlib import metadata

from conftest import REPOSITORY

SOURCE = REPOSITORY / "src" / "ehcjourney"


def imported_top_level_modules() -> set[str]:
    """Every top-level module that the package's source imports, by reading the source."""
    found: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found


def declared_distributions() -> set[str]:
    """The distributions named in the package's runtime dependencies, normalised."""
    requirements = metadata.requires("ehcjourney") or []
    runtime = [r for r in requirements if "extra ==" not in r]
    names = {
        r.split(";")[0].split("[")[0].split(">")[0].split("=")[0].split("<")[0] for r in runtime
    }
    return {name.strip().lower().replace("_", "-") for name in names}


def test_every_imported_library_is_a_declared_dependency() -> None:
    """A library imported by the tool is in its dependencies, so `pip install .` brings it."""
    providers = metadata.packages_distributions()
    third_party = imported_top_level_modules() - set(sys.stdlib_module_names) - {"ehcjourney"}

    undeclared = {
        module: providers.get(module, ["?"])
        for module in sorted(third_party)
        if not {d.lower().replace("_", "-") for d in providers.get(module, [])}
        & declared_distributions()
    }
    assert undeclared == {}


def test_the_definition_ships_inside_the_wheel() -> None:
    """The build configuration copies questions/ into the package, for installed copies."""
    pyproject = (REPOSITORY / "pyproject.toml").read_text(encoding="utf-8")

    assert '"questions" = "ehcjourney/questions"' in pyproject
    assert (REPOSITORY / "questions" / "ehc-partnership-journey.yaml").is_file()
