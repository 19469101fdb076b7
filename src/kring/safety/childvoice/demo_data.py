def seed(stdout) -> None:
    """Filled in with the words-and-pictures stories of the demo children."""
