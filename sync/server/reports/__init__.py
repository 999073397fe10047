"""Ward reports (Qt-free): figures per period, CSV/XLSX/PDF, locked periods.

- :mod:`.models` the tables (``record_facts`` read model, period locks, report settings)
- :mod:`.facts` keeping ``record_facts`` in step with the heads (``refresh_facts``,
  ``set_excluded``): the write paths call these
- :mod:`.periods` weeks, months, quarters, halves, years, two dates; labels; previous period
- :mod:`.breakdowns` what a report is broken down by and how each row is named
- :mod:`.figures` the SQL aggregation (``compute_figures``) and the drill-down
  (``records_behind``)
- :mod:`.locks` locking a period ("chốt số liệu"), unlocking with a reason, flagging later changes
- :mod:`.report` the report of a period: from the lock's snapshot when locked, else live
- :mod:`.csv_export`, :mod:`.xlsx_export`, :mod:`.pdf_export` the three formats
- :mod:`.settings` who issues and signs the report (a server table)
- :mod:`.command` ``hotroso-server report`` (``run_report_command`` and its argparse builder)

Nothing here imports Qt: the staff screens call it through the server's API.
"""
