"""The GTS Labour Market Benefits Plan tracker: commitments, activities, status, the review report."""
