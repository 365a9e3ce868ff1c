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

referral_rows as (
    select periods.period_key, referrals.referral_id, referrals.source_name
    from referrals
    inner join periods on periods.week = referrals.received_week
    union all
    select periods.period_key, referrals.referral_id, '(all)'
    from referrals
    inner join periods on periods.week = referrals.received_week
),

final as (
    select
        referral_rows.period_key,
        referral_rows.source_name,
        required.item,
        count(*) as referrals,
        sum(
            exists (
                select 1 from missing_items
                where missing_items.referral_id = referral_rows.referral_id
                    and lower(missing_items.item) = lower(required.item)
            )
        ) as missing
    from referral_rows
    cross join required
    group by referral_rows.period_key, referral_rows.source_name, required.item
)

select * from final
