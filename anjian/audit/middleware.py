from .context import Actor, client_ip, reset, set_current


class AuditContextMiddleware:
    """Makes the logged-in user and the client address the actor of every event the request appends."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        name = user.get_username() if user is not None and user.is_authenticated else "匿名"
        token = set_current(Actor(name, client_ip(request)))
        try:
            return self.get_response(request)
        finally:
            reset(token)
