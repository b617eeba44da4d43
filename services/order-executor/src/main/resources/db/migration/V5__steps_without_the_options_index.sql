-- A step enlisted again with the same endpoints and values is the one already recorded: the insert now looks among
-- the saga's own steps (two, through the primary key) instead of keeping a unique index over the endpoints and the
-- JSON options of every step ever enlisted. That index was larger than the table (108 MB for 529,000 steps) and
-- made the step insert the leader's costliest statement (make bench). Two enlists of one saga racing for the same
-- seq still meet at the primary key.
alter table saga_steps drop constraint saga_steps_saga_id_compensation_uri_completion_uri_options_key;
