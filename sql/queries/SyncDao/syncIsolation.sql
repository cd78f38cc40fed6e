-- Digests are stored only at READ COMMITTED, where each statement sees what was committed before it began.
SELECT current_setting('transaction_isolation')
