-- Grain: one row per stalled referral. A view: the reports read it once a run.
-- The coordinators' worklist: accepted referrals with no appointment other than cancelled or
-- rescheduled, received more than stall_days before as_of. Nothing about the patient.
with referrals as (
    select * from fct_referrals
),

final as (
    select
        referral_id,
        source_name,
        service_line,
        received_at,
        local_date(received_at) as received_date,
        days_since_received as days_waiting
    from referrals
    where is_stalled
)

select * from final
