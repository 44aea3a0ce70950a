"""The storage of Leadership Support Circles: deliveries, the calendar, sign-ups, cover."""
