"""The local stack: moto, the bootstrapped resources, the API, the event consumers and the schedules
in one process."""
