"""An API function with a signed-in route, as the foundation requires one and nothing more: the public
reference (Powertools Logger, Tracer and Metrics, a REST resolver validating a Pydantic body) plus
PyJWT with RS256, which loads cryptography, to verify Cognito ID tokens against the pool's JWKS."""

from __future__ import annotations

from jwt import PyJWKClient
from jwt.algorithms import RSAAlgorithm

from bench.references.public_api import app, handler

jwks = PyJWKClient("https://cognito-idp.us-east-1.amazonaws.com/pool/.well-known/jwks.json")
ALGORITHM = RSAAlgorithm(RSAAlgorithm.SHA256)

__all__ = ["ALGORITHM", "app", "handler", "jwks"]
