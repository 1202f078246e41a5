"""Running instances past one machine: each instance one Ray task on a node that has a Docker engine."""
