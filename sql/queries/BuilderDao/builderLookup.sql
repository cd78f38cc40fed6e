SELECT b.uuid
FROM pubkey_fingerprints f
JOIN builders b ON b.pubkey = f.pubkey
WHERE f.fingerprint = :fingerprint
