"""The document model (standard library only): manuscripts, editions, source references."""
