-- Before each claims/s window of the growth benchmark: the dirty pages and WAL an index build or a prune left are
-- written now, not by a checkpoint during the window.
CHECKPOINT
