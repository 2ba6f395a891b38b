"""Domain events: their envelope, the transactional outbox and the publisher port."""
