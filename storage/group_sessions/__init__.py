"""The storage of group sessions and their invitees."""
