-- Each step inserted made PostgreSQL check the key to its saga: a locking read of the saga's row through the SPI,
-- in the statement that had just inserted or updated that row. The step inserts take their saga_id from that row
-- (SagaLog.start and enlist), so a step cannot name a saga that is not there; sagas are never deleted.
alter table saga_steps drop constraint saga_steps_saga_id_fkey;
