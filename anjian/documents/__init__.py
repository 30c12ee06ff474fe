"""Official documents: pure functions from a PlanSnapshot to DOCX/XLSX bytes (no Django, no database)."""
