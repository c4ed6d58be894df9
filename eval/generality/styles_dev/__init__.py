"""Development style families (tuning allowed)."""
