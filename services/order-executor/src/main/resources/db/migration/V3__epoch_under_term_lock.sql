-- The fence of a leader's writes (Fence.inTerm) in one round trip: takes the term lock shared, then reads the highest
-- epoch. In a volatile PL/pgSQL function each statement takes a new snapshot (read committed), so the read sees a new
-- term claimed while the lock was awaited, as two statements from the client did.
create function epoch_under_term_lock(term_lock bigint) returns bigint
    language plpgsql volatile as
$$
begin
    perform pg_advisory_xact_lock_shared(term_lock);
    return (select max(epoch) from leader_epochs);
end
$$;
