"""The tenant API's routers; `server.app` mounts each under `/t/{tenant}/v1`."""
