-- ? = first crate number, ? = last crate number
INSERT INTO crates (name)
SELECT 'bench-crate-' || g
FROM generate_series(?::int, ?::int) g
