"""Render an annual report as HTML (public page and console), .docx and .xlsx."""
