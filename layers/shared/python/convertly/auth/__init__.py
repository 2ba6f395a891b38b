"""Authentication: token verification and the Cognito adapter."""
