from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_PAGE_SIZE = 100
MAX_OFFSET = 10**9


class ErrorOut(Schema):
    """The body of every error response: a translated, human-readable message."""

    detail: str


class BoundedPagination(LimitOffsetPagination):
    """Limit/offset pages with bounds the database can hold: at most 100 a page."""

    class Input(Schema):
        limit: int = Field(25, ge=1, le=MAX_PAGE_SIZE, description="At most 100 items a page.")
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
