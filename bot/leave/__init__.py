"""Leave in Slack: the form, the list, ending it early; its part of Home."""
