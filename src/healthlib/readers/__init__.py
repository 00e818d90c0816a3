"""Readers: one per input format, each producing Monographs and nothing else."""
