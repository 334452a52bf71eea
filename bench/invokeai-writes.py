#!/usr/bin/env python3
"""The write peer of the request-cost run (bench/request-cost.sh, issue 14).

Times InvokeAI's own workflow-library storage statements (invokeai/app/services/workflow_records/
workflow_records_sqlite.py: create = INSERT OR IGNORE of (workflow_id, workflow, user_id, is_public)
then the get SELECT; update = UPDATE … SET workflow WHERE workflow_id, category='user', user_id then
the get SELECT; each statement in its own transaction as InvokeAI's `transaction()` does) on
InvokeAI's schema (contract §7.2: generated columns, the updated_at trigger, its eight single-column
indexes) with its connection pragmas (foreign_keys, WAL, busy_timeout), pre-filled with --rows rows
made from the bench's three document templates. Python's stdlib sqlite3, one connection, as InvokeAI.

Not included: pydantic validation and model_dump_json of the document, FastAPI/HTTP, the RLock, and
the DTO built from the returned row — i.e. only what storage costs, like the handler cases beside it
(which include the mediator, validation and EF Core, but not HTTP either).
"""
import argparse
import json
import os
import random
import sqlite3
import statistics
import time
import uuid

SCHEMA = [
    """CREATE TABLE workflow_library (
        workflow_id TEXT NOT NULL PRIMARY KEY,
        workflow TEXT NOT NULL,
        created_at DATETIME NOT NULL DEFAULT(STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW')),
        updated_at DATETIME NOT NULL DEFAULT(STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW')),
        category TEXT GENERATED ALWAYS AS (json_extract(workflow, '$.meta.category')) VIRTUAL NOT NULL,
        name TEXT GENERATED ALWAYS AS (json_extract(workflow, '$.name')) VIRTUAL NOT NULL,
        description TEXT GENERATED ALWAYS AS (json_extract(workflow, '$.description')) VIRTUAL NOT NULL,
        tags TEXT GENERATED ALWAYS AS (json_extract(workflow, '$.tags')) VIRTUAL,
        opened_at DATETIME,
        user_id TEXT DEFAULT 'system',
        is_public BOOLEAN NOT NULL DEFAULT FALSE)""",
    """CREATE TRIGGER tg_workflow_library_updated_at AFTER UPDATE ON workflow_library FOR EACH ROW
       BEGIN
         UPDATE workflow_library SET updated_at = STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW') WHERE workflow_id = old.workflow_id;
       END""",
] + [
    f"CREATE INDEX idx_workflow_library_{c} ON workflow_library({c})"
    for c in ("created_at", "updated_at", "opened_at", "category", "name", "description", "user_id", "is_public")
]

GET = ("SELECT workflow_id, workflow, name, created_at, updated_at, opened_at, user_id, is_public "
       "FROM workflow_library WHERE workflow_id = ?")
CREATE = "INSERT OR IGNORE INTO workflow_library (workflow_id, workflow, user_id, is_public) VALUES (?, ?, ?, ?)"
UPDATE = "UPDATE workflow_library SET workflow = ? WHERE workflow_id = ? AND category = 'user' AND user_id = ?"


def templates():
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "Invoke.Benchmarks", "Templates")
    return {name: json.load(open(os.path.join(here, name + ".json"))) for name in ("small", "medium", "large")}


def document(template, workflow_id, name):
    doc = dict(template)
    doc["id"] = workflow_id
    doc["name"] = name
    doc.setdefault("meta", {})["category"] = "user"
    return json.dumps(doc, separators=(",", ":"))


def connect(path):
    conn = sqlite3.connect(path, check_same_thread=False)
    conn.execute("PRAGMA foreign_keys = ON;")
    conn.execute("PRAGMA journal_mode = WAL;")
    conn.execute("PRAGMA busy_timeout = 5000;")
    return conn


def timed(samples, action):
    times = []
    for i in range(samples):
        start = time.perf_counter()
        action(i)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"samples": samples, "p50_ms": statistics.median(times), "p95_ms": times[int(0.95 * (len(times) - 1))],
            "mean_ms": statistics.fmean(times)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--users", type=int, default=0)
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    users = [str(uuid.uuid4()) for _ in range(args.users or max(10, args.rows // 100))]
    t = templates()
    rng = random.Random(14)
    path = os.path.join(args.dir, "invokeai.db")
    conn = connect(path)
    for statement in SCHEMA:
        conn.execute(statement)
    conn.commit()

    started = time.perf_counter()
    batch = []
    for i in range(args.rows):
        roll = rng.random()
        template = t["small"] if roll < 0.4 else t["medium"] if roll < 0.8 else t["large"]
        workflow_id = str(uuid.uuid4())
        owner = users[int(len(users) * rng.random() ** 2)]
        batch.append((workflow_id, document(template, workflow_id, f"Workflow {i}"), owner, rng.random() < 0.1))
        if len(batch) == 10000:
            conn.executemany(CREATE, batch)
            conn.commit()
            batch = []
    if batch:
        conn.executemany(CREATE, batch)
        conn.commit()
    fill_seconds = time.perf_counter() - started
    conn.execute("ANALYZE")
    conn.commit()

    caller = users[len(users) // 2]
    medium = t["medium"]

    def create(i):
        workflow_id = str(uuid.uuid4())
        conn.execute(CREATE, (workflow_id, document(medium, workflow_id, "Sample medium workflow"), caller, False))
        conn.commit()
        conn.execute(GET, (workflow_id,)).fetchone()
        conn.commit()
        created.append(workflow_id)

    created = []
    create_timing = timed(args.samples, create)

    def update(i):
        workflow_id = created[i % len(created)]
        conn.execute(UPDATE, (document(medium, workflow_id, "Sample medium workflow, edited"), workflow_id, caller))
        conn.commit()
        conn.execute(GET, (workflow_id,)).fetchone()
        conn.commit()

    update_timing = timed(args.samples, update)
    result = {"rows": args.rows, "users": len(users), "fill_seconds": fill_seconds, "sqlite": sqlite3.sqlite_version,
              "synchronous": conn.execute("PRAGMA synchronous").fetchone()[0],
              "create": create_timing, "update": update_timing}
    conn.close()
    for name in os.listdir(args.dir):
        os.remove(os.path.join(args.dir, name))
    os.rmdir(args.dir)
    json.dump(result, open(args.out, "w"), indent=2)
    print(f"  InvokeAI storage at {args.rows} rows: create p50 {create_timing['p50_ms']:.3f} ms, update p50 {update_timing['p50_ms']:.3f} ms")


if __name__ == "__main__":
    main()
