from django.urls import path

from . import views

urlpatterns = [
    path("n-plus-one", views.n_plus_one),
    path("joined", views.joined),
    path("cache", views.cache_reads),
    path("publish", views.publish),
    path("distinct", views.distinct_statements),
    path("trivial", views.trivial),
]
