-- ? = a builder's uuid: its id.
SELECT id FROM builders WHERE uuid = ?::uuid
