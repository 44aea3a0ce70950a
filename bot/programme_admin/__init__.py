"""Programme admin in Slack: the coordinators' forms (settings, intakes, cohorts, ICSs, the
offer, the catalogue, the policies, the audit log), their routes, Block Kit and form readers."""
