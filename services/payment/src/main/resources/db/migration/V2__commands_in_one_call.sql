-- Each saga command in one round trip: the steps PaymentLedger took from the client in four (lock the key, look up
-- what it recorded, take the credit and record the outcome, commit), run by the server inside the caller's one
-- statement, which is its transaction. Each statement of a volatile function sees what committed before it started,
-- so the lookup after the lock sees another delivery's outcome, as it did from the client. The statements keep one
-- plan each (plan_cache_mode), as the stock's functions do, rather than being planned again on every call.

-- CHARGE: a card account ("card:...") is opened with p_open_with_credit when missing; p_always_declined lists
-- accounts refused by configuration (failure injection).
create function charge_account(p_operation_key text, p_order_id text, p_account_id text, p_amount bigint,
                               p_open_with_credit bigint, p_always_declined text[])
    returns table (outcome text, reason text, repeated boolean)
    language plpgsql
    set plan_cache_mode = force_generic_plan
    as $$
#variable_conflict use_column
declare
    earlier   record;
    left_over bigint;
    available bigint;
    decided   text;
    why       text;
begin
    perform pg_advisory_xact_lock(hashtextextended(p_operation_key, 0));
    select k.outcome, k.reason into earlier
    from operation_keys k where k.operation_key = p_operation_key and k.kind = 'CHARGE';
    if found then
        return query select earlier.outcome, earlier.reason, true;
        return;
    end if;
    if exists (select 1 from operation_keys k where k.operation_key = p_operation_key and k.kind = 'REFUND') then
        decided := 'REFUSED_AFTER_UNDO';
        why := 'refused: this charge was already refunded';
    elsif p_account_id = any (p_always_declined) then
        decided := 'INSUFFICIENT_CREDIT';
        why := 'insufficient credit: account ' || p_account_id || ' is configured to decline';
    else
        if p_open_with_credit is not null then
            insert into accounts (id, credit) values (p_account_id, p_open_with_credit) on conflict (id) do nothing;
        end if;
        update accounts set credit = credit - p_amount where id = p_account_id and credit >= p_amount
        returning credit into left_over;
        if found then
            why := 'charged ' || p_amount || ' to ' || p_account_id || ', credit left ' || left_over;
            insert into operation_keys (operation_key, kind, order_id, outcome, reason, account_id, amount)
            values (p_operation_key, 'CHARGE', p_order_id, 'CHARGED', why, p_account_id, p_amount);
            return query select 'CHARGED'::text, why, false;
            return;
        end if;
        select a.credit into available from accounts a where a.id = p_account_id;
        if found then
            decided := 'INSUFFICIENT_CREDIT';
            why := 'insufficient credit: ' || available || ' available, ' || p_amount || ' needed';
        else
            decided := 'UNKNOWN_ACCOUNT';
            why := 'unknown account: ' || p_account_id;
        end if;
    end if;
    insert into operation_keys (operation_key, kind, order_id, outcome, reason, account_id, amount)
    values (p_operation_key, 'CHARGE', p_order_id, decided, why, null, 0);
    return query select decided, why, false;
end
$$;

-- REFUND: gives back exactly what the CHARGE with this key took; with nothing to give back, leaves a tombstone that
-- refuses a CHARGE arriving after it.
create function refund_account(p_operation_key text, p_order_id text)
    returns table (outcome text, reason text, repeated boolean)
    language plpgsql
    set plan_cache_mode = force_generic_plan
    as $$
#variable_conflict use_column
declare
    earlier record;
    charge  record;
    why     text;
begin
    perform pg_advisory_xact_lock(hashtextextended(p_operation_key, 0));
    select k.outcome, k.reason into earlier
    from operation_keys k where k.operation_key = p_operation_key and k.kind = 'REFUND';
    if found then
        return query select earlier.outcome, earlier.reason, true;
        return;
    end if;
    select k.outcome, k.account_id, k.amount into charge
    from operation_keys k where k.operation_key = p_operation_key and k.kind = 'CHARGE';
    if not found then
        why := 'nothing was charged; a later charge with this key will be refused';
    elsif charge.outcome <> 'CHARGED' then
        why := 'nothing to refund: the charge was ' || charge.outcome;
    else
        update accounts set credit = credit + charge.amount where id = charge.account_id;
        why := 'refunded ' || charge.amount || ' to ' || charge.account_id;
        insert into operation_keys (operation_key, kind, order_id, outcome, reason, account_id, amount)
        values (p_operation_key, 'REFUND', p_order_id, 'REFUNDED', why, charge.account_id, charge.amount);
        return query select 'REFUNDED'::text, why, false;
        return;
    end if;
    insert into operation_keys (operation_key, kind, order_id, outcome, reason, account_id, amount)
    values (p_operation_key, 'REFUND', p_order_id, 'REFUNDED', why, null, 0);
    return query select 'REFUNDED'::text, why, false;
end
$$;
