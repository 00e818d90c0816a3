"""Access logs without search text: what a person searches for about their health stays private.

Uvicorn's access logger is given (client, method, path with query string, HTTP version, status);
unless the operator asks for search logging, the query string is cut off before the record is
written anywhere.
"""

from __future__ import annotations

import logging

ACCESS_LOGGER = "uvicorn.access"


class DropQueryString(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str) and "?" in args[2]:
            record.args = (*args[:2], args[2].split("?", 1)[0], *args[3:])
        return True


def configure_access_log(log_search: bool) -> None:
    """Idempotent: install (or remove) the filter on uvicorn's access logger."""
    logger = logging.getLogger(ACCESS_LOGGER)
    for f in [f for f in logger.filters if isinstance(f, DropQueryString)]:
        logger.removeFilter(f)
    if not log_search:
        logger.addFilter(DropQueryString())
