"""Import and export of records as CSV and XLSX (Qt-free)."""
