"""Group sessions: kinds, invitations and answers, attendance."""
