"""SQLAlchemy models, one module per aggregate. Importing this registers every table."""
from employer_portal.models.employer import ApiToken, AuditEvent, Employer, User, UserSession  # noqa: F401
from employer_portal.models.hire import Hire  # noqa: F401
from employer_portal.models.refdata import RefdataVersion, RefdataWageFigure  # noqa: F401
from employer_portal.models.deadline import Deadline, ReminderOutbox  # noqa: F401
from employer_portal.models.checklist import ChecklistBuild, ChecklistItem  # noqa: F401
from employer_portal.models.permit import PermitPeriod  # noqa: F401
from employer_portal.models.inspection_pack import InspectionPack  # noqa: F401
from employer_portal.models.document import Document, UploadLink  # noqa: F401
from employer_portal.models.candidate_profile import CandidateProfile, PathwaySettings  # noqa: F401
from employer_portal.models.benefits_plan import LmbpActivity, LmbpCommitment, SelfAuditAnswer  # noqa: F401
