"""Stempel: an open-source time clock for Norwegian workplaces (and anyone else)."""

__version__ = "0.1.0"
