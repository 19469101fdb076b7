"""Permission-matrix cases for the signal index: every logged-in professional may open the page (it only
shows their own organisation's registrations); the anonymous visitor gets the login page."""

from ...permissions import A, Case

CASES: dict[str, Case] = {
    "signal_index": Case("get", expect={A: 302}),
}
