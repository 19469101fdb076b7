"""The demo caseload's Signal index, told through the services (idempotent)."""


def seed(stdout) -> None:
    return None
