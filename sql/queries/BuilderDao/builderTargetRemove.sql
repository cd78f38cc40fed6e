DELETE FROM builder_targets
WHERE builder = :builder
  AND target = :target
