"""The storage of cascading answers, attendance and follow-up calls."""
