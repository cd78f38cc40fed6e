DROP INDEX crates_name_trgm
