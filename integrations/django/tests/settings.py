"""Settings for the package's own tests (Django's test runner): SQLite in memory, local-memory caches, Celery on
its in-memory broker, so the tests need no services."""

SECRET_KEY = "tests-only"
DEBUG = False
ALLOWED_HOSTS = ["testserver"]
USE_TZ = True
ROOT_URLCONF = "tests.testapp.urls"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
INSTALLED_APPS = ["scale_audit_django", "tests.testapp"]
MIDDLEWARE = ["scale_audit_django.middleware.ScaleAuditMiddleware"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
    "sessions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "sessions"},
}
SCALE_AUDIT_TOKEN = "s3cret-token"
