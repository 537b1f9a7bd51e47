"""Reports built from stored runs: a cohort's review, and xAPI statements for a Learning Record
Store (``xapi``)."""
