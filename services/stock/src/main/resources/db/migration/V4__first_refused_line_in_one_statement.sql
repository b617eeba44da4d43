-- V3 as first written looked for an unknown item and then for a short line in two passes over the lines; one left
-- join now finds the first line refused, an unknown item before a short one, as before. A migration of its own: a
-- database that applied V3 keeps its checksum.

create or replace function reserve_stock(p_operation_key text, p_order_id text, p_item_ids text[],
                                         p_quantities bigint[], p_reserved_reason text,
                                         p_always_out_of_stock text[])
    returns table (outcome text, reason text, repeated boolean)
    language plpgsql
    set plan_cache_mode = force_generic_plan
    as $$
#variable_conflict use_column
declare
    earlier record;
    moved   int;
    decided text;
    why     text;
begin
    perform pg_advisory_xact_lock(hashtextextended(p_operation_key, 0));
    select k.outcome, k.reason into earlier
    from operation_keys k where k.operation_key = p_operation_key and k.kind = 'RESERVE';
    if found then
        return query select earlier.outcome, earlier.reason, true;
        return;
    end if;
    if exists (select 1 from operation_keys k where k.operation_key = p_operation_key and k.kind = 'RELEASE') then
        decided := 'REFUSED_AFTER_UNDO';
        why := 'refused: this reserve was already released';
    else
        perform 1 from items i where i.id = any (p_item_ids) order by i.id for update;
        -- the first line refused, an unknown item before a short one, as the lines come
        select case when i.id is null then 'UNKNOWN_ITEM' else 'OUT_OF_STOCK' end,
               case when i.id is null then 'unknown item: ' || line.item_id
                    else 'out of stock: ' || coalesce(i.title, i.id) end
        into decided, why
        from unnest(p_item_ids, p_quantities) with ordinality as line (item_id, quantity, n)
        left join items i on i.id = line.item_id
        where i.id is null
           or i.stock < line.quantity
           or lower(i.id) = any (p_always_out_of_stock)
           or lower(i.title) = any (p_always_out_of_stock)
        order by i.id is not null, line.n limit 1;
    end if;
    if decided is not null then
        insert into operation_keys (operation_key, kind, order_id, outcome, reason)
        values (p_operation_key, 'RESERVE', p_order_id, decided, why);
        return query select decided, why, false;
        return;
    end if;
    with line as (select * from unnest(p_item_ids, p_quantities) as line (item_id, quantity)),
    taken as (
        update items set stock = items.stock - line.quantity from line
        where items.id = line.item_id and items.stock - line.quantity >= 0
        returning items.id
    )
    select count(*) into moved from taken;
    if moved <> cardinality(p_item_ids) then
        raise exception 'the stock of a locked item changed during RESERVE %', p_operation_key;
    end if;
    insert into operation_keys (operation_key, kind, order_id, outcome, reason, item_ids, quantities)
    values (p_operation_key, 'RESERVE', p_order_id, 'RESERVED', p_reserved_reason, p_item_ids, p_quantities);
    return query select 'RESERVED'::text, p_reserved_reason, false;
end
$$;
