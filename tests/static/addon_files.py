# Copyright 2026 recouvrement_fr contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Helpers shared by the static checks: locate and parse the add-on's files
without importing odoo (nor the add-on, whose ``__init__`` imports odoo)."""

import ast
import functools
import re
from pathlib import Path

from lxml import etree

REPO_DIR = Path(__file__).resolve().parents[2]
ADDON_NAME = "recouvrement_fr"
ADDON_DIR = REPO_DIR / ADDON_NAME

# Folders whose XML/CSV files are data files that must be listed in the manifest.
DATA_DIRS = ("views", "data", "security", "report", "wizards")
# Folders whose Python files may define models.
MODEL_DIRS = ("models", "wizards")
# Tools output and caches, never part of the add-on.
IGNORED_PARTS = {"__pycache__", "build", "dist", ".pytest_cache"}


def rel(path):
    return Path(path).relative_to(ADDON_DIR).as_posix()


def addon_files(pattern):
    """Files of the add-on matching a glob (recursive), caches excluded."""
    return sorted(
        path
        for path in ADDON_DIR.glob(pattern)
        if path.is_file() and not IGNORED_PARTS.intersection(path.parts)
    )


@functools.cache
def manifest():
    source = (ADDON_DIR / "__manifest__.py").read_text(encoding="utf-8")
    return ast.literal_eval(source)


def manifest_files():
    """Every file path listed in the manifest's data and demo lists."""
    return list(manifest().get("data", [])) + list(manifest().get("demo", []))


@functools.cache
def parse_xml(path):
    parser = etree.XMLParser(remove_blank_text=False, resolve_entities=False)
    return etree.parse(str(path), parser)


def xml_data_files():
    """XML files in the data folders (the ones Odoo loads from the manifest)."""
    return [path for folder in DATA_DIRS for path in addon_files(f"{folder}/**/*.xml")]


def record_field(record, name):
    """The <field name=...> child element of a <record>, or None."""
    for field in record.iterfind("field"):
        if field.get("name") == name:
            return field
    return None


def view_records():
    """(path, record) for every ir.ui.view record in the data folders."""
    for path in xml_data_files():
        for record in parse_xml(path).getroot().iter("record"):
            if record.get("model") == "ir.ui.view":
                yield path, record


class ModelClass:
    """What the static checks need to know of a model class."""

    def __init__(self, path, node):
        self.path = path
        self.lineno = node.lineno
        self.class_name = node.name
        self.bases = [ast.unparse(base) for base in node.bases]
        self.name = None
        self.inherit = []
        self.fields = set()
        for stmt in node.body:
            if not isinstance(stmt, ast.Assign | ast.AnnAssign):
                continue
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            for target in targets:
                if not isinstance(target, ast.Name):
                    continue
                if target.id == "_name" and isinstance(stmt.value, ast.Constant):
                    self.name = stmt.value.value
                elif target.id == "_inherit":
                    value = ast.literal_eval(stmt.value)
                    self.inherit = [value] if isinstance(value, str) else list(value)
                elif isinstance(stmt.value, ast.Call) and ast.unparse(
                    stmt.value.func
                ).startswith("fields."):
                    self.fields.add(target.id)

    @property
    def is_new_model(self):
        """True when the class creates a model (not only extends one)."""
        return bool(self.name) and self.name not in self.inherit

    @property
    def is_abstract(self):
        return any(base.endswith("AbstractModel") for base in self.bases)

    @property
    def is_transient(self):
        return any(base.endswith("TransientModel") for base in self.bases)

    @property
    def xmlid(self):
        return "model_" + self.name.replace(".", "_")

    def __repr__(self):
        return f"{rel(self.path)}:{self.lineno} {self.class_name}({self.name})"


_MODEL_BASES = re.compile(r"(^|\.)(Model|TransientModel|AbstractModel)$")


def model_classes():
    """Every Odoo model class defined in models/ and wizards/."""
    classes = []
    for folder in MODEL_DIRS:
        for path in addon_files(f"{folder}/**/*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef) and any(
                    _MODEL_BASES.search(ast.unparse(base)) for base in node.bases
                ):
                    classes.append(ModelClass(path, node))
    return classes
