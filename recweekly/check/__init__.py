"""Validation of drafts and posts (`recweekly check`), and the references a post makes."""
