"""The local stack: moto, the bootstrapped resources, the API, the consumers and the schedules in one process."""
