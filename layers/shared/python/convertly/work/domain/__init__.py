"""Work's API shapes: follow-ups, tasks and due times."""
