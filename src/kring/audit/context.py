from contextvars import ContextVar
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    client_ip: str = ""
    # Numbers of the refusals already logged in this request, so the central 404 logging adds none twice.
    refusals: list[int] = field(default_factory=list)


NO_REQUEST = RequestContext()
request_context: ContextVar[RequestContext] = ContextVar("kring_request_context", default=NO_REQUEST)
