-- Merges the names this sync added into the trigram index proper, so searches need not read them from its pending
-- list (see V6). Returns the pending pages merged.
SELECT crates_search_index_flush()
