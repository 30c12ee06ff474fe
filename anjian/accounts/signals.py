"""Account events that the audit log records.

The audit room sits above accounts (it may import accounts, never the reverse), so accounts announces what
happened and anjian.audit.hooks writes the audit event.
"""

from __future__ import annotations

from django.dispatch import Signal

# Sent with user= and agency_id= once a password has been changed (any way: form, command, admin).
password_changed = Signal()
# Sent with user= and agency_id= once a second-factor device has been bound to an account.
otp_enrolled = Signal()
