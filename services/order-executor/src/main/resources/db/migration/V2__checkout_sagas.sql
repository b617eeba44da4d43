-- The checkout saga replaces the bare execution record: what an execution was (who took an order, under which
-- epoch, in which order) is now the saga's own row.
drop table executions;

-- One row per checkout attempt of an order: its id is "<order id>/<attempt>", so a redelivered order finds the
-- saga it already has. The approved order is kept so that the next leader can drive the saga on after a crash.
-- status: RUNNING (its steps go on), COMPENSATING / COMPLETING (its compensations or completions are being run),
-- then COMPENSATED (rejected), COMPLETED (paid) or NEEDS_ATTENTION (a compensation or completion never succeeded).
-- epoch and written_by name the last leadership term that wrote the row (every write is fenced by its epoch);
-- finished_by and finished_epoch the one that recorded the final state, which the published outcome names.
create table sagas (
    saga_id              text        primary key,
    order_id             text        not null,
    attempt              integer     not null,
    tier                 text        not null,
    order_approved       bytea       not null,
    status               text        not null check (status in
                             ('RUNNING', 'COMPENSATING', 'COMPLETING', 'COMPENSATED', 'COMPLETED', 'NEEDS_ATTENTION')),
    reason               text,
    deadline             timestamptz,
    clock                text        not null,
    started_by           text        not null,
    started_epoch        bigint      not null references leader_epochs (epoch),
    written_by           text        not null,
    epoch                bigint      not null references leader_epochs (epoch),
    start_seq            bigint      generated always as identity unique,
    started_at           timestamptz not null default clock_timestamp(),
    finished_at          timestamptz,
    finished_by          text,
    finished_epoch       bigint      references leader_epochs (epoch),
    outcome_published_at timestamptz,
    unique (order_id, attempt),
    check ((status in ('COMPENSATED', 'COMPLETED', 'NEEDS_ATTENTION')) = (finished_at is not null))
);

-- what a new leader recovers, and what the deadline sweep looks at
create index sagas_open on sagas (status, deadline) where status in ('RUNNING', 'COMPENSATING', 'COMPLETING');
create index sagas_unpublished on sagas (saga_id)
    where outcome_published_at is null and status in ('COMPENSATED', 'COMPLETED', 'NEEDS_ATTENTION');

-- Every step a saga enlisted, in enlistment order: the endpoints that undo or complete it and the values of its
-- options, evaluated when the step began. A step enlisted again with the same options (a saga driven on by the
-- next leader) is the same step; with other options it is another one, compensated with its own values.
create table saga_steps (
    saga_id          text        not null references sagas (saga_id),
    seq              integer     not null,
    compensation_uri text,
    completion_uri   text,
    options          jsonb       not null,
    enlisted_by      text        not null,
    epoch            bigint      not null references leader_epochs (epoch),
    enlisted_at      timestamptz not null default clock_timestamp(),
    primary key (saga_id, seq),
    unique nulls not distinct (saga_id, compensation_uri, completion_uri, options)
);
