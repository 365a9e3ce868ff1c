-- Grain: one row per period, source (and `(all)`) and required item.
-- How many of the period's referrals were missing each of the pipeline's required items at
-- receipt, which tells the team which instructions each source needs (SPEC section 4).
with periods as (
    select * from report_periods
),

referrals as (
    select * from fct_referrals
),

missing_items as (
    select * from int_referral_missing_items
),

required as (
    select * from required_items
),

referral_periods as (
    select periods.period_key, referrals.referral_id, referrals.source_name
    from referrals
    inner join periods on periods.week = referrals.received_week
),

referral_counts as (
    select period_key, source_name, count(*) as referrals
    from (
        select period_key, source_name from referral_periods
        union all
        select period_key, '(all)' from referral_periods
    )
    group by period_key, source_name
),

-- Each referral once per required item it lacked (spellings differing only in case are one
-- item), so counting rows counts referrals.
referral_missing_required as (
    select distinct missing_items.referral_id, required.item
    from missing_items
    inner join required on lower(required.item) = lower(missing_items.item)
),

missing_rows as (
    select referral_periods.period_key, referral_periods.source_name, referral_missing_required.item
    from referral_missing_required
    inner join referral_periods on referral_periods.referral_id = referral_missing_required.referral_id
),

missing_counts as (
    select period_key, source_name, item, count(*) as missing
    from (
        select period_key, source_name, item from missing_rows
        union all
        select period_key, '(all)', item from missing_rows
    )
    group by period_key, source_name, item
),

final as (
    select
        referral_counts.period_key,
        referral_counts.source_name,
        required.item,
        referral_counts.referrals,
        coalesce(missing_counts.missing, 0) as missing
    from referral_counts
    cross join required
    left join missing_counts
        on missing_counts.period_key = referral_counts.period_key
        and missing_counts.source_name = referral_counts.source_name
        and missing_counts.item = required.item
)

select * from final
