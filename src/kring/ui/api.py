from ninja import Schema


class ErrorOut(Schema):
    """The body of every error response: a translated, human-readable message."""

    detail: str
