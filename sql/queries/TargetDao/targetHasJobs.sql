SELECT EXISTS (SELECT 1 FROM jobs WHERE target = :target)
