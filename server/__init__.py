"""The Stempel tenant server: FastAPI over TLS, one database per tenant."""
