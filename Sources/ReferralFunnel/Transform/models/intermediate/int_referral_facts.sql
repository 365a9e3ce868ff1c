-- Grain: one row per referral. Kept between runs: rebuilt only for the referrals in scope
-- (see IncrementalReferralModels). What does not depend on the run's as_of or on source
-- names; fct_referrals adds those.
-- Everything SPEC section 4 counts about a referral, in the cohort of the ISO week it was
-- received, judged on the latest snapshots. Durations are elapsed time between instants.
with referrals as (
    select * from scoped_attributed_referrals
),

appointments as (
    select * from scoped_linked_appointments
    where linked_referral_id is not null
),

status_history as (
    select * from stg_intake__status_history
),

parameters as (
    select * from run_parameters
),

appointment_outcomes as (
    select
        appointments.linked_referral_id as referral_id,
        count(*) as linked_appointments,
        min(case when appointments.status not in ('cancelled', 'rescheduled') then appointments.starts_at end)
            as first_appointment_starts_at,
        max(appointments.status not in ('cancelled', 'rescheduled')) as has_live_appointment,
        max(appointments.status = 'completed') as has_completed_appointment,
        sum(appointments.status = 'no_show') as no_show_appointments,
        sum(appointments.status = 'completed') as attended_appointments,
        max(
            appointments.status = 'completed'
            and appointments.note_sent_at is not null
            and appointments.note_sent_at - appointments.starts_at <= parameters.followup_microseconds
        ) as has_timely_note
    from appointments
    cross join parameters
    group by appointments.linked_referral_id
),

final as (
    select
        referrals.referral_id,
        referrals.source_key,
        iso_week(referrals.received_at) as received_week,
        referrals.received_at,
        referrals.service_line,
        referrals.referring_npi,
        referrals.attribution_path,
        referrals.missing_items,
        referrals.missing_items = '' as is_complete,
        referrals.has_been_returned,
        referrals.has_been_accepted,
        -- One seek per referral in the history's (referral_id, status) index, which answers it
        -- alone; a night seeks only its scope's referrals.
        exists (
            select 1 from status_history
            where status_history.referral_id = referrals.referral_id and status_history.status = 'declined'
        ) as has_been_declined,
        referrals.confirmed_at is not null as is_confirmed,
        referrals.confirmed_at - referrals.received_at as microseconds_to_confirm,
        coalesce(referrals.confirmed_at - referrals.received_at <= parameters.sla_microseconds, 0)
            as is_confirmed_within_sla,
        coalesce(appointment_outcomes.linked_appointments, 0) > 0 as is_scheduled,
        appointment_outcomes.first_appointment_starts_at,
        appointment_outcomes.first_appointment_starts_at - referrals.received_at
            as microseconds_to_first_appointment,
        coalesce(appointment_outcomes.has_completed_appointment, 0) as is_completed,
        coalesce(appointment_outcomes.no_show_appointments, 0) as no_show_appointments,
        coalesce(appointment_outcomes.attended_appointments, 0) as attended_appointments,
        coalesce(appointment_outcomes.has_timely_note, 0) as is_closed_loop,
        coalesce(appointment_outcomes.has_live_appointment, 0) as has_live_appointment,
        -- The landing page and campaign of the session of the first form_submit that carried
        -- the winning row's submission_id, whatever the source: pages and campaigns count the
        -- referral there (SPEC 4.1). Null landing page: not through the web, or a session
        -- without a page_view.
        referrals.web_landing_page,
        referrals.web_utm_source,
        referrals.web_utm_medium,
        referrals.web_utm_campaign,
        referrals.web_referrer_host
    from referrals
    cross join parameters
    left join appointment_outcomes on appointment_outcomes.referral_id = referrals.referral_id
)

select * from final
