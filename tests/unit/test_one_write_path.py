"""One write path: no module outside ``core/store/`` (and the migrations, and the seed tools,
which write a JSON file) writes to the catalog. Every INSERT, UPDATE or DELETE in a string of
the code is found (docstrings and comments are prose, not statements), and so is SQLAlchemy's
``insert``/``update``/``delete``; the search backends may write their own index tables, which
the write path asks them to (``search.reindex`` from ``Tx.finish``)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "rsfm_desktop"
ALLOWED = ("core/store/", "core/migrations/", "seedtools/")
SEARCH_BACKENDS = "core/search/"
SEARCH_TABLE = re.compile(r"^(x(_text|_vocab)?|\w+_fts_(tri|bi)|\w+_search(_text|_vocab)?)$")  # x: a table named by a {placeholder}

WRITE = re.compile(
    r"\b(?:"
    r"INSERT\s+(?:OR\s+\w+\s+)?INTO\s+(?P<insert>[\w.]+)\s*(?:\([^)]*\)\s*)?(?:VALUES|SELECT|DEFAULT|WITH)\b"
    r"|REPLACE\s+INTO\s+(?P<replace>[\w.]+)"
    r"|UPDATE\s+(?:OR\s+\w+\s+)?(?P<update>[\w.]+)\s+SET\b"
    r"|DELETE\s+FROM\s+(?P<delete>[\w.]+)(?=\s+(?:WHERE|RETURNING|USING)\b|\s*;|\s*$)"
    r"|TRUNCATE\s+(?:TABLE\s+)?(?P<truncate>\w+)"
    r")",
    re.IGNORECASE,
)
DML = {"insert", "update", "delete"}


def _text(node: ast.AST) -> str | None:
    """A string constant's text; an f-string's with ``x`` for each placeholder."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "x" for v in node.values)
    return None


def writes_in(source: str, relpath: str = "module.py") -> list[str]:
    """The writes a module's code makes: SQL statements in its strings, SQLAlchemy DML."""
    tree = ast.parse(source)
    prose = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr) and _text(n.value) is not None}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "sqlalchemy":
            found += [f"{relpath}:{node.lineno}: imports sqlalchemy {a.name}" for a in node.names if a.name in DML]
        if isinstance(node, ast.JoinedStr):
            parts = {id(v) for v in node.values}
            prose |= parts  # the pieces are read as the whole f-string
        text = _text(node)
        if text is None or id(node) in prose:
            continue
        for match in WRITE.finditer(" ".join(text.split())):
            table = next(t for t in match.groups() if t)
            if relpath.startswith(SEARCH_BACKENDS) and SEARCH_TABLE.match(table):
                continue
            found.append(f"{relpath}:{node.lineno}: {match.group(0)}")
    return found


def test_no_module_outside_the_store_writes():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relpath = path.relative_to(PACKAGE).as_posix()
        if not relpath.startswith(ALLOWED):
            found += writes_in(path.read_text(encoding="utf-8"), relpath)
    assert found == []


@pytest.mark.parametrize("code", [
    'conn.exec_driver_sql("UPDATE paper SET title = \'x\' WHERE id = 1")',
    'sql.execute(conn, f"DELETE FROM {table} WHERE id = :id", {"id": 1})',
    'conn.execute(text("insert into note(paper_id, body) values (:p, :b)"))',
    'q = ("INSERT INTO paper_tag(paper_id, tag_id)"\n     " SELECT id, :t FROM paper")',
    'from sqlalchemy import update',
    'cursor.execute("DELETE FROM tag")',
    'conn.exec_driver_sql(f"UPDATE {kind.value} SET version = version + 1")',
    'conn.exec_driver_sql("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)")',
])
def test_the_check_finds_writes(code):
    assert writes_in(code)


@pytest.mark.parametrize("code", [
    '"""Every write goes through the store: UPDATE paper SET … is never run here."""',
    'def f():\n    """DELETE FROM paper WHERE the entry is gone."""\n    # UPDATE paper SET title = 1\n    return 1',
    'label = QT_TRANSLATE_NOOP("Commands", "Delete from the trash")',
    'message = "Update the catalog, then insert into the table the rows"',
    'conn.exec_driver_sql("SELECT id FROM paper WHERE title LIKE \'%UPDATE%\'")',
    'from sqlalchemy import select, text',
])
def test_the_check_leaves_prose_and_reads_alone(code):
    assert writes_in(code) == []
