"""The demo caseload's Feedback and outcomes, told through the services (idempotent)."""


def seed(stdout) -> None:
    return None
