"""Held-out style families: generated with fixed seeds and scored only; never used to choose
extractor changes. Written by authors who have not read extract/."""
