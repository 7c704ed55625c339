"""What a log line says about the request it comes from: its path and the user's id, nothing more."""

import logging


class RequestContext(logging.Filter):
    """Add `path` and `user_id` to every record ("-" when there is no request or nobody signed in).

    Only these two are read from the request: a record never carries its body, its cookies or the
    session key, so neither a password typed into a form nor a session can end up in the log.
    """

    def filter(self, record):
        request = getattr(record, "request", None)
        record.path = getattr(request, "path", "-") if request is not None else "-"
        record.user_id = "-"
        user = getattr(request, "user", None) if request is not None else None
        try:
            if user is not None and user.is_authenticated:
                record.user_id = user.pk
        except Exception:  # the failure being logged may be the database's: the line must still be written
            record.user_id = "?"
        return True
