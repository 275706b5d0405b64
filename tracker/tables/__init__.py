"""Event tables: the columns, :class:`~tracker.tables.table.EventTable`, the file formats it reads and
writes, and processing it on a Dask cluster."""
