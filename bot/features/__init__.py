"""One folder per feature: its handlers, screens, storage and jobs."""
