"""The shape of a permission-matrix case, shared by tests/access/test_permission_matrix.py and the
per-app tests/<app>/matrix.py modules it collects."""

from collections.abc import Callable
from dataclasses import dataclass, field

from .conftest import World

A = "anonymous"


@dataclass
class Case:
    method: str
    kwargs: Callable[[World], dict] = field(default=lambda w: {})
    data: dict | Callable[[World], dict] = field(default_factory=dict)
    json: bool = False  # send `data` as a JSON body (the API) instead of a form
    # persona -> status; personas not named get `default`
    expect: dict[str, int] = field(default_factory=dict)
    default: int = 200
