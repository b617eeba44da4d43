-- Orders of both APIs: the bookstore's /checkout and the benchmark's /orders.
create table orders (
    id          text primary key,
    source      text        not null check (source in ('checkout', 'benchmark')),
    user_id     text,
    account_id  text,
    tier        text        not null default 'None',
    total       bigint      not null default 0 check (total >= 0),
    paid        boolean     not null default false,
    status      text        not null,
    reason      text,
    clock       text        not null default '',
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

create table order_lines (
    order_id    text    not null references orders (id) on delete cascade,
    line_no     int     not null,
    item_id     text,
    title       text,
    quantity    int,
    unit_price  bigint  not null default 0 check (unit_price >= 0),
    primary key (order_id, line_no)
);

-- Every transition of an order, with the vector clock it happened at.
create table order_events (
    id          bigserial   primary key,
    order_id    text        not null references orders (id) on delete cascade,
    service     text        not null,
    event       text        not null,
    clock       text        not null,
    recorded_at timestamptz not null default now()
);
create index order_events_by_order on order_events (order_id, id);

-- Messages written in the same transaction as the order change they announce; a relay publishes them.
create table outbox (
    id           bigserial   primary key,
    topic        text        not null,
    message_key  text        not null,
    headers      text        not null default '',
    payload      bytea       not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);
create index outbox_unpublished on outbox (id) where published_at is null;
