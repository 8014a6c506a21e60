"""A small Django site for the app-truth tests: PostgreSQL, django-redis cache, Celery on Redis, and
scale_audit_django's middleware first. Configured by environment (SA_DB_NAME, SA_REDIS_URL, SA_BROKER_URL,
SA_CACHE_PREFIX, SCALE_AUDIT_TOKEN).

    python3 truth_site.py setup     # tables, 3 categories, 40 products, cache keys present:0..49
    gunicorn truth_site:application
"""
import os
import sys

from django.conf import settings

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    SECRET_KEY="scale-audit-test-only",
    ROOT_URLCONF=__name__,
    DEFAULT_AUTO_FIELD="django.db.models.AutoField",
    INSTALLED_APPS=["scale_audit_django", "truthapp"],
    MIDDLEWARE=["scale_audit_django.middleware.ScaleAuditMiddleware"],
    DATABASES={
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": os.environ["SA_DB_NAME"],
            "USER": "postgres",
            "HOST": "127.0.0.1",
            "PORT": "5432",
        }
    },
    CACHES={
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["SA_REDIS_URL"],
            "KEY_PREFIX": os.environ["SA_CACHE_PREFIX"],
        }
    },
    SCALE_AUDIT_TOKEN=os.environ.get("SCALE_AUDIT_TOKEN", ""),
)

import django  # noqa: E402

django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.urls import path  # noqa: E402

from truthapp import views  # noqa: E402

urlpatterns = [
    path("products/n-plus-one", views.n_plus_one),
    path("products/joined", views.joined),
    path("cache", views.cache_reads),
    path("publish", views.publish),
    path("slow", views.slow),
]

application = get_wsgi_application()


def setup() -> None:
    from django.core.cache import cache
    from django.db import connection

    from truthapp.models import Category, Product

    with connection.schema_editor() as editor:
        editor.create_model(Category)
        editor.create_model(Product)
    categories = [Category.objects.create(name=f"category-{i}") for i in range(3)]
    Product.objects.bulk_create(Product(name=f"product-{i}", category=categories[i % 3]) for i in range(40))
    cache.set_many({f"present:{i}": i for i in range(50)}, timeout=None)


if __name__ == "__main__" and sys.argv[1:] == ["setup"]:
    setup()
