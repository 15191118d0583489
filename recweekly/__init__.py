"""recweekly: run a research blog on recommender systems from git."""

__version__ = "0.1.0"
