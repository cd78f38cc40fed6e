-- ? = table: its bytes with TOAST, indexes and forks (pg_total_relation_size).
SELECT pg_total_relation_size(CAST(? AS regclass))
