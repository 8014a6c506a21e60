"""What the middleware costs per request (a benchmark, not a test): Django's test client on the package's test
views (SQLite in memory), with and without the token, alternating rounds; prints µs per request and the ratio.

    cd integrations/django && /usr/bin/python3 bench_overhead.py [requests per round, default 2000]
"""

from __future__ import annotations

import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.test.utils import setup_test_environment  # noqa: E402

setup_test_environment()
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

connection.creation.create_test_db(verbosity=0)
from tests.testapp.models import Category, Product  # noqa: E402

category = Category.objects.create(name="c")
Product.objects.bulk_create(Product(name=f"p{i}", category=category) for i in range(10))
TOKEN = {"HTTP_X_SCALE_AUDIT_TOKEN": "s3cret-token"}


def per_request_us(client: Client, path: str, n: int, headers: dict[str, str]) -> float:
    start = time.perf_counter()
    for _ in range(n):
        client.get(path, **headers)
    return (time.perf_counter() - start) / n * 1e6


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    client = Client()
    print(f"load average {os.getloadavg()[0]:.2f}; {n} requests per round, 5 rounds, median")
    print("| view | without token (µs) | with token (µs) | overhead (µs) | ratio |")
    print("|---|---:|---:|---:|---:|")
    for path in ("/trivial", "/n-plus-one?limit=10"):
        per_request_us(client, path, n // 10, TOKEN)
        off, on = [], []
        for _ in range(5):
            off.append(per_request_us(client, path, n, {}))
            on.append(per_request_us(client, path, n, TOKEN))
        a, b = statistics.median(off), statistics.median(on)
        print(f"| {path} | {a:.1f} | {b:.1f} | {b - a:.1f} | {b / a:.3f} |")


if __name__ == "__main__":
    main()
