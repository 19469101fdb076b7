from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    client_ip: str = ""


NO_REQUEST = RequestContext()
request_context: ContextVar[RequestContext] = ContextVar("kring_request_context", default=NO_REQUEST)
