-- A leader's write is one statement that fences itself (Fence.TERM): epoch_in_term takes the term lock shared and
-- reads the highest epoch in a snapshot of its own (a volatile PL/pgSQL function takes one per statement, read
-- committed), so it sees a term claimed while the lock was awaited; a stale epoch fails the statement, write and all.
-- The lock is held until the statement commits on its own: one round trip per write instead of three (begin and
-- check, write, commit).
create function epoch_in_term(term_lock bigint, writer_epoch bigint) returns bigint
    language plpgsql volatile as
$$
declare
    current_epoch bigint;
begin
    perform pg_advisory_xact_lock_shared(term_lock);
    current_epoch := (select max(epoch) from leader_epochs);
    if current_epoch is distinct from writer_epoch then
        raise exception 'epoch % is stale: epoch % leads', writer_epoch, current_epoch using errcode = 'EP001';
    end if;
    return writer_epoch;
end
$$;

drop function epoch_under_term_lock(bigint);

-- The fence proves that a written epoch is the highest one, so these keys were checked twice, and each check took a
-- key-share lock on the same leader_epochs row: every saga thread writing at once turned it into a new multixact.
alter table sagas drop constraint sagas_started_epoch_fkey;
alter table sagas drop constraint sagas_epoch_fkey;
alter table sagas drop constraint sagas_finished_epoch_fkey;
alter table saga_steps drop constraint saga_steps_epoch_fkey;
