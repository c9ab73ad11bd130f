"""After approval: the employer's conditions kept (issue 14, items 1, 2 and 5 on the hire side).

- `terms`: the offer's terms as a flat dict, the baseline frozen at submission, and the pure classifier
  of a change of terms (allowed / new offer or LMIA / new permit / violation risk) citing IRPR R209.2 / R209.3.
- `consistency`: the pure field-by-field comparison of the hire, the Employer Portal offer or the LMIA,
  and the worker's permit application (one TERMS_MISMATCH finding per difference, with both values).
- `service`: the database side (record a change of terms, record the filed documents, the conditions view).
- `views`: the hire page's Conditions section and its forms.
"""
