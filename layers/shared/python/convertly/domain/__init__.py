"""Domain types: the request and response shapes of Convertly's API, validated by Pydantic."""
