"""Who is acting and from where, for the current request or command (a context variable)."""

from __future__ import annotations

import getpass
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    actor: str
    ip_address: str | None = None


def _command_line() -> Actor:
    try:
        return Actor(f"命令行:{getpass.getuser()}")
    except (KeyError, OSError):
        return Actor("命令行")


_current: ContextVar[Actor | None] = ContextVar("anjian_audit_actor", default=None)


def current() -> Actor:
    return _current.get() or _command_line()


def set_current(actor: Actor):  # a contextvars Token
    return _current.set(actor)


def reset(token) -> None:
    _current.reset(token)


def client_ip(request) -> str | None:
    # REMOTE_ADDR only: X-Forwarded-For is client-controlled unless a trusted proxy rewrites it.
    return request.META.get("REMOTE_ADDR") or None
