SELECT t.name
FROM builder_targets bt
JOIN targets t ON t.id = bt.target
WHERE bt.builder = :builder
ORDER BY t.name
