INSERT INTO pubkey_fingerprints (fingerprint, pubkey)
VALUES (:sha256, :pubkey),
       (:sha512, :pubkey)
