from django.urls import path

from . import views

urlpatterns = [path("signals/", views.signal_index, name="signal_index")]
