"""The storage of pathways, accreditations and role statuses, peer reviews, mentoring pairs."""
