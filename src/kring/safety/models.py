"""Signs of Safety: mapping, statements, bottom lines, scales, safety plans, journal, words and pictures."""
