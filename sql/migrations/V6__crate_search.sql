-- crateList's search in one function, so a round trip runs it and the trigram threshold it changes is put back;
-- and a way for the sync to merge the names it added into the trigram index (end of file).
--
-- Why: with '%' at pg_trgm's default threshold (0.3) the GIN index hands back every name that shares 30% of the
-- query's trigrams, whatever its length; for a 4-letter query that is every name with a word starting with the same
-- two letters (3,427 names for 'rifu' at 250k crates, 10 of them similar). Each one costs a heap fetch and a
-- similarity() (~3 us), so searches took ~10 ms at the median. The index cannot count trigrams against the name's own
-- length (only a C operator class could), so the work is cut by asking for strong matches first:
--   1. names containing the query, and names with similarity >= 0.5, ranked as before;
--   2. only when step 1 finds nothing: names with similarity >= 0.3, so a misspelling still finds its crate.
-- Weakly similar names (0.3 to 0.5) are no longer listed next to strong matches: 'tokio' lists tokio, tokio-util,
-- ... but not 'tokyo'; 'tokoi' still finds tokio.
CREATE FUNCTION crate_search(query text, pattern text, max_rows integer)
RETURNS TABLE (name text, enabled boolean, priority integer)
LANGUAGE plpgsql STABLE
-- the migration's path, which found pg_trgm for V1 wherever it is installed (this function runs as its caller)
SET search_path FROM CURRENT
SET pg_trgm.similarity_threshold = 0.5
AS $$
BEGIN
    RETURN QUERY
        SELECT c.name, c.enabled, c.priority
        FROM crates c
        WHERE c.name % query
           OR c.name ILIKE pattern ESCAPE '!'
        ORDER BY c.name = query DESC,
                 similarity(c.name, query) DESC,
                 c.name
        LIMIT max_rows;
    IF NOT FOUND THEN
        -- local to this call: the function's SET clause restores the caller's threshold on return
        PERFORM set_config('pg_trgm.similarity_threshold', '0.3', true);
        RETURN QUERY
            SELECT c.name, c.enabled, c.priority
            FROM crates c
            WHERE c.name % query
            ORDER BY similarity(c.name, query) DESC,
                     c.name
            LIMIT max_rows;
    END IF;
END
$$;

COMMENT ON FUNCTION crate_search(text, text, integer) IS
    'crateList search: names containing the query (pattern: ILIKE with escape !) or with trigram similarity >= 0.5, '
    'exact match first, then by similarity, then by name; only when there are none, similarity >= 0.3.';

-- A bulk insert of crates leaves up to gin_pending_list_limit (4 MB) of new names in the trigram index's pending
-- list, and every search reads all of it until (auto)vacuum merges it into the index: ~8 ms a search after a first
-- sync of 250k crates. A sync that added crates merges it as its last step. Only the index's owner may.
CREATE FUNCTION crates_search_index_flush() RETURNS bigint
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
AS $$ SELECT gin_clean_pending_list('crates_name_trgm'::regclass) $$;

REVOKE EXECUTE ON FUNCTION crates_search_index_flush() FROM PUBLIC;
