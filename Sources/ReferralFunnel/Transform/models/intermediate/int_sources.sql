-- Grain: one row per source key in use (registered, unregistered or special).
-- Resolves every source key to the source's display name and type.
with recursive web_values as (
    select * from int_web_values
),

-- Every source key a referral carries: a loose index scan, seeking from each key to the next
-- in int_referrals_with_source_key_by_source, so a few dozen seeks rather than a pass over
-- every referral (a year at bench scale: 446,000 of them, 55 ms a night).
referral_keys (source_key) as (
    select min(source_key) from int_referrals_with_source_key
    union all
    select (
        select min(later.source_key) from int_referrals_with_source_key as later
        where later.source_key > referral_keys.source_key
    )
    from referral_keys
    where referral_keys.source_key is not null
),

registry as (
    select * from source_registry
),

unregistered as (
    select * from int_unregistered_sources
),

keys_in_use as (
    select source_key from web_values
    union
    select source_key from referral_keys where source_key is not null
),

final as (
    select
        keys_in_use.source_key,
        coalesce(registry.source_name, unregistered.source_name, keys_in_use.source_key) as source_name,
        case
            when registry.source_name is not null then registry.source_type
            when unregistered.source_name is not null then 'unregistered'
            else 'special'
        end as source_type
    from keys_in_use
    left join registry on 'registered:' || registry.source_name = keys_in_use.source_key
    left join unregistered on unregistered.source_key = keys_in_use.source_key
)

select * from final
