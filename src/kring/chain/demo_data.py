"""The demo caseload's Chain table, told through the services (idempotent)."""


def seed(stdout) -> None:
    return None
