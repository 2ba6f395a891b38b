"""Business logic. Services take a Principal and domain types and know nothing of API Gateway."""
