insert into velocity_window as w (subject, orders, last_seen)
values (cast(:#subject as text), jsonb_build_object(cast(:#orderId as text), cast(:#now as bigint)), cast(:#now as bigint))
on conflict (subject) do update
set orders = (select coalesce(jsonb_object_agg(e.key, e.value), '{}'::jsonb)
              from jsonb_each(w.orders) e
              where (e.value)::bigint > cast(:#windowStart as bigint))
             || jsonb_build_object(cast(:#orderId as text),
                                   coalesce((w.orders ->> cast(:#orderId as text))::bigint, cast(:#now as bigint))),
    last_seen = greatest(w.last_seen, cast(:#now as bigint))
where (w.orders -> cast(:#orderId as text)) is not null
   or (select count(*) from jsonb_each(w.orders) e
       where (e.value)::bigint > cast(:#windowStart as bigint)) < cast(:#limit as integer)
