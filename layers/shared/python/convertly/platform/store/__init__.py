"""The single table: the base item and its indexes, keys, transactions, the cursor pager and the due index."""
