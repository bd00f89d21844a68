"""The content library: articles as Markdown files, checked, rendered and hot-reloaded."""
