"""Running programmes from App Home and the file: settings, cohorts, ICSs, catalogue,
policies, content, configuration, the audit log."""
