"""Sync benchmark: a laptop's catalog of N papers and the lab server.

    python tests/benchmarks/bench_sync.py [--papers N] [--keep DIR]

Starts a throw-away PostgreSQL server (tests/support/pg_server.py), builds (or reuses, with
--keep) a folder catalog of N papers through the import path (bench_catalog.generate_batch),
then prints one JSON object: the first sync pushing everything to an empty lab catalog, a
second laptop's first sync pulling it all, a sync after 10 edits, and a sync with nothing to do
(seconds of wall time, CPU seconds of this process and of the PostgreSQL server), with the peak
memory of this process. Targets: first sync of 100,000 papers <= 60 s, a 10-change sync <= 1 s on
loopback. ``--profile DIR`` writes a cProfile of each sync there (``first_sync_push.prof``...),
and of the push's server transactions, which run on a thread of their own (where the main
thread's profile shows only a wait): ``first_sync_push.send.prof``.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def server_cpu_seconds(data_dir: Path) -> float:
    """CPU seconds (user + system) the PostgreSQL server has used so far: the postmaster's own,
    its ended backends' (reaped: counted in its children's times) and its live backends'."""
    tick = os.sysconf("SC_CLK_TCK")

    def times(pid: int, children: bool) -> int:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        # after the name: state ppid ... utime (12th) stime cutime cstime
        return sum(int(v) for v in fields[11:15 if children else 13])

    postmaster = int((data_dir / "postmaster.pid").read_text().split()[0])
    total = times(postmaster, True)
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            if ppid == postmaster:
                total += times(int(entry), False)
        except (OSError, ValueError):
            continue
    return total / tick


def client_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> dict:
    from rsfm_desktop.app import peak_rss_mb
    from rsfm_desktop.core.catalog import open_catalog
    from rsfm_desktop.core.fields import Kind
    from rsfm_desktop.core.store.sqlite import catalog_path
    from rsfm_desktop.core.sync import engine, sync
    from tests.benchmarks.bench_catalog import build_catalog
    from tests.support.pg_server import PostgresServer

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="build (or reuse) laptop A's catalog in this folder")
    parser.add_argument("--profile", type=Path, help="write a cProfile of each sync into this folder")
    parser.add_argument("--push-only", action="store_true", help="no second laptop: the push and laptop A's syncs only")
    parser.add_argument("--statements", type=int, default=0, metavar="N",
                        help="print the N statements that took the server longest in the first push")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="rsfm-bench-sync-"))
    folder_a = args.keep or tmp / "a"
    out: dict = {}
    if not catalog_path(folder_a).exists():
        out["build"] = build_catalog(folder_a, args.papers)
    stats = "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
    with PostgresServer(shared_buffers="1GB", options=stats if args.statements else "") as server_process:
        url = server_process.create_database("lab")
        server = open_catalog(url, author="server")
        a = open_catalog(folder_a, author="A")
        b = open_catalog(tmp / "b", author="B")
        out["papers"] = a.entries.count(Kind.PAPER)

        sender = {"profile": None}
        if args.profile:  # the sender thread's transactions (one at a time), into the sync's own file
            send = engine.Session._send

            def profiled_send(self, job):
                if sender["profile"] is None:
                    return send(self, job)
                return sender["profile"].runcall(send, self, job)

            engine.Session._send = profiled_send

        def timed(name: str, local) -> None:
            profile = cProfile.Profile() if args.profile else None
            sender["profile"] = cProfile.Profile() if args.profile else None
            cpu, server_cpu = client_cpu_seconds(), server_cpu_seconds(server_process.data)
            started = time.perf_counter()
            if profile is not None:
                profile.enable()
            report = sync(local, server)
            if profile is not None:
                profile.disable()
                args.profile.mkdir(parents=True, exist_ok=True)
                profile.dump_stats(str(args.profile / f"{name}.prof"))
                if sender["profile"].getstats():
                    sender["profile"].dump_stats(str(args.profile / f"{name}.send.prof"))
            out[name] = {"seconds": round(time.perf_counter() - started, 2),
                         "cpu_s": round(client_cpu_seconds() - cpu, 2),
                         "server_cpu_s": round(server_cpu_seconds(server_process.data) - server_cpu, 2),
                         "peak_rss_mb_so_far": peak_rss_mb(), **{
                k: v for k, v in report.as_json().items() if k != "conflicts"}, "conflicts": len(report.conflicts)}

        if args.statements:
            with server.store.engine.connect() as conn:
                conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
                conn.exec_driver_sql("SELECT pg_stat_statements_reset()")
                conn.commit()
        timed("first_sync_push", a)
        if args.statements:
            with server.store.engine.connect() as conn:
                out["push_statements"] = [
                    {"ms": round(ms), "calls": calls, "rows": rows, "query": query[:160]}
                    for ms, calls, rows, query in conn.exec_driver_sql(
                        "SELECT total_exec_time, calls, rows, query FROM pg_stat_statements"
                        f" ORDER BY total_exec_time DESC LIMIT {args.statements}")]
        if not args.push_only:
            timed("first_sync_pull", b)
        ids = a.entries.list_ids(Kind.PAPER)
        for n, entry_id in enumerate(ids[:: max(1, len(ids) // 10)][:10]):
            # new text each run, so a reused (--keep) catalog really changes
            a.entries.update(Kind.PAPER, entry_id, {"remark": f"benchmark edit {n} at {time.time():.3f}"})
        timed("ten_changes", a)
        if not args.push_only:
            timed("ten_changes_pulled", b)
        timed("nothing_to_do", a)
        out["server_papers"] = server.entries.count(Kind.PAPER)
        out["peak_rss_mb"] = peak_rss_mb()
        for catalog in (a, b, server):
            catalog.close()
    print(json.dumps(out, indent=1))
    return out


if __name__ == "__main__":
    main()
