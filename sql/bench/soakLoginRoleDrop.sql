-- Soak clean-up: the statement dropping one of its login roles (roles belong to the server, not the database).
SELECT format('DROP ROLE IF EXISTS %I', ?)
