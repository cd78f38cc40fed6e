-- A sync into empty tables whose input listed some crate in several groups: one crate row per name (V11).
SELECT sync_bulk_merge()
