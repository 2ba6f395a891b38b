"""The platform console: Convertly's own staff see every tenant, suspend and reactivate one, extend a
trial, manage the platform's users, and view as a tenant's Admin for support."""
