"""Typed, validated data for everything a team decides. No I/O, no widgets."""
