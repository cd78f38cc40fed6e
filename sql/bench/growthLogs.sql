-- ? = lines per log, ? = first job id, ? = last job id, ? = step: every step-th job in the range gets a log of
-- cargo-like lines (varied names, versions, warnings and paths, so TOAST compression is not flattered), in chunks
-- of up to 1,000 lines as jobLog writes them.
INSERT INTO job_logs (job, stage, lines)
SELECT j.id, 3, ARRAY(
    SELECT CASE
               WHEN n % 23 = 0 THEN 'warning: unused variable: `' || substr(md5(j.id::text || n), 1, 6 + n % 9) || '`'
               WHEN n % 23 = 1 THEN '  --> src/' || substr(md5(n::text || j.id), 1, 8) || '.rs:' || (j.id + n) % 2000
                                    || ':' || n % 80
               WHEN n % 23 = 2 THEN ''
               WHEN n % 97 = 3 THEN '     Running `rustc --crate-name c' || j.id % 5000 || ' --edition=2021 -C metadata='
                                    || md5(j.id::text || n) || ' -L dependency=/build/target/release/deps --extern '
                                    || repeat('d' || n % 50 || '=/build/target/release/deps/lib' || md5(n::text), 8) || '`'
               ELSE '   Compiling ' || (ARRAY['serde', 'tokio', 'syn', 'quote', 'libc', 'rand', 'regex', 'log',
                                              'proc-macro2', 'hashbrown', 'memchr', 'bytes'])[1 + (j.id + n * 7) % 12]
                    || CASE WHEN n % 3 = 0 THEN '_' || substr(md5((j.id * n)::text), 1, 4 + n % 5) ELSE '' END
                    || ' v' || (n * 13 + j.id) % 3 || '.' || (n * 7 + j.id) % 40 || '.' || (n + j.id * 3) % 200
           END
    FROM generate_series(1, ?::int) n
    ORDER BY n)
FROM jobs j
WHERE j.id BETWEEN ?::bigint AND ?::bigint
  AND j.id % ?::int = 0
