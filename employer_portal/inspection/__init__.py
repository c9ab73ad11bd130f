"""Inspection readiness: how long a hire's documents are kept, and the inspection pack.

- `retention`: each document's keep-until date from the hire's record-retention deadlines,
  deletion rules (admin with a reason before the date; never under a legal hold), the purge.
- `pack`: the pure ZIP writer (files streamed in chunks, manifest.json with each file's sha256).
- `sealed`: the pack at rest, encrypted in chunks with the data key (AES-256-GCM).
- `service`: the pack job rows (request, claim under a lease, build) and what goes into a pack.
"""
