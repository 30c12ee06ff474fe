"""The workbench's routes, one list per area; all under the namespace "web"."""

from .accounts.urls import urlpatterns as accounts
from .execution.urls import urlpatterns as execution
from .jobs.urls import urlpatterns as jobs
from .plans.urls import urlpatterns as plans
from .registry.urls import urlpatterns as registry

app_name = "web"
urlpatterns = [*plans, *accounts, *registry, *execution, *jobs]
