-- Each step now records the saga's clock as it was when the step was enlisted, instead of an update of the saga's row
-- in the same statement: that update rewrote the saga's whole row (the approved order included) twice per saga
-- (make bench). A saga's clock, as a new leader reads it, is its row's merged with its steps'. Steps enlisted before
-- this have none: their clock is in the saga's row.
alter table saga_steps add column clock text;
