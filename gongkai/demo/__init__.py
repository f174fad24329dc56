"""Demo data for `make run`: a fictional city's agencies, users, the seed documents and generated ones."""
