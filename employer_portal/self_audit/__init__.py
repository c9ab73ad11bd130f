"""The yearly compliance self-audit of an employer and the employer-wide compliance page."""
