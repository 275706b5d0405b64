"""Event tables: the columns, :class:`~tracker.tables.table.EventTable`, picking events by window and
actor (filters), the file formats it reads and writes (formats, geoparquet), and processing it on a
Dask cluster."""
