-- Every leadership term gets the next epoch. Only the holder of the highest epoch may write executions: each write
-- checks it in the same statement, so a paused or cut-off former leader's late writes are refused.
create table leader_epochs (
    epoch       bigint generated always as identity primary key,
    executor_id text        not null,
    elected_at  timestamptz not null default clock_timestamp()
);

-- One row per order: the primary key makes a redelivered order a no-op. start_seq records the order in which
-- executions started (the priority order within a batch).
create table executions (
    order_id       text        primary key,
    executor_id    text        not null,
    epoch          bigint      not null references leader_epochs (epoch),
    tier           text        not null,
    status         text        not null check (status in ('STARTED', 'FINISHED')),
    start_seq      bigint      generated always as identity unique,
    started_at     timestamptz not null default clock_timestamp(),
    finished_by    text,
    finished_epoch bigint      references leader_epochs (epoch),
    finished_at    timestamptz,
    check ((status = 'FINISHED') = (finished_at is not null))
);
