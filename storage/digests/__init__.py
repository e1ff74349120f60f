"""Digest subscriptions and their deliveries, with the delivery claim."""
