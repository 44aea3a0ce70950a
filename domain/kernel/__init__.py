"""What every feature's rules share (and nothing that one feature alone needs): errors, dates,
working days, people, programmes, the coordinators' role, the outbox and inbox values, events."""
