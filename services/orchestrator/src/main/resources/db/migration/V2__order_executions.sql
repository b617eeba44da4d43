-- Which executor (and leadership epoch) took an approved order into execution.
alter table orders add column executor_id text;
alter table orders add column executor_epoch bigint;
