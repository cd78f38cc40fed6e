SELECT b.uuid, p.encoded, b.comment, b.enabled, b.heartbeat,
       array(SELECT t.name
             FROM builder_targets bt
             JOIN targets t ON t.id = bt.target
             WHERE bt.builder = b.id
             ORDER BY t.name) AS targets
FROM builders b
JOIN pubkeys p ON p.id = b.pubkey
ORDER BY b.id
