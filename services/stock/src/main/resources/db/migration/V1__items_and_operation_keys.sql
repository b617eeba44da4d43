-- Items: the bookstore's books (title set) and the benchmark's items (title null). Prices in cents.
create table items (
    id       text primary key,
    title    text,
    author   text,
    category text,
    price    bigint not null check (price >= 0),
    stock    bigint not null check (stock >= 0)
);

create index items_books_by_title on items (title, id) where title is not null;
create index items_books_by_lower_title on items (lower(title)) where title is not null;

-- The first outcome of every saga command, one row per (operation key, command kind), written in the same
-- transaction as the stock change. A RELEASE row whose RESERVE row is missing is a tombstone: the RESERVE
-- that arrives after it is refused. item_ids/quantities are what a RESERVE subtracted (and a RELEASE added back).
create table operation_keys (
    operation_key text        not null,
    kind          text        not null check (kind in ('RESERVE', 'RELEASE')),
    order_id      text        not null,
    outcome       text        not null,
    reason        text        not null,
    item_ids      text[]      not null default '{}',
    quantities    bigint[]    not null default '{}',
    created_at    timestamptz not null default now(),
    primary key (operation_key, kind)
);
