-- The builder's enabled targets in random order, so a builder of several targets spreads its work over them.
SELECT t.id
FROM builder_targets bt
JOIN targets t ON t.id = bt.target
WHERE bt.builder = :builder
  AND t.enabled
ORDER BY random()
