"""Errors the services raise that are not field validation (which is Django's ValidationError)."""


class ConflictError(Exception):
    """Someone else changed the row since the caller read it (optimistic locking)."""

    def __init__(self, current_version: int) -> None:
        self.current_version = current_version
        super().__init__(
            f"this was changed by someone else meanwhile (now version {current_version}); "
            "reload and apply your change again"
        )
