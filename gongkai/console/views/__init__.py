"""Console views, one module per kind of page. Views are thin: forms validate, services write."""
