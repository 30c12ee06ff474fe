from .context import Actor, client_ip, reset, set_current

# Refusals worth a trace: a signed-in user sent away (403) or asking for what is not theirs (404, which is how
# other agencies' objects answer); for anonymous visitors only 403 (a failed CSRF check), not every probe's 404.
AUDITED_DENIALS = {True: (403, 404), False: (403,)}


class AuditContextMiddleware:
    """Makes the logged-in user and the client address the actor of every event the request appends."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        name = user.get_username() if user is not None and user.is_authenticated else "匿名"
        token = set_current(Actor(name, client_ip(request)))
        try:
            response = self.get_response(request)
            signed_in = user is not None and user.is_authenticated
            if response.status_code in AUDITED_DENIALS[signed_in] and not request.path.startswith("/static/"):
                _record_denial(request, response.status_code, name if signed_in else None)
            return response
        finally:
            reset(token)


def _record_denial(request, status: int, username: str | None) -> None:
    from .chain import record
    from .hooks import _home_agency
    from .models import AuditEvent

    record(
        AuditEvent.Action.DENIED, object_type="http", object_repr=f"{request.method} {request.path}"[:300],
        agency_id=_home_agency(username) if username else None, after={"status": status},
    )  # fmt: skip
