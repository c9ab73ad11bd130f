"""Reference data: the Job Bank wages parser, the bundled sets and the in-memory lookups the rules use."""
from employer_portal.refdata.jobbank import WageFigure, WagesFileError, read_wages
from employer_portal.refdata.reference import ReferenceData, load_bundled
from employer_portal.refdata.wages import PrevailingWage

__all__ = ["PrevailingWage", "ReferenceData", "WageFigure", "WagesFileError", "load_bundled", "read_wages"]
