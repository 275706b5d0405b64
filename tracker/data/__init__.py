"""The data files the package ships (country outlines, the basemap, names of actors and regions), and
:mod:`tracker.data.build`, which rebuilds the Natural Earth ones from registry packages."""
