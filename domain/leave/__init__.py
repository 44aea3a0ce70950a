"""Leave: periods away that stretch requirements and hold reminders."""
