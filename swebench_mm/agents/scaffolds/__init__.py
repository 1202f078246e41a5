"""Scaffolds: ways of turning an instance into a patch (tool agent, baselines)."""
