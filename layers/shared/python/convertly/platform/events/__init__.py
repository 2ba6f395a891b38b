"""Domain events: their envelope, the transactional outbox, the publisher port and the stream reader."""
