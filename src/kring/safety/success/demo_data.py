"""The demo caseload's Signs of Success, told through the services (idempotent)."""


def seed(stdout) -> None:
    return None
