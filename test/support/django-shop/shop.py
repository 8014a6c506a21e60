"""A tiny Django shop for the flow tests: Django's own CsrfViewMiddleware and signed-cookie sessions, no database.

    python3 shop.py PORT

GET/POST /accounts/login/ (password "pw-<username>"; login rotates the CSRF token as django.contrib.auth does),
POST /cart/add/ (JSON), POST /checkout/ (201 {"order_id": n}), GET /orders/<n>/ (the session's own orders only),
GET /__stats (logins per user, checkouts, order pages served, CSRF rejections by reason).
"""
import json
import sys
import threading

from django.conf import settings

settings.configure(
    DEBUG=True,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    SECRET_KEY="scale-audit-test-only",
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
    ],
    SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies",
    CSRF_FAILURE_VIEW=__name__ + ".csrf_failure",
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}],
    DATABASES={},
)

import django  # noqa: E402

django.setup()

from django.http import HttpResponse, JsonResponse, HttpResponseRedirect  # noqa: E402
from django.middleware.csrf import rotate_token  # noqa: E402
from django.template import engines  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.csrf import csrf_failure as django_csrf_failure  # noqa: E402

LOCK = threading.Lock()
STATS = {"logins": {}, "checkouts": 0, "orders": 0, "csrfFailures": {}}
NEXT_ORDER = [0]
FORM = engines["django"].from_string(
    '<form method="post">{% csrf_token %}<input name="username"><input name="password" type="password"></form>'
)


def count(key, name=None):
    with LOCK:
        if name is None:
            STATS[key] += 1
        else:
            STATS[key][name] = STATS[key].get(name, 0) + 1


def csrf_failure(request, reason=""):
    count("csrfFailures", reason)
    return django_csrf_failure(request, reason)


def login(request):
    if request.method == "GET":
        return HttpResponse(FORM.render({}, request))
    username = request.POST.get("username", "")
    if not username or request.POST.get("password") != "pw-" + username:
        return HttpResponse("bad login", status=200)
    request.session.cycle_key()
    request.session["user"] = username
    request.session["orders"] = []
    rotate_token(request)
    count("logins", username)
    return HttpResponseRedirect("/")


def needs_session(view):
    def wrapped(request, **kwargs):
        if "user" not in request.session:
            return JsonResponse({"detail": "login required"}, status=401)
        return view(request, **kwargs)

    return wrapped


@needs_session
def cart_add(request):
    quantity = json.loads(request.body or b"{}").get("quantity", 1)
    request.session["cart"] = request.session.get("cart", 0) + quantity
    return JsonResponse({"items": request.session["cart"]})


@needs_session
def checkout(request):
    if not request.session.get("cart"):
        return JsonResponse({"detail": "empty cart"}, status=400)
    with LOCK:
        NEXT_ORDER[0] += 1
        order = NEXT_ORDER[0]
    request.session["orders"] = request.session["orders"] + [order]
    request.session["cart"] = 0
    count("checkouts")
    return JsonResponse({"order_id": order}, status=201)


@needs_session
def order(request, number):
    if number not in request.session["orders"]:
        return JsonResponse({"detail": "no such order"}, status=404)
    count("orders")
    return JsonResponse({"order_id": number})


def stats(request):
    with LOCK:
        return JsonResponse(STATS)


urlpatterns = [
    path("accounts/login/", login),
    path("cart/add/", cart_add),
    path("checkout/", checkout),
    path("orders/<int:number>/", order),
    path("__stats", stats),
]

if __name__ == "__main__":
    from django.core.management import call_command

    call_command("runserver", f"127.0.0.1:{sys.argv[1]}", use_reloader=False, use_threading=True)
