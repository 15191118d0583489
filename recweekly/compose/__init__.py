"""Turning notes into drafts: periods, statistics, rendering and generated regions."""
