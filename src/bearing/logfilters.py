"""Log filters: a client's mistake is one line in the server log, never a traceback.

Django logs a 403 (PermissionDenied) and a refused Host header (DisallowedHost) with the
exception attached, so each wrote a whole traceback, as if the server had failed
(issue 9.10, 10.8). They are the client's doing: keep the line, drop the traceback.
Server errors (5xx) keep theirs.
"""

from __future__ import annotations

import logging


class OneLineClientErrors(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        client_error = isinstance(status, int) and 400 <= status < 500
        if client_error or record.name.startswith("django.security."):
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True
