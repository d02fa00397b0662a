"""Checks that can stop a build: the seed pre-check and the great-expectations audit."""
