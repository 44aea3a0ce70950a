"""Leadership Support Circles: deliveries, the calendar, cancelling, cover, reminders."""
