"""Which documents a hire needs (pure) and the checklist PDF.

`build_checklist` and `reconcile` take plain data and return plain data;
`pdf.render_pdf` turns a `ChecklistDocument` into PDF bytes. Importing this
package does not import WeasyPrint (the renderer is imported on demand).
"""
from employer_portal.checklists.builder import (
    ITEM_STATUSES,
    ChecklistItem,
    Reconciliation,
    build_checklist,
    credential_kind,
    reconcile,
)

__all__ = [
    "ITEM_STATUSES",
    "ChecklistItem",
    "Reconciliation",
    "build_checklist",
    "credential_kind",
    "reconcile",
]
