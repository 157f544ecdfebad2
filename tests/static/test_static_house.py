# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The house rules a newcomer relies on, checked on the source:

- models/ is in feature packages, and every model file is in one;
- in each model class, the fields come first, then the methods (Odoo's order);
- every method that calls its parent is tagged ``# EXTENDS`` (or
  ``# OVERRIDE`` when it replaces the parent's behaviour);
- no model file imports a name from another model file: shared words come
  from ``core/vocabulary.py``, shared helpers from ``tools/``;
- the open-invoice condition is written in ``tools/open_invoice.py`` only.
"""

import ast
import re

import pytest
from addon_files import ADDON_DIR, addon_files, model_classes, rel

FEATURE_PACKAGES = {
    "ladder",
    "sending",
    "law",
    "plan",
    "judicial",
    "dossier",
    "portal",
    "desk",
    "settings",
    "services",
}


def _is_field(stmt):
    return (
        isinstance(stmt, ast.Assign)
        and isinstance(stmt.value, ast.Call)
        and ast.unparse(stmt.value.func).startswith("fields.")
    )


def _class_nodes():
    for model in model_classes():
        tree = ast.parse(model.path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.lineno == model.lineno:
                yield model, node


def test_models_live_in_feature_packages():
    loose = [rel(p) for p in addon_files("models/*.py") if p.name != "__init__.py"]
    assert not loose, f"model files outside a feature package: {loose}"
    packages = {p.parent.name for p in addon_files("models/*/*.py")}
    assert packages == FEATURE_PACKAGES


def test_fields_come_before_methods():
    late = []
    for model, node in _class_nodes():
        first_method = next(
            (s.lineno for s in node.body if isinstance(s, ast.FunctionDef)), None
        )
        if first_method is None:
            continue
        late += [
            f"{rel(model.path)}:{stmt.lineno} {stmt.targets[0].id}"
            for stmt in node.body
            if _is_field(stmt) and stmt.lineno > first_method
        ]
    assert not late, "fields declared after a method:\n" + "\n".join(late)


def _calls_own_super(function):
    for node in ast.walk(function):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == function.name
            and isinstance(node.func.value, ast.Call)
            and ast.unparse(node.func.value.func) == "super"
        ):
            return True
    return False


def test_overrides_are_tagged():
    untagged = []
    for model, node in _class_nodes():
        lines = model.path.read_text(encoding="utf-8").splitlines()
        for function in node.body:
            if not isinstance(function, ast.FunctionDef):
                continue
            start = min([d.lineno for d in function.decorator_list] + [function.lineno])
            above = lines[start - 2].strip() if start >= 2 else ""
            tagged = re.match(r"# (EXTENDS|OVERRIDE)\b", above)
            if _calls_own_super(function) and not tagged:
                untagged.append(f"{rel(model.path)}:{function.lineno} {function.name}")
    assert not untagged, "overrides without # EXTENDS / # OVERRIDE:\n" + "\n".join(
        untagged
    )


@pytest.mark.parametrize("path", addon_files("models/**/*.py"), ids=lambda p: rel(p))
def test_no_name_imported_from_another_model_file(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level:
            module = node.module or ""
            target = path.parent / ("../" * (node.level - 1)) / module.replace(".", "/")
            resolved = target.resolve()
            assert "models" not in resolved.relative_to(ADDON_DIR).parts or (
                node.names[0].name != "*"
                and all(
                    (resolved / f"{alias.name}.py").exists()
                    or (resolved / alias.name).is_dir()
                    for alias in node.names
                )
            ), f"{rel(path)}:{node.lineno} imports names from the model file {module}"


OPEN_CONDITION = re.compile(
    r"""['"](not_paid|partial)['"]|\bm\.amount_residual\s*>\s*0"""
    r"""|['"]amount_residual['"],\s*['"]>['"],\s*0"""
)


def test_the_open_invoice_condition_is_written_once():
    written = [
        f"{rel(path)}:{number}"
        for folder in ("models", "controllers", "wizards", "report", "views")
        for path in addon_files(f"{folder}/**/*")
        if path.suffix in (".py", ".xml")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OPEN_CONDITION.search(line)
    ]
    assert not written, (
        "the open-invoice condition outside tools/open_invoice.py:\n"
        + "\n".join(written)
    )
