"""Worker documents: the upload link, files checked and kept as a bank would, and HR's review.

- `files`: pure checks of one uploaded file (type by content, size caps, HEIC, executables).
- `scanning`: the virus-scan hook (ClamAV's clamd over its socket when configured).
- `service`: the database side (links, storing sealed files, accept/reject/replace, audit).
- `views`: the worker's page (no login, by link) and the hire page's Documents section.
"""
