-- A saga is named by its order and attempt ("<order>/<attempt>"), and stock and payment keep each saga's commands
-- under that name for good. batch_init replaces orders "0".."n-1": counted per order, the new order's first attempt
-- would be named like the replaced order's, and its saga would find the old commands' outcomes and move nothing.
-- One sequence numbers the attempts of every order instead.
create sequence checkout_attempts as int;
select setval('checkout_attempts', coalesce((select max(attempt) from orders), 0) + 1, false);

-- The checkouts of the orders batch_init replaced, as they stood: make verify-consistency still accounts for what
-- their sagas moved.
create table replaced_checkouts (
    saga_id     text        primary key,
    status      text        not null,
    total       bigint      not null,
    item_ids    text[]      not null,
    quantities  bigint[]    not null,
    replaced_at timestamptz not null default now()
);
