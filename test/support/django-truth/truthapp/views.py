import time

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse

from .models import Product


def _int(request: HttpRequest, name: str, default: int) -> int:
    return int(request.GET.get(name, str(default)))


def n_plus_one(request: HttpRequest) -> JsonResponse:
    products = Product.objects.order_by("id")[: _int(request, "limit", 8)]
    return JsonResponse({"names": [f"{p.name}/{p.category.name}" for p in products]})


def joined(request: HttpRequest) -> JsonResponse:
    products = Product.objects.select_related("category").order_by("id")[: _int(request, "limit", 8)]
    return JsonResponse({"names": [f"{p.name}/{p.category.name}" for p in products]})


def cache_reads(request: HttpRequest) -> HttpResponse:
    for i in range(_int(request, "hits", 0)):
        if cache.get(f"present:{i}") is None:
            return HttpResponse("present key missing", status=500)
    for i in range(_int(request, "misses", 0)):
        cache.get(f"absent:{i}")
    return HttpResponse("ok")


def publish(request: HttpRequest) -> HttpResponse:
    from .tasks import ping

    ping.apply_async(queue="high")
    ping.apply_async(queue="low")
    return HttpResponse("ok")


def slow(request: HttpRequest) -> HttpResponse:
    time.sleep(_int(request, "ms", 100) / 1000)
    return HttpResponse("ok")
