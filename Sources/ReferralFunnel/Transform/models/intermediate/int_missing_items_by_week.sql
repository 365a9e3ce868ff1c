-- Grain: one row per ISO week, source key (and `(all)`) and required item a referral lacked.
-- How many of the week's referrals were missing each required item at receipt (SPEC
-- section 4). Kept between runs and scoped like int_referral_metrics_by_week; counts add
-- up, so trailing windows are sums of these weeks (missing_items_by_source_period).
with referral_rows as (
    select * from scoped_referral_weeks
),

missing_items as (
    select * from int_referral_missing_items
),

required as (
    select * from required_items
),

-- Each referral once per required item it lacked (spellings differing only in case are one
-- item), so counting rows counts referrals.
referral_missing_required as (
    select distinct missing_items.referral_id, required.item
    from missing_items
    inner join required on lower(required.item) = lower(missing_items.item)
    where missing_items.referral_id in (select referral_id from referral_rows)
),

missing_rows as (
    select referral_rows.period_key, referral_rows.source_key, referral_missing_required.item
    from referral_missing_required
    inner join referral_rows on referral_rows.referral_id = referral_missing_required.referral_id
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
