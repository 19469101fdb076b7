"""The demo caseload's Pathways, told through the services (idempotent)."""


def seed(stdout) -> None:
    return None
