"""Helpers shared by every background job that holds rows under a lease (reminders, checklist builds,
inspection packs): `lease.LeaseKeeper` keeps a running job's short lease alive."""
