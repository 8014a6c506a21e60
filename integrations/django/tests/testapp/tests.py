from __future__ import annotations

import re
import time

from django.core.cache import caches
from django.test import TestCase, override_settings

from scale_audit_django.collector import RequestFigures
from scale_audit_django.request_start import queued_ms
from scale_audit_django.server_timing import MAX_BYTES, header_value
from scale_audit_django.sql import normalize

from .models import Category, Product

TOKEN = {"HTTP_X_SCALE_AUDIT_TOKEN": "s3cret-token"}
_METRIC = re.compile(r'\s*([\w-]+)((?:;\s*[\w-]+=(?:"(?:[^"\\]|\\.)*"|[^,;]*))*)\s*(?:,|$)')
_PARAM = re.compile(r';\s*([\w-]+)=("(?:[^"\\]|\\.)*"|[^,;]*)')


def parse(header: str) -> list[tuple[str, dict[str, str]]]:
    """Server-Timing as a list of (metric, params), quoted strings unescaped (RFC 9110 quoted-string)."""
    out = []
    for match in _METRIC.finditer(header):
        if not match.group(1):
            continue
        params = {}
        for name, value in _PARAM.findall(match.group(2)):
            params[name] = re.sub(r"\\(.)", r"\1", value[1:-1]) if value.startswith('"') else value.strip()
        out.append((match.group(1), params))
    return out


def metric(header: str, name: str) -> dict[str, str]:
    return next(params for metric_name, params in parse(header) if metric_name == name)


class Inert(TestCase):
    def test_no_header_without_the_request_token(self) -> None:
        self.assertNotIn("Server-Timing", self.client.get("/joined"))

    def test_no_header_with_a_wrong_token(self) -> None:
        response = self.client.get("/joined", HTTP_X_SCALE_AUDIT_TOKEN="s3cret-tokeX")
        self.assertNotIn("Server-Timing", response)

    @override_settings(SCALE_AUDIT_TOKEN="")
    def test_no_header_when_the_setting_is_empty(self) -> None:
        self.assertNotIn("Server-Timing", self.client.get("/joined", HTTP_X_SCALE_AUDIT_TOKEN=""))

    def test_the_token_never_appears_in_the_response(self) -> None:
        response = self.client.get("/joined", **TOKEN)
        self.assertNotIn("s3cret", str(response.headers) + response.content.decode())


class Queries(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        categories = [Category.objects.create(name=f"c{i}") for i in range(3)]
        for i in range(12):
            Product.objects.create(name=f"p{i}", category=categories[i % 3])

    def test_n_plus_one_counts_one_list_and_one_lookup_per_row(self) -> None:
        for limit in (4, 9):
            timing = self.client.get(f"/n-plus-one?limit={limit}", **TOKEN)["Server-Timing"]
            db = metric(timing, "sa-db")
            self.assertEqual((int(db["n"]), int(db["dup"])), (1 + limit, limit))
            dup = metric(timing, "sa-dup")
            self.assertEqual(int(dup["n"]), limit)
            self.assertIn('FROM "testapp_category" WHERE "testapp_category"."id" = ?', dup["desc"])
            self.assertNotRegex(dup["desc"], r"= \d")

    def test_its_join_twin_runs_one_statement_and_no_duplicate(self) -> None:
        timing = self.client.get("/joined?limit=9", **TOKEN)["Server-Timing"]
        db = metric(timing, "sa-db")
        self.assertEqual((int(db["n"]), int(db["dup"])), (1, 0))
        self.assertNotIn("sa-dup", timing)
        self.assertGreater(float(metric(timing, "sa-app")["dur"]), 0)

    def test_a_thousand_distinct_statements_stay_within_one_kib(self) -> None:
        timing = self.client.get("/distinct?n=1000", **TOKEN)["Server-Timing"]
        self.assertLessEqual(len(timing.encode()), MAX_BYTES)
        self.assertEqual(metric(timing, "sa-db")["n"], "1000")

    def test_other_server_timing_metrics_are_kept(self) -> None:
        timing = self.client.get("/trivial", **TOKEN)["Server-Timing"]
        self.assertEqual([name for name, _ in parse(timing)][:2], ["edge", "sa-app"])


class Cache(TestCase):
    def setUp(self) -> None:
        caches["default"].clear()
        caches["default"].set_many({f"present:{i}": i for i in range(3)})

    def test_hits_and_misses_of_get_and_get_many(self) -> None:
        timing = self.client.get("/cache?hits=3&misses=2", **TOKEN)["Server-Timing"]
        cache = metric(timing, "sa-cache")
        # 3 + 2 single reads, then one get_many of the same 5 keys (locmem's get_many calls get: counted once each)
        self.assertEqual((int(cache["hit"]), int(cache["miss"])), (6, 4))

    def test_a_miss_still_returns_the_callers_default(self) -> None:
        self.assertEqual(self.client.get("/cache?hits=0&misses=1", **TOKEN).content, b"ok")
        self.assertEqual(caches["default"].get("absent:0", "d"), "d")

    def test_reads_outside_an_audited_request_are_not_counted_anywhere(self) -> None:
        self.assertEqual(caches["default"].get("present:1"), 1)
        timing = self.client.get("/cache?hits=0&misses=0", **TOKEN)["Server-Timing"]
        self.assertEqual(metric(timing, "sa-cache"), {"hit": "0", "miss": "0"})


class Tasks(TestCase):
    def test_tasks_published_by_queue(self) -> None:
        timing = self.client.get("/publish", **TOKEN)["Server-Timing"]
        tasks = {p["desc"]: int(p["n"]) for name, p in parse(timing) if name == "sa-task"}
        self.assertEqual(tasks, {"high": 1, "low": 1})


class RequestStart(TestCase):
    def test_seconds_milliseconds_and_microseconds_since_epoch(self) -> None:
        now = 1_700_000_000.5
        for stamp in ("t=1700000000.4", "t=1700000000400", "t=1700000000400000"):
            self.assertAlmostEqual(queued_ms(stamp, now) or 0, 100, delta=0.01)
        self.assertIsNone(queued_ms("garbage", now))
        self.assertEqual(queued_ms(f"t={now + 5}", now), 0)

    def test_the_queue_metric_appears_when_the_proxy_stamps_the_request(self) -> None:
        stamp = f"t={int((time.time() - 0.25) * 1e6)}"
        timing = self.client.get("/joined", HTTP_X_REQUEST_START=stamp, **TOKEN)["Server-Timing"]
        self.assertGreaterEqual(float(metric(timing, "sa-queue")["dur"]), 250)


class WireFormat(TestCase):
    def test_normalize_strips_parameters_and_literals(self) -> None:
        self.assertEqual(
            normalize("SELECT a FROM t WHERE id = %s AND n = 42 AND s = 'x''y' AND k IN (%s, %s, %s)"),
            "SELECT a FROM t WHERE id = ? AND n = ? AND s = ? AND k IN (...)",
        )
        self.assertEqual(normalize('SELECT "t1"."c2" FROM  t1\n LIMIT 21'), 'SELECT "t1"."c2" FROM t1 LIMIT ?')

    def test_no_view_can_push_the_header_past_one_kib(self) -> None:
        figures = RequestFigures()
        statement = 'SELECT "' + 'q\\"' * 400 + '" FROM t'
        for _ in range(3):
            figures.add_statement(statement, 1.0)
        for i in range(500):
            figures.tasks[f"queue-{i:03d}-" + "x" * 40] += 1
        value = header_value(figures, 12.0, 3.0)
        self.assertLessEqual(len(value.encode()), MAX_BYTES)
        tasks = [p for name, p in parse(value) if name == "sa-task"]
        self.assertEqual(sum(int(p["n"]) for p in tasks), 500)
        self.assertEqual(metric(value, "sa-dup")["n"], "3")
        self.assertEqual(value.encode("ascii").decode(), value)
