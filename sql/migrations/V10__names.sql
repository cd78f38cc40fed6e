-- The rules of crate names, versions and target names, in the schema (issue #17): until now it checked only that they
-- were not empty, so a write through psql could store ' x86_64-unknown-linux-gnu', 'my crate', or 'Serde' next to
-- 'serde'. The rules are the API's (rs.builds.database.Names, whose regular expressions these CHECKs repeat character
-- for character; NamesAgreementTest proves both accept and refuse the same values):
--   crate names    crates.io's: ASCII letters, digits, '-' and '_', starting with a letter, at most 64 characters;
--                  unique ignoring case and '-'/'_' (crate_name_canonical below), as on crates.io.
--   versions       SemVer 2.0, at most 150 characters (crates.io's limit). A numeric pre-release identifier may have
--                  leading zeros: crates.io has four such versions from before Cargo's SemVer 1.0 parser (volatile
--                  0.4.0-alpha.00 and 0.4.0-alpha.01, bluetooth_client 0.0.1-001, hxgm30-client 0.3.0-alpha.01).
--   target names   target triples: lowercase ASCII letters, digits, '_', '-' and '.', starting with a letter or
--                  digit, at most 64 characters.
--
-- Existing rows that break a rule stop this migration before it changes anything (Flyway runs it in one
-- transaction), with a message that lists them and says how to fix them; after that, migrate again.

-- crates.io's canonical form of a crate name: lower case, '-' as '_'. translate rather than lower(): lower() follows
-- the database's locale (in a Turkish one 'I' becomes a dotless i), and what an index is built on must not. A plain
-- SQL function, so the planner inlines it and a lookup written with it uses the index below.
CREATE FUNCTION crate_name_canonical(name text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT translate(name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ-', 'abcdefghijklmnopqrstuvwxyz_') $$;
COMMENT ON FUNCTION crate_name_canonical(text) IS
    'A crate name as crates.io compares names: lower case, ''-'' as ''_''; crates_name_canonical keeps it unique.';

-- The rules, as constraints that new rows obey at once (NOT VALID: existing rows are checked below, then validated).
-- The check below reads each constraint's own expression, so the rules are written once.
ALTER TABLE crates ADD CONSTRAINT crates_name_rule
    CHECK (name ~ '^[A-Za-z][0-9A-Za-z_-]{0,63}$') NOT VALID;
ALTER TABLE crate_versions ADD CONSTRAINT crate_versions_version_rule
    CHECK (char_length(version) <= 150 AND version ~ '^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$') NOT VALID;
ALTER TABLE targets ADD CONSTRAINT targets_name_rule
    CHECK (name ~ '^[a-z0-9][a-z0-9_.-]{0,63}$') NOT VALID;

-- Rows stored before: any that break a rule, or two crates whose names are one canonical name, stop the migration.
DO $$
DECLARE
    rule record;
    bad bigint;
    total bigint := 0;
    examples text;
    report text := '';
    find text := '';
BEGIN
    FOR rule IN
        SELECT r.position, c.conrelid::regclass AS relation, c.conname, r.what, r.shown,
               pg_get_expr(c.conbin, c.conrelid) AS condition
        FROM pg_constraint c
        JOIN (VALUES (1, 'crates_name_rule', 'crate names', 'format(''%s (id %s)'', to_json(left(name, 64)), id)'),
                     (2, 'crate_versions_version_rule', 'versions',
                      'format(''crate %s version %s (id %s)'', (SELECT to_json(c.name) FROM crates c WHERE c.id = crate),'
                      || ' to_json(left(version, 64)), id)'),
                     (3, 'targets_name_rule', 'target names', 'format(''%s (id %s)'', to_json(left(name, 64)), id)'))
            AS r (position, conname, what, shown) USING (conname)
        ORDER BY r.position
    LOOP
        EXECUTE format('SELECT count(*) FROM %s WHERE NOT (%s)', rule.relation, rule.condition) INTO bad;
        IF bad > 0 THEN
            EXECUTE format('SELECT string_agg(shown, '', '') FROM (SELECT %s AS shown FROM %s WHERE NOT (%s) ORDER BY id'
                           || ' LIMIT 10) e', rule.shown, rule.relation, rule.condition) INTO examples;
            total := total + bad;
            report := report || format(E'\n  %s %s break %s: %s%s', bad, rule.what, rule.conname, examples,
                                       CASE WHEN bad > 10 THEN ', ...' ELSE '' END);
            find := find || format(E'\n    SELECT * FROM %s WHERE NOT (%s) ORDER BY id;', rule.relation, rule.condition);
        END IF;
    END LOOP;

    SELECT count(*), string_agg(names, '; ' ORDER BY n) FILTER (WHERE n <= 10)
    INTO bad, examples
    FROM (SELECT row_number() OVER (ORDER BY min(id)) AS n,
                 string_agg(format('%s (id %s)', to_json(left(name, 64)), id), ' and ' ORDER BY id) AS names
          FROM crates
          GROUP BY crate_name_canonical(name)
          HAVING count(*) > 1) twins;
    IF bad > 0 THEN
        total := total + bad;
        report := report || format(E'\n  %s crate names are another crate''s ignoring case and ''-''/''_''%s: %s%s',
                                   bad, ' (crates_name_canonical)', examples, CASE WHEN bad > 10 THEN '; ...' ELSE '' END);
        find := find || E'\n    SELECT crate_name_canonical, array_agg(id ORDER BY id), array_agg(name ORDER BY id) FROM (SELECT id, name,'
                        || E' translate(name, ''ABCDEFGHIJKLMNOPQRSTUVWXYZ-'', ''abcdefghijklmnopqrstuvwxyz_'')'
                        || E' AS crate_name_canonical FROM crates) c GROUP BY 1 HAVING count(*) > 1;';
    END IF;

    IF total > 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', MESSAGE = format(
            E'V10__names cannot be applied: %s stored rows break the rules of names that it adds to the schema;'
            || ' nothing was changed.%s'
            || E'\nThe rules (rs.builds.database.Names): a crate name has ASCII letters, digits, ''-'' and ''_'', starts'
            || ' with a letter, has at most 64 characters and is unique ignoring case and ''-''/''_'' (crates.io''s rules);'
            || ' a version is SemVer 2.0 (MAJOR.MINOR.PATCH[-PRE-RELEASE][+BUILD]) of at most 150 characters; a target'
            || ' name has lowercase ASCII letters, digits, ''_'', ''-'' and ''.'', starts with a letter or digit and has'
            || ' at most 64 characters.'
            || E'\nTo go on, fix each of these rows with psql (as the schema''s owner), then run migrate again. Find them:%s'
            || E'\n  A target: rename it (builders and jobs keep it): UPDATE targets SET name = ''NEW'' WHERE id = ID;'
            || E'\n  A version: correct it: UPDATE crate_versions SET version = ''NEW'' WHERE id = ID; or delete it:'
            || ' DELETE FROM crate_versions WHERE id = ID; (a version with jobs cannot be deleted: delete them first,'
            || ' DELETE FROM jobs WHERE crate_version = ID;)'
            || E'\n  A crate (or the one of two crates that crates.io does not spell that way): crates cannot be renamed;'
            || ' delete it, and its versions go with it: DELETE FROM crates WHERE id = ID; (if its versions have jobs,'
            || ' delete them first: DELETE FROM jobs WHERE crate_version IN (SELECT id FROM crate_versions WHERE crate'
            || ' = ID);). A crate that is on crates.io comes back, spelt as there, with the next registry sync.',
            total, report, find);
    END IF;
END;
$$;

ALTER TABLE crates VALIDATE CONSTRAINT crates_name_rule;
ALTER TABLE crate_versions VALIDATE CONSTRAINT crate_versions_version_rule;
ALTER TABLE targets VALIDATE CONSTRAINT targets_name_rule;

-- Unique ignoring case and '-'/'_', and the index of every lookup by name (the API finds 'inflector' as 'Inflector').
CREATE UNIQUE INDEX crates_name_canonical ON crates (crate_name_canonical(name));
COMMENT ON INDEX crates_name_canonical IS 'Crate names are unique ignoring case and ''-''/''_'', as on crates.io; serves lookups by name.';
