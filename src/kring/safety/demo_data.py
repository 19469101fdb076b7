"""The demo caseload's Signs of Safety, told through the services (idempotent)."""


def seed(stdout) -> None:
    return None
