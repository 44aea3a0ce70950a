"""Leadership Support Circles: the calendar, signing up, cancelling, cover, reminders (a circle
delivered is logged like any delivery: handlers/supervision/circle_deliveries.py)."""
