-- One row per card or contact, named by its SHA-256 hash (never the raw value): the orders checked for it recently.
create table velocity_window (
    subject   text   primary key,
    orders    jsonb  not null,  -- order id -> epoch millis of its check, pruned to the window on every write
    last_seen bigint not null   -- epoch millis of the latest check, for purging idle subjects
);

create index velocity_window_last_seen on velocity_window (last_seen);
