-- A saga's row is inserted, then written again about three times (the clock at the charge's enlistment, the final
-- state, the outcome mark), and every version that changes an indexed column (the status does) goes into every index
-- of the table; the insert also checks each unique one. Two of them only enforced what the table already has:
-- (order_id, attempt) is the primary key saga_id ("order/attempt", the attempt a number after the last "/"), and
-- start_seq is an identity column, which only the running sagas, a few, are ordered by.
alter table sagas drop constraint sagas_order_id_attempt_key;
alter table sagas drop constraint sagas_start_seq_key;
