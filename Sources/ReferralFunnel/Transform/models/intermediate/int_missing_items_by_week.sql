-- Grain: one row per ISO week, source key (and `(all)`) and required item a referral lacked.
-- How many of the week's referrals were missing each required item at receipt (SPEC
-- section 4). Kept between runs and scoped like int_referral_metrics_by_week; counts add
-- up, so trailing windows are sums of these weeks (missing_items_by_source_period).
with referral_rows as materialized (
    select * from scoped_referral_weeks
),

missing_items as not materialized (
    select * from int_referral_missing_items
),

required as not materialized (
    select * from required_items
),

-- Each referral once per required item it lacked (spellings differing only in case are one
-- item), so counting rows counts referrals. Driven by the weeks' referrals (cross join keeps
-- that order): a night reads its weeks' items by index instead of every referral's.
missing_rows as (
    select distinct referral_rows.period_key, referral_rows.source_key, referral_rows.referral_id, required.item
    from referral_rows
    cross join missing_items on missing_items.referral_id = referral_rows.referral_id
    inner join required on lower(required.item) = lower(missing_items.item)
),

final as (
    select period_key, source_key, item, count(*) as missing
    from (
        select period_key, source_key, item from missing_rows
        union all
        select period_key, '(all)', item from missing_rows
    )
    group by period_key, source_key, item
)

select * from final
