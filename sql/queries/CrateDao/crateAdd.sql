-- No conflict target: a crate of the same name, or of the same canonical name (V10), is a conflict to skip, whichever
-- unique index finds it. With the name as target, two transactions adding the same new crate at once failed: the
-- second waited for the first and then broke the canonical index, which was no arbiter. CrateStore.add tells the
-- same crate from another spelling afterwards. Returns the number of crates added (0 or 1).
INSERT INTO crates (name)
VALUES (:name)
ON CONFLICT DO NOTHING
