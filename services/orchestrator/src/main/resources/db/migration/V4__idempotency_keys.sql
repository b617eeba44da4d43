-- A checkout retried with the same Idempotency-Key finds the order of its first try instead of creating another.
-- The request's hash tells a retry from a different request that reuses the key.
create table idempotency_keys (
    idempotency_key text        primary key,
    request_hash    text        not null,
    order_id        text        not null references orders (id),
    created_at      timestamptz not null default now()
);
