-- Soak set-up: the statement creating a login role in one of the service roles that roles apply made (name,
-- password, service role), quoted by the server; the soak runs the statement it returns.
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', ?, ?, ?)
