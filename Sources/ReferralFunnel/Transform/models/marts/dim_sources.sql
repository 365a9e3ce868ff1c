-- Grain: one row per source name.
-- Every source in use, with its type: a registry type, `unregistered`, or `special` for
-- (direct) and (unattributed).
with sources as (
    select * from int_sources
),

final as (
    select source_name, min(source_type) as source_type
    from sources
    group by source_name
)

select * from final
