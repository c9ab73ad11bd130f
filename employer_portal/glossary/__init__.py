"""The glossary page (/glossary) and the template filters that link a term to it."""
