-- Grain: one row per appointment.
-- Links each appointment to at most one referral (SPEC section 4): by referral_id when it
-- names a known referral; else the same patient's referral with the latest received_at not
-- after booked_at and at most link_window_days before it (a tie goes to the referral first
-- seen later). link_method records how, for data quality.
-- Kept between runs: rebuilt only for the appointments in scope (new snapshots, and those
-- of patients or referral ids whose referrals changed).
with appointments as (
    select * from scoped_appointments
),

-- Not materialized: looked up through stg_intake__referrals' indexes, not copied.
referrals as not materialized (
    select referral_id, patient_key, received_at, first_seen_file_id, first_seen_line
    from stg_intake__referrals
),

parameters as (
    select * from run_parameters
),

linked_by_referral_id as (
    select appointments.appointment_id, referrals.referral_id
    from appointments
    inner join referrals on referrals.referral_id = appointments.referral_id
),

patient_candidates as (
    select
        appointments.appointment_id,
        referrals.referral_id,
        row_number() over (
            partition by appointments.appointment_id
            order by referrals.received_at desc, referrals.first_seen_file_id desc, referrals.first_seen_line desc
        ) as candidate_order
    from appointments
    cross join parameters
    -- The patient index holds each key's first 8 hex digits (see patientLookupKey in
    -- IncrementalReferralModels.swift): seek by those, then compare the whole key.
    inner join referrals
        on substr(referrals.patient_key, 1, 8) = substr(appointments.patient_key, 1, 8)
        and referrals.patient_key = appointments.patient_key
        and referrals.received_at <= appointments.booked_at
        and referrals.received_at >= appointments.booked_at - parameters.link_window_microseconds
    where appointments.appointment_id not in (select appointment_id from linked_by_referral_id)
),

-- Only what the facts and the data-quality page read: the appointment's other columns stay
-- in stg_scheduling__appointments (a year's links are 110 MB written whole, 35 MB so).
final as (
    select
        appointments.appointment_id,
        appointments.status,
        appointments.starts_at,
        appointments.note_sent_at,
        coalesce(linked_by_referral_id.referral_id, patient_candidates.referral_id) as linked_referral_id,
        case
            when linked_by_referral_id.referral_id is not null then 'referral_id'
            when patient_candidates.referral_id is not null then 'patient_within_window'
        end as link_method
    from appointments
    left join linked_by_referral_id on linked_by_referral_id.appointment_id = appointments.appointment_id
    left join patient_candidates
        on patient_candidates.appointment_id = appointments.appointment_id
        and patient_candidates.candidate_order = 1
)

select * from final
