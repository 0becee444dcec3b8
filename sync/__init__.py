"""What the desktop client and the tenant server agree on, and the client's side of sync."""
