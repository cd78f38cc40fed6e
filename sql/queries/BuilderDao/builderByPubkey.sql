SELECT b.uuid
FROM builders b
JOIN pubkeys p ON p.id = b.pubkey
WHERE p.encoded = :encoded
