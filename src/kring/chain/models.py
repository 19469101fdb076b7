"""The chain table: chain cases, deepening, decisions, patterns."""
