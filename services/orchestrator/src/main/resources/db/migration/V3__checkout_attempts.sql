-- A benchmark order may be checked out again after a rejection; each attempt is its own saga.
alter table orders add column attempt int not null default 0;
