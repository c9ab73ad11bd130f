"""Domain events, so features react to each other without importing each other.

- `hire_saved(hire, actor, changes)`: after a hire is created or changed (facts, status or
  dates) and flushed, inside the same transaction. Checklists reconcile their items,
  deadlines recompute and re-plan reminders.
- `wages_imported(version_id, actor_label)`: after a new Job Bank wages version is in force
  and committed. Wage-drift alerts re-check active hires.
"""
from blinker import Namespace

_events = Namespace()

hire_saved = _events.signal("hire-saved")
wages_imported = _events.signal("wages-imported")
