-- Grain: one row per ISO week, source key (and `(all)`) and required item a referral lacked.
-- How many of the week's referrals were missing each required item at receipt (SPEC
-- section 4). Kept between runs and scoped like int_referral_metrics_by_week; counts add
-- up, so trailing windows are sums of these weeks (missing_items_by_source_period).
-- Only incomplete referrals lack items.
with referral_rows as materialized (
    select period_key, source_key, referral_id from scoped_referral_weeks
    where not is_complete
),

missing_items as not materialized (
    select * from int_referral_missing_items
),

-- Matched regardless of case (int_referral_missing_items keeps items lowercased).
required as materialized (
    select item, lower(item) as item_key from required_items
),

-- Each referral once per required item it lacked, so counting rows counts referrals.
-- Driven by the weeks' referrals (cross join keeps that order): a night reads its weeks'
-- items by index instead of every referral's.
missing_rows as (
    select referral_rows.period_key, referral_rows.source_key, required.item
    from referral_rows
    cross join missing_items on missing_items.referral_id = referral_rows.referral_id
    inner join required on required.item_key = missing_items.item
),

by_source as (
    select period_key, source_key, item, count(*) as missing
    from missing_rows
    group by period_key, source_key, item
),

-- Counts add up: a week's `(all)` row is the sum of its sources.
final as (
    select * from by_source
    union all
    select period_key, '(all)', item, sum(missing)
    from by_source
    group by period_key, item
)

select * from final
