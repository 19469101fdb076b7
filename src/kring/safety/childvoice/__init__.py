"""The child's own voice in the dossier: words and pictures (the immediate story) and the three houses."""
