SELECT EXISTS (SELECT 1 FROM jobs WHERE builder = :builder)
