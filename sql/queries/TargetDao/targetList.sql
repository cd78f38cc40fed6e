SELECT name, enabled
FROM targets
ORDER BY name
