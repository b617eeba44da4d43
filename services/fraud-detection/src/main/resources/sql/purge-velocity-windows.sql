delete from velocity_window where last_seen <= cast(:#before as bigint)
