"""Reminder delivery: the outbox sweep, the mailer, email rendering, the calendar feed, wage drift.

- `outbox`: claim due rows with a lease, mark them sent / retry / failed (SQL, both dialects).
- `mailer`: SMTP (one connection per batch) or the local outbox folder; errors split into
  temporary (retry) and permanent (fail).
- `emails`: the multipart message of one outbox row, from Jinja templates.
- `sending`: send a claimed batch; `sweep`: one pass of what beat runs every minute.
- `calendar`: the per-user iCal feed; `wage_drift`: re-check hires after a wages import.

The one window SMTP cannot close: the server accepted a message (250) and the sender
died before recording `sent`. The row stays `sending` until its lease runs out, is
reclaimed and sent again, so the recipient may get it twice. Each reclaim is counted
(`ReminderOutbox.reclaims`, the sweep's `possible_duplicates`, a warning in the log);
the shared Message-ID lets mail clients fold the two copies into one.
"""
