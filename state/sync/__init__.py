"""Keeping one journal across machines: merging the conflict copies sync tools leave."""
