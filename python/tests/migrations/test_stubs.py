"""generate-stubs: a .pyi next to the models module that types each model's lookup keywords."""

from __future__ import annotations

import ast
import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from oxyde.cli._stubs import generate_stubs

MODELS = '''
from __future__ import annotations

from datetime import datetime

from oxyde import Field, Model


class Author(Model):
    id: int | None = Field(default=None, db_pk=True)
    name: str = Field(max_length=100)

    class Meta:
        is_table = True


class Post(Model):
    """A post."""

    id: int | None = Field(default=None, db_pk=True)
    title: str = Field(max_length=200)
    views: int = 0
    created: datetime | None = None
    author: Author | None = Field(default=None, db_on_delete="CASCADE")

    class Meta:
        is_table = True


def helper(x: int) -> int:
    return x + 1
'''

_CACHE = Path(__file__).resolve().parents[3] / "build" / "mypy-cache"

USE = '''
from app_stubs.models import Post, helper


async def f() -> None:
    posts = await Post.objects.filter(title__icontains="x", views__gt=3, author=1).order_by("-views").all()
    reveal_type(posts)
    helper(1)
    Post.objects.filter(titel="x")
    Post.objects.filter(views__gt="many")
'''


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    package = tmp_path / "app_stubs"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "models.py").write_text(MODELS)
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.import_module("app_stubs.models")
    yield tmp_path
    for name in [m for m in sys.modules if m.startswith("app_stubs")]:
        del sys.modules[name]


def test_stub_lists_each_fields_lookups_with_types(project: Path) -> None:
    [path] = generate_stubs()
    assert path == project / "app_stubs" / "models.pyi"
    text = path.read_text()
    ast.parse(text)
    assert "class PostQuery(Query[Post, Post]):" in text and "class PostManager(QueryManager[Post]):" in text
    assert "objects: ClassVar[PostManager]" in text
    assert "title__icontains: str = ..." in text
    assert "views__gt: int = ..." in text and "views__icontains" not in text
    assert "views__in: list[int] | tuple[int, ...] = ..." in text
    assert "created__gte: _dt.datetime = ..." in text
    assert "author: int | None = ..." in text and "author_id__gt: int = ..." in text
    assert "def helper(x: int) -> int:\n    ..." in text


def test_generating_twice_writes_the_same_file(project: Path) -> None:
    [path] = generate_stubs()
    first = path.read_text()
    generate_stubs()
    assert path.read_text() == first


def test_a_type_checker_flags_unknown_lookups_and_wrong_values(project: Path) -> None:
    pytest.importorskip("mypy")
    generate_stubs()
    (project / "use.py").write_text(USE)
    env = {**os.environ, "MYPYPATH": str(Path(__file__).resolve().parents[2])}
    result = subprocess.run(
        # The cache (stdlib, pydantic, oxyde) is shared between runs; the models differ per tmp dir.
        [sys.executable, "-m", "mypy", "--follow-imports=silent", "--cache-dir", str(_CACHE), "use.py"],
        cwd=project, capture_output=True, text=True, env=env,
    )
    out = result.stdout
    assert 'Revealed type is "builtins.list[app_stubs.models.Post]"' in out, out
    assert 'Unexpected keyword argument "titel"' in out, out
    assert 'Argument "views__gt" to "filter" of "PostManager" has incompatible type "str"' in out, out
    assert out.count("error:") == 2, out
