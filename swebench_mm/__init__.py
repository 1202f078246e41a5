"""swebench-mm: evaluate software-engineering agents on visual JavaScript tasks."""

__version__ = "0.1.0"
