"""An import killed with SIGKILL in the middle leaves a whole tree, and running it again completes it.

The import runs as the operator runs it: `python -m akhbar.manage import-jsonl` in its own process, on a
SQLite file that this test migrates, kills and then inspects with plain SQL.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

LINES = 3000
KILL_AFTER = 200
CATEGORIES = ("sport", "economy", "culture")


def akhbar(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "akhbar.manage", *args]


def environment(db: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CACHE_KEY_PREFIX"}}
    env.update(
        DATABASE_URL=f"sqlite:///{db}",
        DJANGO_SETTINGS_MODULE="akhbar.settings.test",
        AKHBAR_VAR_DIR=str(db.parent),
    )
    return env


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("killed-import") / "template.sqlite3"
    subprocess.run(akhbar(db, "migrate", "-v0"), env=environment(db), check=True, timeout=900)
    return db


def write_archive(path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for n in range(LINES):
            row = {
                "id": f"J-{n}",
                "title": f"خبر رقم {n} عن الانتخابات البلدية",
                "abstract": "ملخص الخبر",
                "text": "الفقرة الأولى.\nالفقرة الثانية.",
                "category": CATEGORIES[n % len(CATEGORIES)],
                "published": f"{n % 28 + 1:02d}/0{n % 9 + 1}/2016",
                "author": f"كاتب {n % 7}",
            }
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def children(pid: int) -> list[int]:
    """The processes ``pid`` started (Linux /proc)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def running(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie left for the container's init to reap is not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def query(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db, timeout=30) as conn:
        return conn.execute(sql).fetchall()


def imported(db: Path) -> int:
    try:
        return query(db, "SELECT count(*) FROM importers_importeditem")[0][0]
    except sqlite3.OperationalError:  # locked for a moment by the writer
        return 0


def tree_problems(db: Path) -> list[str]:
    """What treebeard's find_problems and Wagtail's fixtree look at: child counts, depths, orphans, and
    for this importer every imported page with its article row and its index entry."""
    problems = [
        f"page {pk} numchild {numchild} but {real} children"
        for pk, numchild, real in query(
            db,
            "SELECT p.id, p.numchild, (SELECT count(*) FROM wagtailcore_page c WHERE c.path LIKE p.path || '%' "
            "AND c.depth = p.depth + 1) FROM wagtailcore_page p",
        )
        if numchild != real
    ]
    problems += [
        f"page {pk} depth {depth} path {path}"
        for pk, depth, path in query(db, "SELECT id, depth, path FROM wagtailcore_page")
        if len(path) != 4 * depth
    ]
    problems += [
        f"orphan page {pk}"
        for (pk,) in query(
            db,
            "SELECT p.id FROM wagtailcore_page p WHERE p.depth > 1 AND NOT EXISTS (SELECT 1 FROM "
            "wagtailcore_page q WHERE q.path = substr(p.path, 1, length(p.path) - 4))",
        )
    ]
    pages, articles, entries = (
        query(db, f"SELECT count(*) FROM {table}")[0][0]
        for table in ("importers_importeditem", "news_articlepage", "search_searchentry")
    )
    if not pages == articles == entries:
        problems.append(f"{pages} imported items, {articles} article rows, {entries} index entries")
    return problems


def test_a_killed_import_leaves_a_whole_tree_and_running_it_again_completes_it(migrated, tmp_path):
    db = tmp_path / "news.sqlite3"
    db.write_bytes(migrated.read_bytes())
    archive = tmp_path / "archive.jsonl"
    write_archive(archive)
    command = akhbar(db, "import-jsonl", str(archive), "--section-from-category", "--batch-size", "20")
    with (tmp_path / "first.log").open("w") as log:
        process = subprocess.Popen(command, env=environment(db), stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 600
        while imported(db) < KILL_AFTER:
            assert process.poll() is None, (tmp_path / "first.log").read_text()
            assert time.monotonic() < deadline
            time.sleep(0.01)
        workers = children(process.pid)  # the process analyzing the next batch's text
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL
    assert workers, "the import ran without its analysis worker"
    deadline = time.monotonic() + 30
    while any(running(pid) for pid in workers):  # a worker whose importer was killed leaves
        assert time.monotonic() < deadline, f"analysis workers {workers} outlived the killed import"
        time.sleep(0.1)
    done = imported(db)
    assert KILL_AFTER <= done < LINES
    assert tree_problems(db) == []

    rerun = subprocess.run(command, env=environment(db), capture_output=True, text=True, timeout=900)
    assert rerun.returncode == 0, rerun.stderr
    assert f"أُضيف {LINES - done} وحُدّث 0 ولم يتغيّر {done} " in rerun.stdout
    assert tree_problems(db) == []
    assert query(db, "SELECT count(*), count(DISTINCT external_id) FROM importers_importeditem") == [
        (LINES, LINES)
    ]
    sections = query(
        db,
        "SELECT s.title, s.numchild FROM wagtailcore_page s JOIN news_sectionpage n ON n.page_ptr_id = s.id",
    )
    assert sorted(count for _title, count in sections) == [LINES // 3] * 3
