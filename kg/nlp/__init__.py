"""Analyse: spaCy's pipeline loaded once (`load`), its attribute_ruler indexed
(`indexed_ruler`), and articles analysed in this process (`analyse`) or on worker processes
and Dask (`workers`). Importing this package loads nothing heavy."""
