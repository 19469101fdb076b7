"""Signs of Success for youth probation: book-ends, IK-plan, desistance stage, positive closure."""
