"""Plain-text serialisations of the document model (CoNLL-U, JSON)."""
