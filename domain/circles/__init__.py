"""Leadership Support Circles: topics and deliveries, the calendar, cover."""
