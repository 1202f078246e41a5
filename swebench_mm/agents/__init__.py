"""Agents: models that see images, a tool environment in the instance's container, and scaffolds."""
