from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse

from .models import Product


def _limit(request: HttpRequest) -> int:
    return int(request.GET.get("limit", "5"))


def n_plus_one(request: HttpRequest) -> JsonResponse:
    products = Product.objects.order_by("id")[: _limit(request)]
    return JsonResponse({"names": [f"{p.name}/{p.category.name}" for p in products]})


def joined(request: HttpRequest) -> JsonResponse:
    products = Product.objects.select_related("category").order_by("id")[: _limit(request)]
    return JsonResponse({"names": [f"{p.name}/{p.category.name}" for p in products]})


def cache_reads(request: HttpRequest) -> HttpResponse:
    hits, misses = int(request.GET["hits"]), int(request.GET["misses"])
    cache = caches[request.GET.get("alias", "default")]
    for i in range(hits):
        cache.get(f"present:{i}")
    for i in range(misses):
        cache.get(f"absent:{i}", "fallback")
    cache.get_many([f"present:{i}" for i in range(hits)] + [f"absent:{i}" for i in range(misses)])
    return HttpResponse("ok")


def publish(request: HttpRequest) -> HttpResponse:
    from .tasks import ping

    ping.apply_async(queue="high")
    ping.apply_async(queue="low")
    return HttpResponse("ok")


def distinct_statements(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        for i in range(int(request.GET.get("n", "1000"))):
            cursor.execute(f"SELECT {i} AS column_{i}")
    return HttpResponse("ok")


def trivial(request: HttpRequest) -> HttpResponse:
    response = HttpResponse("ok")
    response["Server-Timing"] = "edge;dur=1"
    return response
