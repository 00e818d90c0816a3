"""The shapes every stage shares: Monograph (facts + sources) and Article (the guide)."""
