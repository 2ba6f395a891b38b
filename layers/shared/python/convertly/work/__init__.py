"""Work: follow-ups, tasks and the reminder run over the due index."""
