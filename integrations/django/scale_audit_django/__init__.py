"""scale-audit's Django app: reports each audited request's own figures as Server-Timing (see middleware)."""
