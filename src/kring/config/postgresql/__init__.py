"""kring's database backend for PostgreSQL: Django's, with the parameter limit of server-side binding."""
