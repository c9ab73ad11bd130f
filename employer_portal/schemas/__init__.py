"""Validation schemas shared by the API, the forms and the domain modules."""
