-- Accounts: the benchmark's users and the bookstore's card accounts ("card:<hash>"). Credit in cents.
create table accounts (
    id     text primary key,
    credit bigint not null check (credit >= 0)
);

-- The first outcome of every saga command, one row per (operation key, command kind), written in the same
-- transaction as the credit change. A REFUND row whose CHARGE row is missing is a tombstone: the CHARGE that
-- arrives after it is refused. account_id/amount are what a CHARGE took (and a REFUND gave back).
create table operation_keys (
    operation_key text        not null,
    kind          text        not null check (kind in ('CHARGE', 'REFUND')),
    order_id      text        not null,
    outcome       text        not null,
    reason        text        not null,
    account_id    text,
    amount        bigint      not null default 0,
    created_at    timestamptz not null default now(),
    primary key (operation_key, kind)
);
