"""scripts/import_cycles.py, the test step that fails on an import cycle between modules, run as
scripts/test runs it on tiny packages written for each test."""

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.any_database

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "import_cycles.py"


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, SCRIPT, root], capture_output=True, text=True, check=False
    )


def test_modules_in_layers_pass(tmp_path):
    write(
        tmp_path,
        {
            "shop/__init__.py": "",
            "shop/models.py": "from shop.prices import total\n",
            "shop/prices.py": "import decimal\n",
            "shop/views.py": "from shop.models import total\n"
            "def page():\n    from . import prices\n",
        },
    )

    answer = check(tmp_path)

    assert answer.returncode == 0, answer.stdout
    assert "No import cycle between modules (4 modules read)." in answer.stdout


def test_an_import_inside_a_function_closes_a_cycle(tmp_path):
    write(
        tmp_path,
        {
            "shop/__init__.py": "",
            "shop/models.py": "def context():\n    from .views import page\n    return page()\n",
            "shop/views.py": "from shop.models import context\n",
        },
    )

    answer = check(tmp_path)

    assert answer.returncode == 1
    assert "2 modules: shop.models, shop.views" in answer.stdout
    assert "shop/models.py:2: from .views import page  (shop.models -> shop.views)" in answer.stdout
    assert "shop/views.py:1: from shop.models import context" in answer.stdout


def test_an_import_for_annotations_only_counts(tmp_path):
    write(
        tmp_path,
        {
            "shop/__init__.py": "",
            "shop/models.py": "from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n    from shop.cards import Card\n",
            "shop/cards.py": "import shop.models\n",
        },
    )

    answer = check(tmp_path)

    assert answer.returncode == 1
    assert "2 modules: shop.cards, shop.models" in answer.stdout


def test_a_package_facade_is_a_module(tmp_path):
    """The models package re-exports the map page, which reads the place model: through the
    facade that is a cycle, through the leaf module it is not."""
    files = {
        "shop/__init__.py": "",
        "shop/models/__init__.py": "from shop.map_page import MapPage\n"
        "from shop.models.places import Place\n",
        "shop/models/places.py": "class Place:\n    pass\n",
        "shop/map_page.py": "from shop.search import search\n\nclass MapPage:\n    pass\n",
        "shop/search.py": "from shop.models import Place\n",
    }
    write(tmp_path, files)

    through_facade = check(tmp_path)
    write(tmp_path, {"shop/search.py": "from shop.models.places import Place\n"})
    through_leaf = check(tmp_path)

    assert through_facade.returncode == 1
    assert "3 modules: shop.map_page, shop.models, shop.search" in through_facade.stdout
    assert through_leaf.returncode == 0, through_leaf.stdout


def test_tests_benchmarks_and_migrations_are_not_read(tmp_path):
    write(
        tmp_path,
        {
            "shop/__init__.py": "",
            "shop/models.py": "from shop.migrations import initial\n",
            "shop/migrations/__init__.py": "",
            "shop/migrations/initial.py": "from shop import models\n",
            "tests/__init__.py": "",
            "tests/test_a.py": "from tests import test_b\n",
            "tests/test_b.py": "from tests import test_a\n",
            "benchmarks/__init__.py": "",
            "benchmarks/a.py": "from benchmarks import b\n",
            "benchmarks/b.py": "from benchmarks import a\n",
        },
    )

    answer = check(tmp_path)

    assert answer.returncode == 0, answer.stdout
    assert "(2 modules read)" in answer.stdout
