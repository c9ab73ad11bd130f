"""Role checks for pages: viewers read, HR and admins change, admins manage users and settings."""
from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user, login_required


def _requiring(allowed):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(*args, **kwargs):
            if not allowed(current_user):
                abort(403)
            return view(*args, **kwargs)

        return wrapper

    return decorator


editor_required = _requiring(lambda user: user.can_edit)
admin_required = _requiring(lambda user: user.is_admin)
