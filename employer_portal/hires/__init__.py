"""Hires: the service (draft, check, submit, statuses, audit) and the pages of blueprint `hires`."""
