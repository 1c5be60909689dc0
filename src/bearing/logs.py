"""Structured logs (structlog): one event per line, as key=value text or JSON, each carrying
the id of the request it belongs to. Django's own loggers go through the same formatter, so
a warning from ``django.request`` carries the request id too.

    BEARING_LOG_LEVEL    WARNING by default; INFO adds a line per request
    BEARING_LOG_FORMAT   "text" (key=value, the default) or "json" (one object per line)
"""

from __future__ import annotations

from typing import Any

import structlog

# Run on every event, whether it came from structlog or from the standard library.
SHARED: list[Any] = [
    structlog.contextvars.merge_contextvars,  # the request id bound by RequestIdMiddleware
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]


def configure(level: str, fmt: str) -> dict[str, Any]:
    """Set structlog up and return Django's LOGGING dictionary to match it."""
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *SHARED,
            structlog.processors.format_exc_info,
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    renderer: Any = (
        structlog.processors.JSONRenderer()
        if fmt == "json"
        else structlog.processors.KeyValueRenderer(
            key_order=["timestamp", "level", "event", "request_id"], drop_missing=True
        )
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        # A client's mistake (4xx) is one line, never a traceback (logfilters.py).
        "filters": {"one_line_4xx": {"()": "bearing.logfilters.OneLineClientErrors"}},
        "formatters": {
            "structured": {
                "()": structlog.stdlib.ProcessorFormatter,
                "processor": renderer,
                "foreign_pre_chain": SHARED,
            }
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "structured",
                "filters": ["one_line_4xx"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
    }
